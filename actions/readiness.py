"""Compare a person with the role's requirements and word the personal result.

Pure functions over the knowledge file's `requirements`: the thresholds, the requirement
texts and the next steps all come from there, so the result says exactly what the sources say
and changes when the file does. Kept apart from the Rasa actions so it can be tested on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from actions.form_input import FIELD_SKIPPED, field_is_related
from actions.knowledge import Knowledge, Source
from actions.replies import Message, sources_message, topic_button
from actions.requirements import EducationLevel, Requirement, Requirements


@dataclass(frozen=True)
class Profile:
    """A person's answers to the readiness questions, already validated."""

    level: EducationLevel
    field: str | None
    it_years: float
    management_years: float
    skills: frozenset[str]


@dataclass(frozen=True)
class Finding:
    """One requirement compared with the person: met or not, in personal words."""

    requirement: Requirement
    met: bool
    # What the person has, as the second half of "<label>: you have ...".
    detail: str
    # Said after the requirement, e.g. that "several years" is our reading of the source.
    note: str = ""


@dataclass(frozen=True)
class Assessment:
    """The findings in the order the result lists them, plus what helps beyond them."""

    findings: tuple[Finding, ...]
    # Graduate study: met for people who have it, else a suggestion once nothing else is missing.
    further: Finding

    @property
    def met(self) -> tuple[Finding, ...]:
        return tuple(finding for finding in self.findings if finding.met)

    @property
    def gaps(self) -> tuple[Finding, ...]:
        return tuple(finding for finding in self.findings if not finding.met)


def years(value: float) -> str:
    """Years as the result says them: "1 year", "4 years", "2.5 years", "none" for zero."""
    if value == 0:
        return "none"
    shown = f"{value:g}"
    return f"{shown} year" if value == 1 else f"{shown} years"


def assess(profile: Profile, requirements: Requirements) -> Assessment:
    """Every requirement of the knowledge file, compared with `profile`."""
    findings = [_education(profile, requirements)]
    field = _field(profile, requirements)
    if field is not None:
        findings.append(field)
    it = requirements.it_experience
    findings.append(
        Finding(it, profile.it_years >= requirements.it_minimum_years, years(profile.it_years))
    )
    management = requirements.management_experience
    findings.append(
        Finding(
            management,
            profile.management_years >= requirements.management_minimum_years,
            years(profile.management_years),
        )
    )
    for key, skill in requirements.skills.items():
        has = key in profile.skills
        findings.append(Finding(skill.requirement, has, "you have it" if has else "not yet"))
    graduate = requirements.graduate_study
    further = Finding(
        graduate,
        profile.level.rank >= requirements.graduate_level.rank,
        f"you have {profile.level.called}",
    )
    return Assessment(tuple(findings), further)


def _education(profile: Profile, requirements: Requirements) -> Finding:
    level = profile.level
    if level.rank >= requirements.minimum_level.rank:
        return Finding(requirements.degree, True, f"you have {level.called}")
    if level.rank >= requirements.associate_level.rank:
        enough = profile.it_years >= requirements.several_years_means
        note = (
            f"The source says “several years” without a number; I count "
            f"{years(requirements.several_years_means)} or more."
        )
        detail = f"you have {level.called} and {years(profile.it_years)} of IT experience"
        return Finding(requirements.associate_route, enough, detail, note)
    return Finding(requirements.degree, False, f"you have {level.called}")


def _field(profile: Profile, requirements: Requirements) -> Finding | None:
    field = profile.field
    lowest = min(level.rank for level in requirements.levels.values())
    if not field or field == FIELD_SKIPPED or profile.level.rank == lowest:
        return None
    related = field_is_related(field, requirements.field_words)
    return Finding(requirements.field, related, f"you studied {field}")


def _line(finding: Finding) -> str:
    requirement = finding.requirement
    line = f"• {requirement.label}: {finding.detail}. {requirement.text}"
    return f"{line} {finding.note}" if finding.note else line


def result_messages(knowledge: Knowledge, assessment: Assessment) -> list[Message]:
    """The personal result: what is met, each gap with its next step, and the sources."""
    messages = knowledge.messages
    role = knowledge.requirements.role
    cited: list[Source] = []

    met = list(assessment.met)
    if assessment.further.met:
        met.append(assessment.further)
    lines = [messages["readiness_result_intro"].format(role=role.name)]
    if met:
        lines += [messages["readiness_result_meets"], *(_line(finding) for finding in met)]
        cited += [finding.requirement.fact.source for finding in met]
    result = [{"text": "\n".join(lines)}]

    if assessment.gaps:
        gap_lines = [messages["readiness_result_gaps"]]
        for finding in assessment.gaps:
            step = finding.requirement.next_step
            gap_lines += [_line(finding), f"   Next step: {step.text}"]
            cited += [finding.requirement.fact.source, step.source]
        result.append({"text": "\n".join(gap_lines)})
    else:
        text = messages["readiness_result_no_gaps"]
        if not assessment.further.met:
            step = assessment.further.requirement.next_step
            text += f"\n{messages['readiness_result_further']} {step.text}"
            cited.append(step.source)
        result.append({"text": text})

    default = knowledge.default_role
    follow_ups = knowledge.special_topics.after_readiness_result
    buttons = [topic_button(knowledge.topics[key], default) for key in follow_ups]
    sources = tuple(dict.fromkeys(cited))
    result.append(sources_message(sources, buttons))
    return result
