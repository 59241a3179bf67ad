"""Whether a message NLU could not place follows up the answer before it, and what it asks.

"wait is that per month?" or "what about consulting" right after an answer names no topic of
its own; components/follow_ups.py marks such messages (`follows_up`), and the actions that
get them (the fallback, "and for a …?", "say that again") answer them here as follow-ups,
unless NLU is sure the message is an off-topic request or it asks something of its own.
"""

from __future__ import annotations

from typing import Any

from actions.answer_echoes import echoes_answer
from actions.scope_notes import ASKER_ROLE, OTHER_ROLE, SUBJECT, Frame, asks_pay_anew
from actions.unanswered import top_intents, topic_guess
from knowledge.loader import Knowledge, Topic

# NLU at least this sure that a message is off-topic declines it, whatever it points back to:
# "what time is it" after the salary is no question about the salary.
SURE_OFF_TOPIC = 0.7
OFF_TOPIC_INTENT = "out_of_scope"
FOLLOWS_UP = "follows_up"
# Entities that make a message a question of its own, not a follow-up of the last answer.
OWN_QUESTION_ENTITIES = {ASKER_ROLE, OTHER_ROLE, SUBJECT, "service", "origin_role"}
# A topic NLU ranked (below the reading it chose) is the one a follow-up asks only with this
# much confidence; else the follow-up asks the previous answer's topic.
FOLLOW_UP_TOPIC_SHARE = 0.1


def surely_off_topic(message: dict[str, Any]) -> bool:
    """Whether NLU is at least SURE_OFF_TOPIC sure that the message is an off-topic request."""
    return any(
        guess["name"] == OFF_TOPIC_INTENT and guess["confidence"] >= SURE_OFF_TOPIC
        for guess in top_intents(message, limit=1)
    )


def leans_on_answer(
    message: dict[str, Any], knowledge: Knowledge | None = None, previous: Topic | None = None
) -> bool:
    """Whether a message is a follow-up of the answer before it: marked by
    components/follow_ups.py, asking nothing of its own, and not surely off-topic, unless it
    takes up a word of that answer (`previous`'s: "and when there's a crisis?" after the
    hours)."""
    kinds = {found.get("entity") for found in message.get("entities") or []}
    if FOLLOWS_UP not in kinds or kinds & OWN_QUESTION_ENTITIES:
        return False
    if not surely_off_topic(message):
        return True
    return (
        knowledge is not None
        and previous is not None
        and echoes_answer(knowledge, message, previous)
    )


def follow_up_topic(
    knowledge: Knowledge, message: dict[str, Any], previous: Topic, frame: Frame
) -> Topic:
    """The topic a follow-up asks: the previous answer's when it adds a place, period or
    seniority ("is that per month?"); otherwise the topic NLU ranked nearest, if it ranked
    one at all ("how long would that take" → experience), or else the previous answer's."""
    guess = topic_guess(knowledge, message, FOLLOW_UP_TOPIC_SHARE)
    text = str(message.get("text") or "")
    if frame.qualified and not asks_pay_anew(text, guess.key if guess else None, previous.key):
        # ("and the money in germany?" after what a TPM is names the pay anew.)
        return previous
    return guess or previous
