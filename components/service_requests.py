"""What a message asks of the assistant, beside the topic its words lean to.

"can u review my cv", "make me a study plan", "recommend me an online course": a request names
what it wants done, and the topic its other words lean to is not what was asked; the intent
classifier (components/intent_classifier.py) reads a request naming a service the assistant
doesn't offer, or things the sources never speak of, as asking for a service. And "recruiter
here, what should I screen for?" comes from someone who hires TPMs: it asks what a TPM needs,
not whether the asker is ready to be one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy as np
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from components.role_mentions import ENTITY as ROLE_ENTITY
from components.role_reading import ASKER_ROLE
from knowledge.role_names import hires_tpms

SERVICE_ENTITY = "service"
SUBJECT_ENTITY = "subject"

# A message's clauses: "recruiter here, can you write a job ad" holds its request second.
CLAUSE = re.compile(r"[,.;:!?]+|\s-+\s")
# A clause that opens as a request to the assistant.
REQUEST = re.compile(
    r"^\W*(?:(?:hey|hi|ok|okay|so)\W+)?(?:(?:can|could|would|will)\s+(?:you|u)\b|pl(?:ea)?se?\b|pls\b|"
    r"(?:make|write|give|build|find|create|draft|review|check|send|sign|match|pair|connect"
    r"|introduce|call|phone|refer)\s+me\b|help\s+me\s+(?:with|write|make|build)"
    r"|(?:write|draft|prepare)\s+(?:my|our)\b"
    r"|(?:recommend|suggest|calculate|calc|compute|compare|enroll|register|book|translate|convert"
    r"|proofread"
    r"|rewrite|draft|schedule|arrange|organi[sz]e|email|contact|look\s+up|search|google)\b"
    r"|remind\s+me\b"
    r"|(?:set|add|put)\s+(?:a|an|up)\b)",
    re.IGNORECASE,
)
# A clause that asks to be handed things ("recommend me a course", "give me a personality
# test", "can you find me tools"), not to be told about them ("can you tell me about stress").
ASKS_FOR_THINGS = re.compile(
    r"^\W*(?:(?:hey|hi|ok|okay|so)\W+)?(?:(?:can|could|would|will)\s+(?:you|u)\s+)?"
    r"(?:pl(?:ea)?se?\s+|pls\s+)?(?:recommend|suggest|give|find|send|list|point)\b",
    re.IGNORECASE,
)

# A clause that asks the assistant to choose for the asker ("which udemy course should i buy",
# "whats the best pmp course online"): a recommendation, as much as "recommend me a course".
ASKS_TO_CHOOSE = re.compile(
    r"\b(?:which|what)\b[^?]*?\bshould\s+(?:i|we)\s+(?:buy|take|join|pick|choose|get|enrol"
    r"|enroll|sign\s+up)\b"
    r"|\b(?:best|top)\s+(?:\w+\s+){0,2}?(?:courses?|bootcamps?|books?|programs?|programmes?"
    r"|certificates?|sites?|websites?|platforms?|apps?|tools?|companies|company|employers?)\b"
    r"|\b(?:tell|help)\s+me\s+(?:\w+\s+)?(?:which|what)\b[^?]*?\b(?:to\s+)?(?:join|buy|take|pick|choose)\b",
    re.IGNORECASE,
)

# A clause that opens as a question: a question word, or an auxiliary and its subject.
QUESTION = re.compile(
    r"^\W*(?:(?:and|so|but|ok|okay)\W+)?(?:why(?!\s+not\b)|how|what|whats|what's|when|where|who|which"
    r"|(?:could|can|should|would|will|do|does|did|is|are|am)\s+(?:i|you|u|we|they|he|she|it|tpms?"
    r"|a|an|the|this|that|my)\b)",
    re.IGNORECASE,
)


def asks_a_question(text: str) -> bool:
    """Whether any clause of `text` is a question ("why?", "could i actually do it"): no yes."""
    return any(QUESTION.search(clause) for clause in clauses(text))


# A clause that asks to be told something ("can you tell me if im a good candidate"): a
# question put politely, not a service.
ASKS_TO_BE_TOLD = re.compile(
    r"^\W*(?:(?:can|could|would|will)\s+(?:you|u)\s+)?(?:pl(?:ea)?se?\s+|pls\s+)?"
    r"(?:tell|explain\s+to)\s+(?:me|us)\b",
    re.IGNORECASE,
)


def asks_to_be_told(message: Message) -> bool:
    """Whether the message only asks to be told something: no service named, and a clause
    such as "can you tell me …"."""
    entities = message.get(ENTITIES) or []
    if any(found.get("entity") == SERVICE_ENTITY for found in entities):
        return False
    return any(ASKS_TO_BE_TOLD.search(clause) for clause in clauses(message.get(TEXT) or ""))


def without(ranking: list[dict[str, Any]], intent: str) -> list[dict[str, Any]]:
    """The ranking with `intent` last, at no confidence."""
    kept = [guess for guess in ranking if guess["name"] != intent]
    return kept + [{"name": intent, "confidence": 0.0}] if len(kept) < len(ranking) else ranking


def clauses(text: str) -> list[str]:
    return [clause.strip() for clause in CLAUSE.split(text) if clause.strip()]


def is_request(text: str) -> bool:
    """Whether any clause of `text` is a request to the assistant."""
    return any(REQUEST.search(clause) for clause in clauses(text))


def asks_for_things(text: str) -> bool:
    """Whether any clause of `text` asks the assistant to hand something over, or to choose
    it for the asker."""
    return any(
        ASKS_FOR_THINGS.search(clause) or ASKS_TO_CHOOSE.search(clause) for clause in clauses(text)
    )


def hiring_asker(message: Message) -> bool:
    """Whether the message says its asker hires TPMs ("recruiter here, …")."""
    return any(
        found.get("entity") == ASKER_ROLE and hires_tpms(str(found.get("value")))
        for found in message.get(ENTITIES) or []
    )


def asks_service(message: Message, intent: str, config: dict[str, Any]) -> bool:
    """Whether the message asks for a service the assistant doesn't offer rather than a
    question of `intent`."""
    if intent == config["service_intent"]:
        return False
    kinds = {found.get("entity") for found in message.get(ENTITIES) or []}
    text = message.get(TEXT) or ""
    if SERVICE_ENTITY not in kinds:
        # "recommend me an online course": things the sources never speak of, asked for.
        return SUBJECT_ENTITY in kinds and asks_for_things(text)
    return intent in config["service_over"] or bool(REQUEST.search(text))


def offered_instead(
    message: Message,
    offered: dict[str, str],
    read: Callable[[str], tuple[np.ndarray, np.ndarray]],
) -> tuple[np.ndarray, np.ndarray] | None:
    """The reading of the message without its service's words, when that service, asked of
    what the assistant does offer, is the offer: "quiz me and tell me if i could be a TPM" is
    the readiness check (`offered`: service → intent), "quiz me on tpm stuff" is a quiz. The
    service entity is then dropped: nothing was asked that the assistant can't do."""
    text = message.get(TEXT) or ""
    entities = message.get(ENTITIES) or []
    for found in entities:
        intent = offered.get(str(found.get("value")))
        if found.get("entity") != SERVICE_ENTITY or intent is None:
            continue
        intents, probabilities = read(text[: found["start"]] + " " + text[found["end"] :])
        if intents[int(np.argmax(probabilities))] == intent:
            message.set(ENTITIES, [e for e in entities if e is not found], add_to_output=True)
            return intents, probabilities
    return None


