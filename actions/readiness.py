"""Compare a person with the role's requirements and word the personal result.

Pure functions over the knowledge file's `requirements`: the thresholds, what the sources say
each requirement is, how strongly they ask for it (their own hedge: "expect" or "useful") and
what helps to meet it all come from there, and so does every sentence the result says. A
verdict is the sources' where they give one; where they give no number or the check asked too
little to tell (what the IT experience included, a field they don't name), the point is left
to the person, labelled so, and our reading of "several years" and our suggestions are
labelled as ours. The result is chat-sized: one message says which points are met and which
not, "Tell me more" gives the points a page at a time, each page with the passages behind it.
Kept apart from the Rasa actions so it can be tested on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from actions.form_input import FIELD_SKIPPED, field_is_related
from actions.replies import (
    Message,
    evidence_record,
    page_record,
    paged_messages,
    topic_button,
)
from knowledge.loader import Knowledge
from knowledge.records import MAX_MESSAGE_WORDS, Quote, distinct_quotes, word_count
from knowledge.requirements import EducationLevel, Requirement, Requirements


class Verdict(Enum):
    """What the check can say of one requirement, no more than the sources and answers allow."""

    MET = "met"
    # An associate degree with several years: some businesses accept it, most expect more.
    PARTLY = "partly"
    NOT_YET = "not_yet"
    # The sources give no measure the answers can be held to: the person's to judge.
    YOURS_TO_JUDGE = "yours_to_judge"


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
    """One requirement compared with the person, with what the person said of it."""

    requirement: Requirement
    verdict: Verdict
    # What the person said, as the second half of "<label>: ..." (a messages.readiness_detail_*).
    detail: str
    # Where the comparison rests on our reading of "several years": that number, said after the
    # requirement and labelled as ours.
    several_years_read_as: float | None = None
    # Why the point is the person's to judge, in the knowledge file's words.
    judge_note: str | None = None

    @property
    def met(self) -> bool:
        return self.verdict is Verdict.MET


@dataclass(frozen=True)
class Assessment:
    """The findings in the order the result lists them, plus what helps beyond them."""

    findings: tuple[Finding, ...]
    # Graduate study: met for people who have it, else a suggestion once nothing else is missing.
    further: Finding

    def having(self, verdict: Verdict) -> tuple[Finding, ...]:
        return tuple(finding for finding in self.findings if finding.verdict is verdict)

    @property
    def met(self) -> tuple[Finding, ...]:
        return self.having(Verdict.MET)

    @property
    def gaps(self) -> tuple[Finding, ...]:
        return self.having(Verdict.NOT_YET)


def years(value: float) -> str:
    """Years as the result says them: "1 year", "4 years", "2.5 years", "none" for zero."""
    if value == 0:
        return "none"
    shown = f"{value:g}"
    return f"{shown} year" if value == 1 else f"{shown} years"


def assess(profile: Profile, knowledge: Knowledge) -> Assessment:
    """Every requirement of the knowledge file, compared with `profile`."""
    requirements, messages = knowledge.requirements, knowledge.messages
    findings = [_education(profile, requirements, messages)]
    field = _field(profile, requirements, messages)
    if field is not None:
        findings.append(field)
    said = messages["readiness_detail_years"]
    it_verdict = Verdict.YOURS_TO_JUDGE if profile.it_years > 0 else Verdict.NOT_YET
    findings.append(
        Finding(
            requirements.it_experience,
            it_verdict,
            said.format(years=years(profile.it_years)),
            judge_note=messages["readiness_judge_experience"] if profile.it_years > 0 else None,
        )
    )
    enough = profile.management_years >= requirements.management_minimum_years
    findings.append(
        Finding(
            requirements.management_experience,
            Verdict.MET if enough else Verdict.NOT_YET,
            said.format(years=years(profile.management_years)),
        )
    )
    for key, skill in requirements.skills.items():
        has = key in profile.skills
        detail = messages["readiness_detail_skill" if has else "readiness_detail_no_skill"]
        findings.append(Finding(skill.requirement, Verdict.MET if has else Verdict.NOT_YET, detail))
    graduate = requirements.graduate_study
    has_graduate = profile.level.rank >= requirements.graduate_level.rank
    further = Finding(
        graduate,
        Verdict.MET if has_graduate else Verdict.NOT_YET,
        messages["readiness_detail_level"].format(level=profile.level.called),
    )
    return Assessment(tuple(findings), further)


def _education(profile: Profile, requirements: Requirements, messages: dict[str, str]) -> Finding:
    level = profile.level
    detail = messages["readiness_detail_level"].format(level=level.called)
    if level.rank >= requirements.minimum_level.rank:
        return Finding(requirements.degree, Verdict.MET, detail)
    if level.rank >= requirements.associate_level.rank:
        enough = profile.it_years >= requirements.several_years_means
        detail = messages["readiness_detail_associate"].format(
            level=level.called, years=years(profile.it_years)
        )
        return Finding(
            requirements.associate_route,
            Verdict.PARTLY if enough else Verdict.NOT_YET,
            detail,
            requirements.several_years_means,
        )
    return Finding(requirements.degree, Verdict.NOT_YET, detail)


def _field(
    profile: Profile, requirements: Requirements, messages: dict[str, str]
) -> Finding | None:
    field = profile.field
    lowest = min(level.rank for level in requirements.levels.values())
    if not field or field == FIELD_SKIPPED or profile.level.rank == lowest:
        return None
    detail = messages["readiness_detail_field"].format(field=field)
    if field_is_related(field, requirements.field_words):
        return Finding(requirements.field, Verdict.MET, detail)
    # The sources name some fields and rule none out: not a gap, the person's to judge.
    return Finding(
        requirements.field,
        Verdict.YOURS_TO_JUDGE,
        detail,
        judge_note=messages["readiness_judge_field"],
    )


def _line(finding: Finding, messages: dict[str, str]) -> str:
    """One finding in full: what the person said, what the sources say (and, short of met, what
    they say helps), our reading where we had to make one, and our suggestion, labelled."""
    requirement = finding.requirement
    head = messages["readiness_line"].format(label=requirement.label, detail=finding.detail)
    words = [head, requirement.text]
    if finding.several_years_read_as is not None:
        reading = years(finding.several_years_read_as)
        words.append(messages["readiness_several_years_note"].format(years=reading))
    if finding.judge_note:
        words.append(finding.judge_note)
    if finding.verdict in (Verdict.NOT_YET, Verdict.PARTLY):
        if requirement.helps:
            words.append(requirement.helps_text)
        if requirement.suggestion and finding.verdict is Verdict.NOT_YET:
            words.append(f"{messages['suggestion_label']} {requirement.suggestion}")
    return " ".join(words)


def _quotes(finding: Finding) -> tuple[Quote, ...]:
    requirement = finding.requirement
    return requirement.quotes if not finding.met else distinct_quotes(requirement.says)


def _evidence_fits(knowledge: Knowledge, quotes: list[Quote] | tuple[Quote, ...]) -> bool:
    """Whether "Show the source text" shows these passages in one turn."""
    # Imported here: the evidence action imports the replies this module builds on.
    from actions.evidence import evidence_messages

    shown = evidence_messages(knowledge, evidence_record(dict.fromkeys(quotes)))
    return len(shown) <= MAX_EVIDENCE_MESSAGES


def _pages(
    knowledge: Knowledge, lines: list[tuple[str, tuple[Quote, ...]]]
) -> list[tuple[str, tuple[Quote, ...]]]:
    """Lines gathered into chat-sized pages, each with the passages behind its lines, as many
    as one turn of evidence shows."""
    pages: list[tuple[list[str], list[Quote]]] = []
    for text, quotes in lines:
        if (
            pages
            and word_count("\n".join([*pages[-1][0], text])) <= MAX_MESSAGE_WORDS
            and _evidence_fits(knowledge, [*pages[-1][1], *quotes])
        ):
            pages[-1][0].append(text)
            pages[-1][1].extend(quotes)
        else:
            pages.append(([text], list(quotes)))
    return [("\n".join(texts), tuple(dict.fromkeys(quotes))) for texts, quotes in pages]


def summary_text(knowledge: Knowledge, assessment: Assessment) -> str:
    """The one message that says which points are met, partly met, not yet met (by how strongly
    the sources ask for them) and the person's to judge."""
    messages = knowledge.messages
    role = knowledge.requirements.role
    met = list(assessment.met)
    if assessment.further.met:
        met.append(assessment.further)
    gaps = assessment.gaps
    groups = [
        ("readiness_result_meets", met),
        ("readiness_result_partly", assessment.having(Verdict.PARTLY)),
        ("readiness_result_gaps_expected", [f for f in gaps if not f.requirement.only_useful]),
        ("readiness_result_gaps_useful", [f for f in gaps if f.requirement.only_useful]),
        ("readiness_result_yours", assessment.having(Verdict.YOURS_TO_JUDGE)),
    ]
    said = [messages["readiness_result_intro"].format(role=role.called)]
    said += [messages[key].format(labels=_labels(found)) for key, found in groups if found]
    return " ".join(said)


