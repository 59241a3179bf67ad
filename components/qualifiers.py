"""What a question asks beyond its topic: a place, a period, a level the sources don't cover.

The sources give yearly United States averages for one role at no particular level; a question
"in Canada", "per month", "after ten years" or "for a junior TPM" asks beyond them, and its
answer must say so (components/question_frame.py marks these as entities). Some of these words
also lean to a topic of their own ("years of experience", "in euros" like the requests to
convert money), so the intent classifier reads the question without them too
(`without_qualifiers`).
"""

from __future__ import annotations

import re
from typing import Any

from rasa.shared.nlu.constants import (
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
)

PLACE = "place"
PERIOD = "period"
SENIORITY = "seniority"

# Words a place follows; a message without one (and without a new word) skips the recogniser.
PLACE_CUES = frozenset("in from outside across at abroad overseas for of".split())
PLACE_LABELS = frozenset({"GPE", "LOC", "NORP"})
# Where the sources' facts are from: not a qualifier.
HOME_WORDS = re.compile(
    r"^(the\s+)?(us|u\.s\.?|usa|u\.s\.a\.?|united\s+states(\s+of\s+america)?|america|americans?)$",
    re.IGNORECASE,
)
ABROAD = re.compile(
    r"\b(abroad|overseas|internationally|other countries|outside\s+(?:of\s+)?(?:the\s+)?"
    r"(?:us|u\.s\.?|usa|united states|america|states))\b",
    re.IGNORECASE,
)
OUTSIDE_HOME = "places outside the United States"
NUMBER = (
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|a few|several|many"
    r"|some)"
)
PAY_PERIOD = re.compile(
    r"\b(?:(?:per|a|an|each|every|by\s+the|for\s+(?:one|a|1))\s+(hour|day|week|month)"
    r"|(hourly|daily|weekly|monthly|bi-?weekly|fortnightly)|(hour|day|week|month)\s+rates?"
    # "every two weeks", "per paycheck": a pay period too.
    r"|every\s+(?:two|2)\s+weeks|(?:per|a|each|every)\s+pay\s?(?:check|cheque|slip))\b",
    re.IGNORECASE,
)
# Pay by the hour or day as freelancers and contractors name it: "day rate", "hourly rate",
# "rate per hour". Always a question of pay, whatever else "day" leans to.
PAY_RATE = re.compile(
    r"\b(?:hour|day|week|month|hourly|daily|weekly|monthly)\s+rates?\b"
    r"|\brates?\s+(?:per|an?|by\s+the)\s+(?:hour|day|week|month)\b",
    re.IGNORECASE,
)
# Levels named alone, as people: "what about seniors?", "for juniors?", "junior ones", "what
# would a senior make" (the level, singular, in its first group that matched).
LEVEL_PEOPLE = re.compile(
    r"\b(junior|senior|beginner|fresher|newbie)(?:s\b|\s+(?:ones|people|folks|guys|staff"
    r"|candidates|hires|applicants|employees)\b)"
    r"|\ba\s+(junior|senior)\b(?=\s*(?:$|[?.!,]|(?:make|makes|earn|earns|get|gets|do|does|need"
    r"|needs|be|is|would|could|can|will|should)\b))",
    re.IGNORECASE,
)


def level_of(people: re.Match[str]) -> str:
    """The level a LEVEL_PEOPLE match names: "senior" for "seniors" or "a senior"."""
    return next(group for group in people.groups() if group).lower()


CAREER_PERIOD = re.compile(
    rf"\b(?:after|in|within|with|over|by)\s+(?:the\s+)?(?:first\s+|next\s+|coming\s+)?{NUMBER}\+?\s*(?:years?|yrs?|decades?)"
    r"(?:\s+(?:of\s+)?(?:experience|exp))?\b|\bafter\s+a\s+decade\b|\b(?:in|by|for)\s+20\d\d\b"
    # The past: the sources' figures are of the time they were written.
    rf"|\b(?:{NUMBER}|a)\s+(?:years?|yrs?|decades?)\s+ago\b|\bback\s+in\s+(?:19|20)\d\d\b"
    # The future, counted from today: "5 years from now", "a decade from now".
    rf"|\b(?:{NUMBER}|a)\s+(?:years?|yrs?|decades?)\s+from\s+(?:now|today)\b"
    r"|\b(?:over|in|within)\s+the\s+(?:next|coming)\s+decade\b",
    re.IGNORECASE,
)
SENIORITY_WORDS = re.compile(
    r"\b(junior|jr\.?|associate|entry[- ]?(?:level|lvl)|entry|starting|mid[- ]?(?:level|lvl)"
    r"|mid[- ]?career|principal|"
    r"staff|lead|beginner|fresher|new[- ]grad|graduate|new|first[- ]year|rookie|trainee|intern)"
    r"\b(?=\s+(?:(?:level|lvl)\s+)?(?:technical|tech|tpms?|pms?|project|salary|salaries|pay|wages?|"
    r"role|roles|position|positions|job|jobs)\b)"
    # "a tpm intern": the level after the job.
    # "what about principal level": the level alone, as a level.
    r"|\b(?:junior|entry|mid|principal|staff|lead|senior)(?=[- ]level\b)"
    # "a director-level tpm": a rank joined to "level" is one word, which no job list reads.
    r"|\b(?:director|executive|vp)(?=-level\b)"
    # "can a fresher become a tpm": a new graduate, whatever follows the word.
    r"|\bfreshers?\b"
    r"|(?<=\btpm\s)(?:interns?|trainees?|apprentices?|directors?|heads?)\b"
    r"|(?<=\btpms\s)(?:interns?|trainees?|apprentices?|directors?|heads?)\b",
    re.IGNORECASE,
)