def asks_for_candidates(message: Message, intent: str, config: dict[str, Any]) -> bool:
    """Whether someone who hires TPMs asks about the job (names it, and asks no service
    of the assistant) in a message read as `intent`, one of `hiring_over`."""
    entities = message.get(ENTITIES) or []
    return (
        intent in config["hiring_over"]
        and hiring_asker(message)
        and any(found.get("entity") == ROLE_ENTITY for found in entities)
        # "recruiter here, write a job description": a service all the same.
        and not any(found.get("entity") == SERVICE_ENTITY for found in entities)
        # "recruiter here, can you write a job ad": a request in any of its clauses.
        and not is_request(message.get(TEXT) or "")
    )


def asks_as_one_already(
    message: Message, ranking: list[dict[str, Any]], config: dict[str, Any]
) -> bool:
    """Whether someone who already does the job ("im a tpm already, where can i go from here",
    "ive been a tpm for 6 years, whats next") is read, first or close behind, as asking
    whether they could become one (the readiness check): they are not, whatever the words of
    the introduction lean to."""
    readiness = config["readiness_intent"]
    return any(
        guess["name"] == readiness and guess["confidence"] > 0 for guess in ranking
    ) and asker_is_a_tpm(message, config)


def asker_is_a_tpm(message: Message, config: dict[str, Any]) -> bool:
    """Whether the message says its asker is a TPM (one of `tpm_roles`)."""
    return any(
        found.get("entity") == ASKER_ROLE and found.get("value") in config["tpm_roles"]
        for found in message.get(ENTITIES) or []
    )


