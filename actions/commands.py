"""Rasa's built-in commands, answered: a typed "/restart" or "/session_start" gets a greeting.

Rasa maps the intents `restart` and `session_start` to its own `action_restart` and
`action_session_start`. Both are silent (Rasa's restart speaks only if the domain has an
`utter_restart` response), so a person who types "/restart" sees nothing happen. These actions
replace them under the same names (Rasa's documented way to customise a default action) and do
what Rasa's do, plus the greeting when a person asked for the new start.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, Restarted, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT
from rasa_sdk.types import DomainDict

from actions.replies import menu_buttons
from knowledge.loader import get_knowledge

SESSION_START_INTENT = "session_start"
# Rasa's own bookkeeping slot; a new session starts without a question pending.


def greet(dispatcher: CollectingDispatcher) -> None:
    """The greeting a new conversation opens with, and the topics as buttons."""
    knowledge = get_knowledge()
    dispatcher.utter_message(text=knowledge.messages["greeting"], buttons=menu_buttons(knowledge))


def asked_for(tracker: Tracker, intent: str) -> bool:
    """Whether the person's own latest message has `intent` and nothing has answered it yet.

    Rasa also runs action_session_start by itself, before a new conversation's first message
    (then the latest message is an older one, already answered, or none).
    """
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind == "user":
            name = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
            return name == intent
        # Only the message's own bookkeeping may follow it: its featurisation and the slots
        # its entities fill.
        if kind not in ("user_featurization", "slot"):
            return False
    return False


def carried_over_slots(tracker: Tracker, domain: DomainDict) -> list[EventType]:
    """The slots a new session keeps, as Rasa's action_session_start carries them over."""
    session_config = domain.get("session_config") or {}
    if not session_config.get("carry_over_slots_to_new_session", True):
        return []
    return [
        SlotSet(name, value)
        for name, value in tracker.slots.items()
        if value is not None and name != REQUESTED_SLOT
    ]


class ActionRestart(Action):
    """Forget the conversation, as Rasa's restart does, and greet anew."""

    def name(self) -> str:
        return "action_restart"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        greet(dispatcher)
        return [Restarted()]


class ActionSessionStart(Action):
    """Start a session as Rasa does; greet when the person typed "/session_start" themselves."""

    def name(self) -> str:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if asked_for(tracker, SESSION_START_INTENT):
            greet(dispatcher)
        events: list[Any] = [SessionStarted(), *carried_over_slots(tracker, domain)]
        return [*events, ActionExecuted("action_listen")]
