"""Whether a question looks past the job: a level above it, or what comes after it.

"is principal tpm a thing i could aim for?" and "could i start my own business after being a
tpm" lean, word by word, to the readiness check ("could I …", "a TPM"), which weighs whether
someone could become a TPM. They ask what lies beyond being one, which is the career's
advancement: a level above the TPM (a seniority the question frame found, or a role above it)
or a step "after being" / "once I'm" one.
"""

from __future__ import annotations

import re
from typing import Any

from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from components.qualifiers import SENIORITY
from components.role_mentions import ENTITY as ROLE
from components.role_mentions import JOB_MENTIONS

# Said just before a job: the step that follows it ("after being a", "once i'm a", "after years
# as a", "beyond").
AFTER_THE_JOB = re.compile(
    r"\b(?:after|once|beyond|past)\s+(?:(?:being|becoming|working\s+as|years?\s+as|i'?m|i\s+am"
    r"|i\s+become|you'?re|you\s+are)\s+)?(?:an?\s+|the\s+)?$",
    re.IGNORECASE,
)


# Asking how to reach a level, or what a level is: "how do i become a director of technical
# project management", "what's a principal tpm".
REACHING = re.compile(
    r"\b(?:become|becoming|get\s+to\s+be|reach|promoted|make\s+it\s+to|move\s+up|work\s+up"
    r"|higher|outranks?|more\s+senior)\b"
    r"|^\W*what(?:'?s|\s+is)\s+(?:an?\s+)?\w+(?:[- ]level)?\s+tpm\W*$",
    re.IGNORECASE,
)


def level_word(value: Any) -> str:
    """The rank a seniority names: "director" of "director of technical project management"."""
    words = str(value).casefold().replace("-", " ").split()
    return words[0] if words else ""


# Setting two things side by side: "lead tpm vs a senior one".
COMPARED = re.compile(r"\b(?:vs|versus|compared\s+(?:to|with))\b", re.IGNORECASE)


def reaches_past_the_job(message: Message, config: dict[str, Any]) -> bool:
    """Whether the message asks how to reach a level above the job, what such a level is, or
    how it compares with the job's other levels (no other job named: "lead tpm vs
    coordinator" is a difference of jobs): where the career leads answers, not what it takes
    to become a TPM or what one is."""
    text = message.get(TEXT) or ""
    if not looks_past_the_job(message, config):
        return False
    if REACHING.search(text):
        return True
    jobs = message.get(JOB_MENTIONS) or []
    return bool(COMPARED.search(text)) and all(
        job.get("value") in config["tpm_roles"] for job in jobs
    )


def looks_past_the_job(message: Message, config: dict[str, Any]) -> bool:
    """Whether the message asks about a level above the job (`levels_above`, `roles_above`)
    or about what follows it (one of `tpm_roles` after "after being")."""
    found = message.get(ENTITIES) or []
    above = any(
        (e.get("entity") == SENIORITY and level_word(e.get("value")) in config["levels_above"])
        or (e.get("entity") == ROLE and e.get("value") in config["roles_above"])
        for e in found
    )
    text = message.get(TEXT) or ""
    # The job itself, not another one left for it ("a tpm after being a coordinator").
    jobs = [
        job for job in message.get(JOB_MENTIONS) or [] if job.get("value") in config["tpm_roles"]
    ]
    return above or any(AFTER_THE_JOB.search(text[: job["start"]]) for job in jobs)
