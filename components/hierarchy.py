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

WHO = r"\b(?:who|whom)(?:'s\s+|\s+)"
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
    "supposed", "expected", "meant", "likely",
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


# "tpm reports to which person normally", "tpms answer to whom": the question word after it.
REPORTING_TO_WHOM = re.compile(r"\b" + REPORTING + r"\s+(?:which|what|whom|who)\b")


def direction(text: str) -> str | None:
    """ABOVE when the question asks who is over the role, BELOW when who is under it."""
    lowered = text.lower()
    if REPORTING_TO_WHOM.search(lowered):
        return ABOVE
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


# Yes/no questions and statements that set one party under another, both named: "does the
# scheduler work under the TPM?", "would I be working under a TPM?", "is the TPM the boss of
# the scheduler?". UNDER puts the party before it below the one after; OVER above.
UNDER = re.compile(
    r"\b(?:" + REPORTING + r"|work(?:s|ed|ing)?\s+(?:under|below|for)|fall(?:s|ing)?\s+under"
    r"|sit(?:s|ting)?\s+under|(?:be|is|are|am)\s+(?:under|below|beneath)"
    r"|(?:managed|supervised|overseen|led|directed)\s+by)\b"
)
OVER = re.compile(
    r"\b(?:" + SUPERVISING + r"|(?:boss|manager|supervisor|superior|head)\s+(?:of|over)"
    r"|in\s+charge\s+of|(?:be|is|are)\s+(?:over|above))\b"
)
# Over the asker, who is named by the words themselves: "so the TPM would be my boss?".
OVER_ASKER = re.compile(
    r"\b(?:be|is|are|being)\s+(?:my|our)\s+(?:boss|manager|supervisor|superior|line\s+manager)\b"
)
# The asker as a party: "would I report to a TPM", "does my job fall under the TPM".
ASKER = "asker"
FIRST_PERSON = re.compile(r"\b(?:i|me|my\s+(?:job|role|position|team))\b")
# What may stand between a party and the relation after it ("the scheduler would usually
# report to"), and between the relation and the party after it ("report to the TPM").
BETWEEN_BEFORE = re.compile(
    r"(?:\s+(?:" + AUXILIARY + r"|\w+ly|be|been|still|also|going|to|ever|the|a|an))*\s*"
)
BETWEEN_AFTER = re.compile(r"\s*(?:(?:the|a|an|my|our|their|your|any|all|other)\s+)?")


def relation(text: str, jobs: list[dict[str, Any]]) -> tuple[Any, Any] | None:
    """(lower, upper) when the message sets one party under another, each a job mention (as
    components/role_mentions.py finds them) or ASKER; None for a "who" question, which
    `direction` reads, or when no two parties stand either side of such words."""
    lowered = text.lower()
    if QUESTION_START.search(lowered):
        return None
    parties: list[tuple[int, int, Any]] = [(j["start"], j["end"], j) for j in jobs]
    parties += [(m.start(), m.end(), ASKER) for m in FIRST_PERSON.finditer(lowered)]

    def before(at: int) -> Any:
        """The party just before position `at`, if only verb words stand between."""
        found = [p for s, e, p in parties if e <= at and BETWEEN_BEFORE.fullmatch(lowered[e:at])]
        return found[-1] if found else None

    def after(at: int) -> Any:
        """The party just after position `at`, if at most an article stands between."""
        found = [p for s, e, p in parties if s >= at and BETWEEN_AFTER.fullmatch(lowered[at:s])]
        return found[0] if found else None

    for pattern, under in ((UNDER, True), (OVER, False)):
        for found in pattern.finditer(lowered):
            first, second = before(found.start()), after(found.end())
            if first is not None and second is not None and first is not second:
                return (first, second) if under else (second, first)
    for found in OVER_ASKER.finditer(lowered):
        first = before(found.start())
        if first is not None and first is not ASKER:
            return ASKER, first
    return None


def reporting_reading(
    text: str, jobs: list[dict[str, Any]], asker_start: int | None
) -> tuple[str, dict[str, Any] | None] | None:
    """The way a relation asks (ABOVE, BELOW) and the job it asks about, for a message that
    sets one party under another: the team of the upper party when the sources describe its
    job ("does the scheduler work under the TPM?": who reports to a TPM), else whom the lower
    answers to ("does a TPM report to the CTO?"). The asker's job is the one whose mention
    starts at `asker_start`; an asker who named none is asked about as the conversation's role
    (None)."""
    seen = relation(text, jobs)
    if seen is None:
        return None

    def job(party: Any) -> dict[str, Any] | None:
        if party is not ASKER:
            return party
        return next((j for j in jobs if j["start"] == asker_start), None)

    lower, upper = (job(party) for party in seen)
    if upper is None and seen[1] is ASKER:
        return BELOW, None
    if upper is not None and upper.get("known"):
        return BELOW, upper
    return ABOVE, lower


# The topic each way asks about (domain.yml's intents).
TOPIC_OF = {ABOVE: "ask_reports_to", BELOW: "ask_who_reports"}


def directed(
    ranking: list[dict[str, Any]], way: str | None, sure: bool = False
) -> list[dict[str, Any]]:
    """The intent ranking with the two reporting-line topics decided by `way`.

    Only where NLU already reads the message as one of the two (first, or both among the first
    three): the topic `way` names takes both their confidences, the other none. A question about
    something else that happens to say "who leads…" keeps its ranking. When `sure` (two parties
    named either side of "works under", "is the boss of"), one of the two among the first three
    is enough, and the topic takes the confidence of the strongest other reading as well.
    """
    if way is None or not ranking:
        return ranking
    names = [guess["name"] for guess in ranking]
    pair = set(TOPIC_OF.values())
    if names[0] not in pair and not (pair <= set(names[:3]) or sure and pair & set(names[:3])):
        return ranking
    target = TOPIC_OF[way]
    (other,) = pair - {target}
    confidence = {guess["name"]: guess["confidence"] for guess in ranking}
    merged = confidence.get(target, 0.0) + confidence.get(other, 0.0)
    rest = [guess for guess in ranking if guess["name"] not in pair]
    dropped = [{"name": other, "confidence": 0.0}] if other in names else []
    decided = [{"name": target, "confidence": merged}, *rest, *dropped]
    decided.sort(key=lambda guess: -guess["confidence"])
    if sure:
        # Two parties named either side of the relation rule out the strongest other reading:
        # the topic takes its confidence too, and leads.
        rival = next(guess for guess in decided if guess["name"] != target)
        decided = [
            {"name": target, "confidence": merged + rival["confidence"]},
            *(guess for guess in decided if guess["name"] not in (target, rival["name"])),
            {"name": rival["name"], "confidence": 0.0},
        ]
    return decided[: len(ranking)]
