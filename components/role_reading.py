"""What each job a message names is to its question: asked about, the asker's own, or beside.

"I work as a project scheduler. What would it take to become a TPM?" asks about the TPM, the
scheduler being the asker's own job; "How is a TPM different from a scrum master?" asks about
the TPM with a job the sources don't describe beside it, which the answer must say it can't
compare. Kept apart from components/question_frame.py, which finds places, periods and levels.
"""

from __future__ import annotations

import re
from typing import Any

from rasa.shared.nlu.constants import (
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_ROLE,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    EXTRACTOR,
)

from components.asker_parse import (
    FIRST_PERSON_WORDS,
    OWN_JOB_COMPARED,
    TARGET_CUE,
    introduces_asker,
    is_asker,
    opens_with_own_job,
    sets_beside,
    words_of,
)
from components.hierarchy import reporting_reading
from components.role_mentions import ENTITY as ROLE

ASKER_ROLE = "asker_role"
# The job the assistant is about, by its canonical name (data/nlu/roles.yml's synonym).
DEFAULT = "technical project manager"
OTHER_ROLE = "other_role"
# The job someone would leave for the one asked about ("can a qa tester become a tpm").
ORIGIN_ROLE = "origin_role"
# A second name of the role asked about ("tpm vs project manager, same thing?").
SAME_ROLE = "same_role"
# The entity role of an `other_role` the message likens to or contrasts with the job asked
# about ("is a tpm the same as a program manager"), rather than only naming beside it.
COMPARED = "compared"
EXTRACTOR_NAME = "QuestionFrameExtractor"
# Likening words sets_beside leaves out: "is it like a tpm", "basically a tpm?".
LIKE = re.compile(r"\b(?:like\s+(?:a|an|the)|alike|equivalent|basically)\b", re.IGNORECASE)


def entity(kind: str, start: int, end: int, value: str) -> dict[str, Any]:
    return {
        ENTITY_ATTRIBUTE_TYPE: kind,
        ENTITY_ATTRIBUTE_START: start,
        ENTITY_ATTRIBUTE_END: end,
        ENTITY_ATTRIBUTE_VALUE: value,
        EXTRACTOR: EXTRACTOR_NAME,
    }


def likens(text: str) -> bool:
    """Whether the message likens or contrasts jobs ("vs", "same as", "is it like a …")."""
    return sets_beside(text) or bool(LIKE.search(text))


def other_role(text: str, job: dict[str, Any]) -> dict[str, Any]:
    """`job`, one the sources don't describe, as the job beside the one asked about."""
    found = entity(OTHER_ROLE, job["start"], job["end"], job["value"])
    return {**found, ENTITY_ATTRIBUTE_ROLE: COMPARED} if likens(text) else found


# Where a sentence ends: its mark, then a space and the next sentence.
SENTENCE_END = re.compile(r"[.!?]+\s+(?=\S)")


