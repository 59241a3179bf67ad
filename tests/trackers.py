"""Real rasa_sdk Trackers for unit tests of the actions: the state right after one user message."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.scope import ActionShowTopics


def after_message(
    text: str,
    intent_ranking: list[dict[str, Any]],
    role: str | None = None,
    channel: str = "rest",
    timestamp: float = 1700000000.5,
) -> Tracker:
    """The tracker as the action server gets it after `text`, NLU ranking its intents so."""
    message = {
        "text": text,
        "intent": intent_ranking[0],
        "intent_ranking": intent_ranking,
        "entities": [],
    }
    return Tracker(
        sender_id="unit-test",
        slots={"role": role},
        latest_message=message,
        events=[
            {
                "event": "user",
                "text": text,
                "parse_data": message,
                "timestamp": timestamp,
                "input_channel": channel,
            },
        ],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def shown_topics(tracker: Tracker) -> dict[str, Any]:
    """The one message `action_show_topics` sends for `tracker`; it changes no state."""
    dispatcher = CollectingDispatcher()
    assert asyncio.run(ActionShowTopics().run(dispatcher, tracker, {})) == []
    [message] = dispatcher.messages
    return message


def in_conversation(
    intent: str,
    text: str,
    before: list[dict[str, Any]],
    slots: dict[str, Any] | None = None,
    entities: list[dict[str, Any]] | None = None,
) -> Tracker:
    """The tracker after `text`, with the bot messages `before` as the previous turn's reply.

    Each entry of `before` is a bot event as Rasa sends it: {"text", "data": {"buttons"},
    "metadata"}. The events are laid out as Rasa logs them: an earlier user message, the reply,
    listening, the new message and its featurisation.
    """
    message = {
        "text": text,
        "intent": {"name": intent, "confidence": 1.0},
        "intent_ranking": [{"name": intent, "confidence": 1.0}],
        "entities": entities or [],
    }
    earlier = {"event": "user", "text": "earlier", "parse_data": {"intent": {"name": "greet"}}}
    bots = [{"event": "bot", **event} for event in before]
    events = [
        earlier,
        {"event": "action", "name": "some_action"},
        *bots,
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": text, "parse_data": message},
        {"event": "user_featurization", "use_text_for_featurization": False},
    ]
    return Tracker(
        sender_id="unit-test",
        slots=slots or {},
        latest_message=message,
        events=events,
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def as_bot_events(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Messages an action sent, as Rasa logs them: text, data (buttons) and the rest as metadata."""
    events = []
    for message in messages:
        rest = {k: v for k, v in message.items() if k not in ("text", "buttons")}
        events.append(
            {
                "text": message.get("text"),
                "data": {"buttons": message.get("buttons")},
                "metadata": rest,
            }
        )
    return events