# The passages under "Show the source text" fill at most this many messages; with the check's
# question again after them, a turn stays within four (tests/test_chat_size.py).
MAX_EVIDENCE_MESSAGES = 3


def _met_lines(knowledge: Knowledge, assessment: Assessment) -> list[tuple[str, tuple[Quote, ...]]]:
    """What is met, short: the summary said so already; the passages stay behind "Show the
    source text". The qualities the person named share one line."""
    messages = knowledge.messages
    skills = set(knowledge.requirements.skills)
    met = assessment.met
    lines = [
        (
            messages["readiness_line"].format(label=f.requirement.label, detail=f.detail),
            _quotes(f),
        )
        for f in met
        if f.requirement.key not in skills
    ]
    # The qualities named share a line, as many as one turn of their passages shows.
    group: list[Finding] = []
    for finding in [f for f in met if f.requirement.key in skills]:
        if group and not _evidence_fits(
            knowledge, [q for f in (*group, finding) for q in _quotes(f)]
        ):
            lines.append(_skills_line(messages, group))
            group = []
        group.append(finding)
    if group:
        lines.append(_skills_line(messages, group))
    return lines


def _skills_line(messages: dict[str, str], named: list[Finding]) -> tuple[str, tuple[Quote, ...]]:
    text = messages["readiness_met_skills"].format(labels=_labels(named))
    return text, tuple(dict.fromkeys(q for f in named for q in _quotes(f)))


