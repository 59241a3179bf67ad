"""Which way a question about reporting lines looks: up to the boss, or down to the team.

"Who does a TPM supervise?" and "who supervises a TPM?" share every word; so do "who reports
to the TPM?" and "who does the TPM report to?". Word n-grams and sentence embeddings weigh
the words alike, so the two topics (`ask_who_reports`: the people under the role;
`ask_reports_to`: whom the role answers to) split such questions about evenly. English tells
them apart by the place of "who": before the verb it is the verb's subject ("who supervises
X": above X; "who reports to X": below X), after an auxiliary and another subject it is the
object ("who does X supervise": below; "who does X report to": above).

spaCy's small English parser reads these questions wrongly when a job title stands between
the auxiliary and the verb ("who does a tpm report to": "report" as a noun), so the word
order is read here directly. `direction` returns ABOVE, BELOW or None (not such a question),
and `directed` lets it decide between the two topics in NLU's ranking
(components/intent_classifier.py).
"""

from __future__ import annotations

import re
from typing import Any

ABOVE = "above"
BELOW = "below"

WHO = r"\b(?:who|whom)\s+"
AUXILIARY = r"(?:do|does|did|would|will|should|can|could|might|must|am|is|are|was|were)"
# Verbs of having people under one: "who does X supervise" looks down, "who supervises X" up.
SUPERVISING = (
    r"(?:supervis(?:e|es|ed|ing)|overs(?:ee|ees|eeing|aw|een)|manag(?:e|es|ed|ing)|lead(?:s|ing)?|led"
    r"|direct(?:s|ed|ing)?)\b"
)
# Verbs of answering to someone: "who does X report to" looks up, "who reports to X" down.
REPORTING = r"(?:report(?:s|ed|ing)?|answer(?:s|ed|ing)?)\s+(?:up\s+|directly\s+)?to\b"

# After "who" and an auxiliary, the verb's own subject is at most this many words.
MAX_SUBJECT_WORDS = 5
WORD = re.compile(r"[\w'-]+")
# Words that continue the verb phrase rather than start a subject ("who will be reporting",
# "who would end up managing", "who would eventually report"), with any adverb in -ly.
VERB_PHRASE = {
    "be", "been", "being", "going", "to", "have", "has", "had", "not", "still", "also",
    "end", "up", "get", "need", "want", "tend", "come", "ever", "then", "soon",
}  # fmt: skip


def continues_verb(word: str) -> bool:
    """Whether `word`, after "who" and an auxiliary, is part of the verb phrase."""
    return word in VERB_PHRASE or word.endswith("ly") or bool(re.fullmatch(AUXILIARY, word))


QUESTION_START = re.compile(WHO + r"(?P<auxiliary>" + AUXILIARY + r"\s+)?")


def looks(rest: str) -> str | None:
    """ABOVE or BELOW for a verb at the start of `rest` with "who" as its subject."""
    if re.match(REPORTING, rest):
        return BELOW
    if re.match(SUPERVISING, rest):
        return ABOVE
    return None


def direction(text: str) -> str | None:
    """ABOVE when the question asks who is over the role, BELOW when who is under it."""
    lowered = text.lower()
    for found in QUESTION_START.finditer(lowered):
        rest = lowered[found.end() :]
        words = list(WORD.finditer(rest))
        if found.group("auxiliary") and words and not continues_verb(words[0].group()):
            seen = looks(rest)
            if seen is not None:
                # "who would report to me": no subject between, "who" is the subject.
                return seen
            # "who" as the object: the auxiliary, the verb's subject, then the verb.
            for word in words[1 : MAX_SUBJECT_WORDS + 1]:
                seen = looks(rest[word.start() :])
                if seen is not None:
                    return ABOVE if seen == BELOW else BELOW
            continue
        # "who" as the subject: the verb next, after any auxiliaries and "be".
        for word in words[:4]:
            seen = looks(rest[word.start() :])
            if seen is not None:
                return seen
            if not continues_verb(word.group()):
                break
    return None


# The topic each way asks about (domain.yml's intents).
TOPIC_OF = {ABOVE: "ask_reports_to", BELOW: "ask_who_reports"}


def directed(ranking: list[dict[str, Any]], way: str | None) -> list[dict[str, Any]]:
    """The intent ranking with the two reporting-line topics decided by `way`.

    Only where NLU already reads the message as one of the two (first, or both among the first
    three): the topic `way` names takes both their confidences, the other none. A question about
    something else that happens to say "who leads…" keeps its ranking.
    """
    if way is None or not ranking:
        return ranking
    names = [guess["name"] for guess in ranking]
    pair = set(TOPIC_OF.values())
    if names[0] not in pair and not pair <= set(names[:3]):
        return ranking
    target = TOPIC_OF[way]
    (other,) = pair - {target}
    confidence = {guess["name"]: guess["confidence"] for guess in ranking}
    merged = confidence.get(target, 0.0) + confidence.get(other, 0.0)
    rest = [guess for guess in ranking if guess["name"] not in pair]
    dropped = [{"name": other, "confidence": 0.0}] if other in names else []
    decided = [{"name": target, "confidence": merged}, *rest, *dropped]
    decided.sort(key=lambda guess: -guess["confidence"])
    return decided[: len(ranking)]
