"""How people write a role's name: case, articles, hyphens and typing slips folded.

Shared by the knowledge model (which role a mention means) and the NLU component that marks
role mentions (components/role_mentions.py), so both read a name the same way.
"""

from __future__ import annotations

import re
from typing import TypeVar

from rapidfuzz.distance import OSA

# Words this short must be written exactly: "sr" is not "of", "tpm" is not "tmp".
SHORT_WORD = 4
LONG_WORD = 9

RoleT = TypeVar("RoleT")

# Jobs of people who hire TPMs rather than become one: "recruiter here, what should I screen
# for?" asks what a candidate needs, not whether the asker is ready.
HIRING_JOBS = re.compile(
    r"\b(recruiters?|hiring\s+managers?|hr|human\s+resources|talent\s+(?:acquisition|partners?)"
    r"|headhunters?|employers?)\b",
    re.IGNORECASE,
)


def hires_tpms(job: str) -> bool:
    """Whether `job`, the asker's own, is one that hires TPMs (a recruiter, HR)."""
    return bool(HIRING_JOBS.search(job))


def normalise_role_mention(text: str) -> str:
    """Fold case, punctuation, articles and spacing so "the TPM's" matches the alias "TPM"."""
    text = text.casefold().replace("’", "'")
    text = re.sub(r"'s\b", "", text)
    # "co-ordinator" is "coordinator".
    text = re.sub(r"(?<=\w)-(?=\w)", "", text)
    text = re.sub(r"[^\w\s]", " ", text)
    words = [word for word in text.split() if word not in {"a", "an", "the"}]
    return " ".join(words)


def spelled_alike(written: str, name: str) -> bool:
    """Whether `written` is `name` with at most one typing slip per word (a letter wrong,
    missing, extra, or two swapped; two in a long word), both already folded by
    normalise_role_mention.

    Names of one word must match exactly: "schedule" is a word of its own, not "scheduler".
    Short words must match exactly too.
    """
    written_words, name_words = written.split(), name.split()
    if len(written_words) != len(name_words) or len(name_words) < 2:
        return written == name
    return all(
        mine == theirs
        or (len(theirs) > SHORT_WORD and OSA.distance(mine, theirs) <= slips_allowed(theirs))
        for mine, theirs in zip(written_words, name_words, strict=True)
    )


def slips_allowed(word: str) -> int:
    """One slip in a word, two in a long one ("techinal" for "technical")."""
    return 2 if len(word) >= LONG_WORD else 1


def closest_role(wanted: str, names: dict[str, RoleT]) -> RoleT | None:
    """The one role a misspelt mention is spelled like, or None.

    "techincal project manager" is the TPM; "project manager" is another job. A mention spelled
    like two roles' names is ambiguous, so it is neither.
    """
    close = {id(role): role for name, role in names.items() if spelled_alike(wanted, name)}
    return next(iter(close.values())) if len(close) == 1 else None
