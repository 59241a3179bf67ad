"""What the assistant could not answer, recorded in the tracker store for a maintainer.

When a message ends in the fallback, out of scope or a "did you mean" question, the reply
(a BotUttered event) carries a record in its metadata under RECORD_KEY: the message's text,
time and channel and the intents NLU ranked highest. Rasa keeps bot metadata with the event in
the tracker store and never shows it to users, so the records live with the conversations,
in whichever store endpoints.yml configures, and `make unanswered` (scripts/list_unanswered.py)
reads them back.
"""

from __future__ import annotations

import time
from typing import Any

from rasa_sdk import Tracker

from knowledge.loader import Knowledge, Topic
from knowledge.message_fields import UNANSWERED_KEY

RECORD_KEY = UNANSWERED_KEY
# How many of NLU's best guesses each record keeps.
TOP_INTENTS = 3
FALLBACK_INTENT = "nlu_fallback"


def top_intents(latest_message: dict[str, Any], limit: int = TOP_INTENTS) -> list[dict[str, Any]]:
    """NLU's best guesses for the message, without the fallback pseudo-intent."""
    ranking = latest_message.get("intent_ranking") or []
    guesses = [
        {"name": str(entry.get("name")), "confidence": round(float(entry["confidence"]), 4)}
        for entry in ranking
        if entry.get("name") and entry.get("name") != FALLBACK_INTENT and "confidence" in entry
    ]
    return guesses[:limit]


def topic_guess(knowledge: Knowledge, message: dict[str, Any], share: float) -> Topic | None:
    """The topic NLU ranked highest among its TOP_INTENTS best guesses, if it has at least
    `share` of NLU's confidence; None otherwise (guesses below it are lower still)."""
    for guess in top_intents(message):
        topic = knowledge.topic_for_intent(guess["name"])
        if topic is not None:
            return topic if guess["confidence"] >= share else None
    return None


def unanswered_record(tracker: Tracker, reason: str) -> dict[str, Any]:
    """The record of the latest message, which could not be answered for `reason`."""
    message = tracker.latest_message or {}
    user_event = next(
        (event for event in reversed(tracker.events) if event.get("event") == "user"), None
    )
    sent_at = user_event.get("timestamp") if user_event else None
    return {
        "reason": reason,
        "text": message.get("text") or "",
        "time": float(sent_at) if isinstance(sent_at, (int, float)) else time.time(),
        "channel": tracker.get_latest_input_channel(),
        "intents": top_intents(message),
    }
