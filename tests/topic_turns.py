"""One question to action_answer_topic on a real rasa_sdk Tracker, and the checks every such
turn must pass: 1–4 messages, none repeated, every figure from a source."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.topic_answers import ActionAnswerTopic
from knowledge.loader import DEFAULT_KNOWLEDGE_FILE, load_knowledge

KNOWLEDGE = load_knowledge(DEFAULT_KNOWLEDGE_FILE)
SOURCES = " ".join(" ".join(source.text for source in KNOWLEDGE.sources.values()).split())
FIGURE = re.compile(r"\$\s?\d[\d,]*|\b\d[\d,.]*\s?(?:percent|%)|\b\d+\b")


def answered(
    intent: str,
    role: str | None,
    slots: dict[str, Any] | None = None,
    entities: list[dict[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """The messages action_answer_topic sends for one question."""
    message = {
        "text": "a question",
        "intent": {"name": intent, "confidence": 0.99},
        "entities": entities or [],
    }
    tracker = Tracker(
        sender_id="scope",
        slots={"role": role, **(slots or {})},
        latest_message=message,
        events=[{"event": "user", "text": "a question", "parse_data": message}],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionAnswerTopic().run(dispatcher, tracker, {}))
    return dispatcher.messages


def texts(messages: list[dict[str, Any]]) -> str:
    return " ".join(m.get("text") or "" for m in messages)


def check_turn(messages: list[dict[str, Any]], asked: str = "") -> None:
    """1–4 messages, none repeated, every figure from a source (but the asker's own words,
    `asked`, said back: "no figure in 2030")."""
    assert 1 <= len(messages) <= 4, messages
    shown = [repr(sorted(m.items())) for m in messages]
    assert len(set(shown)) == len(shown), messages
    said = texts(messages)
    # Said back whole ("no figure in 2030") or in part ("don't speak of 2030").
    for words in [asked, *asked.split()] if asked else []:
        said = said.replace(words, " ")
    for figure in FIGURE.findall(said):
        assert " ".join(figure.split()) in SOURCES, f"{figure!r} is in no source"


def prefix(key: str) -> str:
    return KNOWLEDGE.messages[key].split("{", 1)[0]