def _summary_quotes(knowledge: Knowledge, assessment: Assessment) -> tuple[Quote, ...]:
    """The passages behind the summary's "not yet" and "partly" (where it says how strongly the
    sources ask), as many as one turn of evidence shows; each page has its own in full."""
    wanted = [*assessment.gaps, *assessment.having(Verdict.PARTLY)] or list(assessment.met)
    chosen: list[Quote] = []
    for finding in wanted:
        for quote in distinct_quotes(finding.requirement.says):
            if not _evidence_fits(knowledge, [*chosen, quote]):
                return tuple(dict.fromkeys(chosen))
            chosen.append(quote)
    return tuple(dict.fromkeys(chosen))


def result_messages(knowledge: Knowledge, assessment: Assessment) -> list[Message]:
    """The personal result: one message saying which points are met and which not, its sources
    line, then every point, one chat-sized page per "Tell me more", each with its passages."""
    messages = knowledge.messages
    gaps = sorted(assessment.gaps, key=lambda finding: finding.requirement.only_useful)
    order = (*gaps, *assessment.having(Verdict.PARTLY), *assessment.having(Verdict.YOURS_TO_JUDGE))
    lines = [(_line(finding, messages), _quotes(finding)) for finding in order]
    lines += _met_lines(knowledge, assessment)
    further = assessment.further
    if not assessment.gaps and not assessment.having(Verdict.PARTLY):
        no_gaps = messages["readiness_result_no_gaps"]
        if not further.met:
            text = f"{no_gaps}\n{messages['readiness_result_further']} {further.requirement.text}"
            lines.insert(0, (text, further.requirement.quotes))
        else:
            lines.insert(0, (no_gaps, ()))
    pages = _pages(knowledge, lines)
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
    more = [page_record(text, quotes) for text, quotes in pages]
    summary = summary_text(knowledge, assessment)
    return paged_messages(
        knowledge, summary, _summary_quotes(knowledge, assessment), more, follow_ups
    )


def _labels(findings: list[Finding] | tuple[Finding, ...]) -> str:
    return ", ".join(dict.fromkeys(finding.requirement.label for finding in findings))