def told_before_question(text: str, jobs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The jobs named in the sentences before a message's last question, when that question
    names a job of its own: a story told first ("my son got an offer as a coordinator …")
    says who asks and why, and the question says what about."""
    if "?" not in text:
        return []
    last_question = text.rstrip().rfind("?")
    ends = [m.end() for m in SENTENCE_END.finditer(text) if m.end() <= last_question]
    if not ends:
        return []
    start = ends[-1]
    if not any(job["start"] >= start for job in jobs):
        return []
    return [job for job in jobs if job["end"] <= start]


def asked_roles(text: str, jobs: list[dict[str, Any]], doc: Any) -> list[dict[str, Any]]:
    """What each job the message names is to the question (`doc`: its spaCy parse, if made).

    The job asked about (`role`), the asker's own (`asker_role`), one they would leave
    (`origin_role`), one the sources don't describe set beside a known one (`other_role`, with
    the entity role `compared` when the message likens or contrasts them), and a second name of
    the job asked about (`same_role`).
    """
    targets = [job for job in jobs if TARGET_CUE.search(text[: job["start"]])]
    # A job wanted is not the asker's, however the parse reads "before im a real tpm".
    askers = [
        job
        for job in jobs
        if doc is not None and is_asker(doc, job["start"], job["end"]) and job not in targets
    ]
    if (
        targets
        and not askers
        and FIRST_PERSON_WORDS.intersection(words_of(text))
        and not sets_beside(text)
    ):
        # "been a coordinator 2 yrs, how do i level up to tpm": whatever the parse made of
        # it, the job not wanted is the one the asker has (not in "should i be a data
        # scientist or a tpm", which weighs the two).
        askers = [job for job in jobs if job not in targets][:1]
    if not askers and (introduces_asker(text, jobs) or opens_with_own_job(text, jobs, DEFAULT)):
        # "graphic designer lol is tpm even realistic for me", "scheduler on a construction
        # project, do tpms make more than avg?": the job that opens the message, with a
        # question about "me" or about the TPM after it, is the asker's.
        askers = jobs[:1]
    # The job wanted first: it is the one asked about. The asker's own job named again is
    # still theirs ("im a sysadmin, do tpms ever do sysadmin work?"), unless it is set
    # beside the TPM ("im a nurse, does a nurse earn more than a tpm").
    own = set() if sets_beside(text) else {str(job["value"]).casefold() for job in askers}
    origins = (
        [job for job in jobs if job not in targets and not job.get("known")]
        if targets and not askers
        else []
    )
    # "can a qa tester become a tpm": a job the sources don't describe, left for the one
    # wanted, is where one starts, not the job asked about (and not the asker's, who may
    # ask for someone else). "can a tpm become a consultant" asks about the TPM.
    own |= {str(job["value"]).casefold() for job in origins}
    # "…my team has a coordinator and a scheduler. What are the next steps after being a
    # TPM?": the jobs of the story before the question are not what it asks about.
    story = told_before_question(text, jobs)
    asked = sorted(
        (
            job
            for job in jobs
            if job not in askers and job not in story and str(job["value"]).casefold() not in own
        ),
        key=lambda job: job not in targets,
    )
    known = [job for job in asked if job.get("known")]
    unknown = [job for job in asked if not job.get("known")]
    found = []
    if origins:
        first = origins[0]
        found.append(entity(ORIGIN_ROLE, first["start"], first["end"], first["value"]))
    if askers:
        first = askers[0]
        found.append(entity(ASKER_ROLE, first["start"], first["end"], first["value"]))
    # "who do I report to if I'm a project coordinator": with no other role named, the
    # asker's own is the one asked about too.
    subject = known[:1] or unknown[:1] or [job for job in askers[:1] if job.get("known")]
    if subject:
        found.append(entity(ROLE, subject[0]["start"], subject[0]["end"], subject[0]["value"]))
    if known and unknown:
        other = unknown[0]
        found.append(other_role(text, other))
    elif known and askers and not askers[0].get("known") and OWN_JOB_COMPARED.search(text):
        # "i'm a data scientist, does my job pay more than tpm": the asker's own job is
        # one side of the comparison, and the sources don't describe it.
        found.append(other_role(text, askers[0]))
    elif unknown and not known and not askers and len(jobs) == 1 and likens(text):
        # "any difference vs a solutions engineer?": set beside the job the conversation is
        # about, which the message leaves unnamed.
        found = [e for e in found if e[ENTITY_ATTRIBUTE_TYPE] != ROLE]
        found.append(other_role(text, unknown[0]))
    again = [job for job in known[1:] if job["value"] == known[0]["value"]]
    if again:
        found.append(entity(SAME_ROLE, again[0]["start"], again[0]["end"], again[0]["value"]))
    in_question = [job for job in jobs if job not in story]
    reading = reporting_reading(text, in_question, askers[0]["start"] if askers else None)
    if reading is not None:
        # "does the scheduler work under the TPM?": the job whose team or boss is asked;
        # a job the sources don't describe stays named ("do business analysts report…").
        found = [e for e in found if e[ENTITY_ATTRIBUTE_TYPE] != ROLE]
        found += [entity(ROLE, j["start"], j["end"], j["value"]) for j in reading[1:] if j]
    return found
