"""Whether a sentence says no more than its quotes: its figures, roles and qualities.

A sentence in our own words may shorten or reorder its source, but a number, a job or a quality
it names must be one its quoted passages name too: that is where paraphrase turns into
invention ("three years" where the source says "several", "an assistant project manager builds
it" where the source only lists the role). The knowledge file's loader refuses a sentence that
names one its quotes don't, and the tests run the same check over every sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Numbers written out that carry a claim ("three years"); "one" is left out, as in "one of".
NUMBER_WORDS = (
    "two three four five six seven eight nine ten eleven twelve twenty thirty hundred thousand"
).split()
FIGURE = re.compile(r"\$?\d+(?:,\d{3})*(?:\.\d+)?|\b(?:" + "|".join(NUMBER_WORDS) + r")\b", re.I)
# Jobs the sources name besides the roles of the knowledge file; a sentence naming one must
# quote a passage that names it (singular or plural).
OTHER_JOBS = (
    "administrator",
    "operator",
    "analyst",
    "programmer",
    "consultant",
    "designer",
    "engineer",
    "technician",
    "freelancer",
    "vendor",
)
# The qualities the sources name, by the stem every way of writing them starts with
# ("organizational", "organisation"; "analytical", "analysis"). The job's own subject matter
# is not a quality: "technical" and "management" are left out.
QUALITY_STEMS = (
    "motivat",
    "analy",
    "communicat",
    "problem",
    "leader",
    "creativ",
    "organi",
    "time management",
    "detail",
    "abstract",
    "managerial",
    "math",
    "personal skill",
)


def _folded(text: str) -> str:
    return " ".join(text.replace("’", "'").casefold().split())


def figures(text: str) -> set[str]:
    """The numbers a text states, as written ("$99,910", "three", "9")."""
    return {match.casefold() for match in FIGURE.findall(text)}


def _names_job(text: str, name: str) -> bool:
    return re.search(r"\b" + re.escape(_folded(name)) + r"s?\b", text) is not None


def _names_quality(text: str, stem: str) -> bool:
    return re.search(r"\b" + re.escape(stem), text) is not None


def unsupported(
    sentence: str, quotes: Iterable[str], roles: Iterable[tuple[str, ...]]
) -> list[str]:
    """What `sentence` names that none of its `quotes` does: figures, jobs and qualities.

    `roles` holds, per role of the knowledge file that is not the subject of every answer, the
    names it goes by; naming a role by any of them is backed by a quote naming it by any of them.
    """
    said = _folded(sentence)
    quoted = _folded(" ".join(quotes))
    missing = [f"the figure '{figure}'" for figure in sorted(figures(said) - figures(quoted))]
    for names in roles:
        if any(_names_job(said, name) for name in names) and not any(
            _names_job(quoted, name) for name in names
        ):
            missing.append(f"the role '{names[0]}'")
    for job in OTHER_JOBS:
        if _names_job(said, job) and not _names_job(quoted, job):
            missing.append(f"the job '{job}'")
    for stem in QUALITY_STEMS:
        if _names_quality(said, stem) and not _names_quality(quoted, stem):
            missing.append(f"the quality '{stem}…'")
    return missing
