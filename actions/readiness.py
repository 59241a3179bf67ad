"""Compare a person with the role's requirements and word the personal result.

Pure functions over the knowledge file's `requirements`: the thresholds, what the sources say
each requirement is and what helps to meet it all come from there, so the result says exactly
what the sources say and changes when the file does; our own suggestions and our reading of
"several years" are labelled as ours. The result is chat-sized: a summary, then the findings a
page at a time ("Tell me more"), each page with the passages behind it ("Show the source text").
Kept apart from the Rasa actions so it can be tested on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from actions.form_input import FIELD_SKIPPED, field_is_related
from actions.knowledge import Knowledge
from actions.knowledge_model import MAX_MESSAGE_WORDS, Quote, distinct_quotes, word_count
from actions.replies import Message, page_record, paged_messages, topic_button
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
    # Where the comparison rests on our reading of "several years": that number, said after the
    # requirement and labelled as ours.
    several_years_read_as: float | None = None


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
        detail = f"you have {level.called} and {years(profile.it_years)} of IT experience"
        return Finding(
            requirements.associate_route, enough, detail, requirements.several_years_means
        )
    return Finding(requirements.degree, False, f"you have {level.called}")


def _field(profile: Profile, requirements: Requirements) -> Finding | None:
    field = profile.field
    lowest = min(level.rank for level in requirements.levels.values())
    if not field or field == FIELD_SKIPPED or profile.level.rank == lowest:
        return None
    related = field_is_related(field, requirements.field_words)
    return Finding(requirements.field, related, f"you studied {field}")


def _line(finding: Finding, messages: dict[str, str]) -> str:
    """One finding in full: what the person has, what the sources say (and, for a gap, what
    they say helps), our reading where we had to make one, and our suggestion, labelled."""
    requirement = finding.requirement
    words = [f"• {requirement.label}: {finding.detail}.", requirement.text]
    if finding.several_years_read_as is not None:
        reading = years(finding.several_years_read_as)
        words.append(messages["readiness_several_years_note"].format(years=reading))
    if not finding.met:
        if requirement.helps:
            words.append(requirement.helps_text)
        if requirement.suggestion:
            words.append(f"{messages['suggestion_label']} {requirement.suggestion}")
    return " ".join(words)


def _quotes(finding: Finding) -> tuple[Quote, ...]:
    requirement = finding.requirement
    return requirement.quotes if not finding.met else distinct_quotes(requirement.says)


def _pages(lines: list[tuple[str, tuple[Quote, ...]]]) -> list[tuple[str, tuple[Quote, ...]]]:
    """Lines gathered into chat-sized pages, each with the passages behind its lines."""
    pages: list[tuple[list[str], list[Quote]]] = []
    for text, quotes in lines:
        if pages and word_count("\n".join([*pages[-1][0], text])) <= MAX_MESSAGE_WORDS:
            pages[-1][0].append(text)
            pages[-1][1].extend(quotes)
        else:
            pages.append(([text], list(quotes)))
    return [("\n".join(texts), tuple(dict.fromkeys(quotes))) for texts, quotes in pages]


def result_messages(knowledge: Knowledge, assessment: Assessment) -> list[Message]:
    """The personal result: a summary of what is met and what is not yet, then the findings one
    chat-sized page at a time ("Tell me more"), each with its passages ("Show the source text").
    """
    messages = knowledge.messages
    role = knowledge.requirements.role

    met = list(assessment.met)
    if assessment.further.met:
        met.append(assessment.further)
    summary = [messages["readiness_result_intro"].format(role=role.name)]
    if met:
        summary.append(messages["readiness_result_meets"].format(labels=_labels(met)))
    if assessment.gaps:
        summary.append(messages["readiness_result_gaps"].format(labels=_labels(assessment.gaps)))

    lines = [(_line(finding, messages), _quotes(finding)) for finding in assessment.gaps]
    if not assessment.gaps:
        further = assessment.further.requirement
        no_gaps = messages["readiness_result_no_gaps"]
        if not assessment.further.met:
            text = f"{no_gaps}\n{messages['readiness_result_further']} {further.text}"
            lines.append((text, further.quotes))
        else:
            lines.append((no_gaps, ()))
    lines += [(_line(finding, messages), _quotes(finding)) for finding in met]
    pages = _pages(lines)
    if not pages[0][1]:
        # The no-gaps sentence quotes nothing: it goes with the first page that does.
        first_text, _ = pages.pop(0)
        text, quotes = pages.pop(0) if pages else ("", ())
        pages.insert(0, (f"{first_text}\n{text}".strip(), quotes))

    default = knowledge.default_role
    follow_ups = [
        topic_button(knowledge.topics[key], default)
        for key in knowledge.special_topics.after_readiness_result
    ]
    (first_text, first_quotes), rest = pages[0], pages[1:]
    more = [page_record(text, quotes) for text, quotes in rest]
    return [
        {"text": " ".join(summary)},
        *paged_messages(knowledge, first_text, first_quotes, more, follow_ups),
    ]


def _labels(findings: list[Finding] | tuple[Finding, ...]) -> str:
    return ", ".join(dict.fromkeys(finding.requirement.label for finding in findings))