# A job the sources don't describe named as a level ("director level tpm compensation", "a
# vp-level role"): the seniority asked for, not a second job.
# "director of technical project management", "head of the pmo": the rank over TPMs.
RANK_AS_LEVEL = re.compile(
    r"[- ]level\b|\s+of\s+(?:the\s+)?(?:tpms?|(?:technical\s+)?project\s+management|pmo)\b",
    re.IGNORECASE,
)

# Said of the start of a career, with no job word after it: the sources give no figure for an
# entry-level TPM either.
STARTING_OUT = re.compile(
    r"\b(?:(?:first|1st)\s+(?:year|yr|job)s?\s+(?:out\s+of|after)\s+(?:college|school|uni"
    r"|university)|(?:straight|right|fresh|just)\s+out\s+of\s+(?:college|school|uni|university)"
    r"|new\s+grads?|fresh\s+grads?|starting\s+out|just\s+starting|at\s+the\s+start"
    r"|(?:my|the|your|their)\s+(?:very\s+)?first\s+(?:year|yr)s?\s+as\s+(?:an?\s+)?(?:tpm|technical"
    r"|tech|project)"
    r"|(?:in|during)\s+(?:my|the|your|their|his|her|a)\s+(?:very\s+)?first\s+(?:year|yr)s?(?:\s+on"
    r"\s+the\s+job)?)\b",
    re.IGNORECASE,
)
STARTING_LEVEL = "entry-level"


# Qualifiers say the scope of a question, and some have words that lean to a topic of their
# own: years to experience, the first year out of college to education, currencies to the
# off-topic requests to convert money. A place never says what is asked of the job, but its
# name may lean elsewhere ("the outlook for it in australia" to the weather). A level is such a
# phrase when it has at least this many words; a shorter one ("entry-level") may lean too, or
# be what is asked.
MIN_LEANING_LEVEL_WORDS = 3
# Words left dangling when a qualifier goes: "make (in) their first year", "salary in euros".
DANGLING = re.compile(r"\b(?:in|during|for|at|of|into|their|my|your|his|her|the|a|an)\s*$", re.I)


def leans_elsewhere(found: dict[str, Any], text: str, any_level: bool = False) -> bool:
    """Whether the words of qualifier `found` in `text` lean to another topic than the
    question's (with `any_level`, a level of any length is taken to)."""
    kind, value = found[ENTITY_ATTRIBUTE_TYPE], str(found[ENTITY_ATTRIBUTE_VALUE])
    if kind == PLACE:
        return True
    if kind == SENIORITY:
        # "their first year out of college" leans to education; a level's own word ("junior",
        # "entry level") may be what is asked: "is a coordinator an entry level job?".
        written = text[found[ENTITY_ATTRIBUTE_START] : found[ENTITY_ATTRIBUTE_END]]
        return any_level or len(written.split()) >= MIN_LEANING_LEVEL_WORDS
    # "hourly" and "per month" say the topic too (pay); years don't (not experience).
    return kind == PERIOD and not PAY_PERIOD.search(value)


def without_qualifiers(text: str, found: list[dict[str, Any]], any_level: bool = False) -> str:
    """`text` without the qualifiers whose words lean to another topic (and the words they
    leave dangling), or "" when it has none."""
    spans = sorted(
        (e[ENTITY_ATTRIBUTE_START], e[ENTITY_ATTRIBUTE_END])
        for e in found
        if leans_elsewhere(e, text, any_level)
    )
    if not spans:
        return ""
    kept, at = [], 0
    for start, end in spans:
        if start < at:
            continue
        before = text[at:start]
        while (dangling := DANGLING.search(before)) is not None:
            before = before[: dangling.start()]
        # "what does a director of technical project management make": the job stays named.
        job = " tpm " if HOLDS_THE_JOB.search(text[start:end]) else " "
        kept.append(before + job)
        at = end
    kept.append(text[at:])
    return " ".join("".join(kept).split())


# A level that holds the job's name ("director of technical project management").
HOLDS_THE_JOB = re.compile(r"\b(?:tpms?|project\s+management|pmo)\b", re.IGNORECASE)


def rank_level(text: str, job: dict[str, Any]) -> str:
    """ " level" when a job is named as a level ("director level"), else ""."""
    level = RANK_AS_LEVEL.match(text, job["end"])
    return level.group() if level else ""