def given_not(ranking: list[dict[str, Any]], intent: str) -> list[dict[str, Any]]:
    """The ranking without `intent`, the others' confidences divided by what `intent` left:
    the probabilities given that the message does not ask `intent` (it is last, at none)."""
    kept = [guess for guess in ranking if guess["name"] != intent]
    left = 1.0 - sum(guess["confidence"] for guess in ranking if guess["name"] == intent)
    if len(kept) == len(ranking) or left <= 0:
        return ranking
    rescaled = [{**guess, "confidence": guess["confidence"] / left} for guess in kept]
    return [*rescaled, {"name": intent, "confidence": 0.0}]


def moved_first(ranking: list[dict[str, Any]], intent: str) -> list[dict[str, Any]]:
    """The ranking with `intent` and the first intent's confidences swapped (`intent` at
    the bottom's when it was not ranked), so `intent` leads by as much as the first did."""
    confidences = [guess["confidence"] for guess in ranking]
    names = [guess["name"] for guess in ranking]
    if intent in names:
        at = names.index(intent)
        names[0], names[at] = names[at], names[0]
    else:
        names = [intent, *names[1:-1], names[0]]
    return [{"name": n, "confidence": c} for n, c in zip(names, confidences, strict=True)]


def absorbed(ranking: list[dict[str, Any]], intent: str) -> list[dict[str, Any]]:
    """The ranking with `intent` first, holding its own confidence and that of the strongest
    other reading, which the message rules out ("day rate" is no typical day)."""
    rival = next((guess for guess in ranking if guess["name"] != intent), None)
    if rival is None:
        return ranking
    own = sum(guess["confidence"] for guess in ranking if guess["name"] == intent)
    rest = [g for g in ranking if g["name"] not in (intent, rival["name"])]
    merged = {"name": intent, "confidence": own + rival["confidence"]}
    return [merged, *rest, {"name": rival["name"], "confidence": 0.0}]


def pooled(ranking: list[dict[str, Any]], intents: list[str]) -> list[dict[str, Any]]:
    """The ranking with the likeliest of `intents` first, holding all their confidences: they
    are one answer to the message ("what it takes to get in": education, experience or the
    readiness check), whichever the words lean to."""
    ours = [guess for guess in ranking if guess["name"] in intents]
    if not ours:
        return ranking
    merged = {"name": ours[0]["name"], "confidence": sum(g["confidence"] for g in ours)}
    rest = [guess for guess in ranking if guess["name"] not in intents]
    return [merged, *rest, *({"name": g["name"], "confidence": 0.0} for g in ours[1:])]
