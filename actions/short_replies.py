"""Short replies outside the readiness check: "yes", "no", "say that again", and answers to the
check's questions; and a hesitation ("hmm"), inside the check too.

"yes" means something only in context, so the reply depends on what the previous turn offered,
read from the conversation itself:

- an offer (a bot message whose metadata names, under OFFER_KEY, the action that accepting it
  runs): "yes" runs that action, "no" declines politely;
- a choice (a bot message marked with CHOICE_KEY, e.g. "did you mean"): "yes" asks which one and
  shows the same buttons, "no" offers the topics instead; a choice of one question ("Did you mean:
  What does a TPM earn?") is a question to confirm, and "yes" answers it;
- nothing: a short, friendly pointer to what can be asked.

A hesitation ("hmm", "not sure", "let me think") is no "yes": after an offer or a choice it
shows the same buttons again, marked the same, so a "yes" after it still means what it meant;
with nothing offered it points to what can be asked; in the readiness check it says there is no
rush, and the check's rule (data/rules.yml) asks the question again.

"say that again" sends the previous turn's messages again.

An answer to one of the check's questions ("5", "computer science", "communication") given while
no check runs is answered with an offer to start the check.
"""

from __future__ import annotations

import json
import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.follow_up_reading import leans_on_answer
from actions.replies import menu_buttons
from actions.scope_notes import (
    ASKER_ROLE,
    entity_value,
    frame_of,
    only_qualifiers,
    qualified_topic,
)
from actions.slot_names import ROLE_SLOT
from actions.topic_answers import TOPIC_SLOT, answer_topic, readiness_offer_to
from knowledge.loader import Knowledge, get_knowledge
from knowledge.message_fields import CHOICE_KEY, DISPLAY_KEY, OFFER_KEY

READINESS_START = "action_readiness_start"
AFFIRM = "affirm"
DENY = "deny"
HESITATE = "hesitate"
REPEAT = "repeat"
# Buttons that leave a choice rather than being one ("Something else").
LEAVING_PAYLOADS = {"/ask_capabilities", "/deny"}
# A button's payload: "/<intent>" and, optionally, its entities as a JSON object.
PAYLOAD = re.compile(r"^/(?P<intent>\w+)(?P<entities>\{.*\})?$", re.DOTALL)


def previous_turn(tracker: Tracker) -> list[dict[str, Any]]:
    """The bot messages of the turn before the latest user message, oldest first."""
    events = list(tracker.events)
    users = [index for index, event in enumerate(events) if event.get("event") == "user"]
    if not users:
        return []
    end = users[-1]
    start = users[-2] if len(users) > 1 else -1
    return [event for event in events[start + 1 : end] if event.get("event") == "bot"]


def offered_action(messages: list[dict[str, Any]]) -> str | None:
    """The action the previous turn offered to run on "yes", if it offered one."""
    for message in reversed(messages):
        offer = (message.get("metadata") or {}).get(OFFER_KEY)
        if isinstance(offer, str) and offer:
            return offer
    return None


def marked_message(messages: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The previous turn's offer or choice: its last message marked as one, if any."""
    for message in reversed(messages):
        metadata = message.get("metadata") or {}
        if metadata.get(OFFER_KEY) or metadata.get(CHOICE_KEY):
            return message
    return None


def offered_choices(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The buttons of the previous turn's choice, if it asked the person to choose."""
    for message in reversed(messages):
        if (message.get("metadata") or {}).get(CHOICE_KEY):
            buttons = (message.get("data") or {}).get("buttons") or []
            return [button for button in buttons if button.get("payload") not in LEAVING_PAYLOADS]
    return []


def payload_question(payload: str) -> tuple[str, str | None] | None:
    """The intent and role a topic button's payload asks about, or None if it is not one."""
    match = PAYLOAD.match(payload or "")
    if match is None:
        return None
    role = None
    if match.group("entities"):
        try:
            entities = json.loads(match.group("entities"))
        except ValueError:
            return None
        value = entities.get(ROLE_SLOT) if isinstance(entities, dict) else None
        role = value if isinstance(value, str) else None
    return match.group("intent"), role


def readiness_offer(knowledge: Knowledge, key: str = "offer_readiness") -> dict[str, Any]:
    """The message `key` that offers the readiness check, with yes/no buttons."""
    return {
        "text": knowledge.messages[key],
        "buttons": [
            {"title": knowledge.messages["offer_readiness_yes"], "payload": "/affirm"},
            {"title": knowledge.messages["offer_readiness_no"], "payload": "/deny"},
        ],
        OFFER_KEY: READINESS_START,
    }


def repeat(
    dispatcher: CollectingDispatcher, before: list[dict[str, Any]], knowledge: Knowledge
) -> None:
    """Send the previous turn's messages again, as they were shown."""
    if not before:
        dispatcher.utter_message(
            text=knowledge.messages["nothing_to_repeat"], buttons=menu_buttons(knowledge)
        )
    for message in before:
        data = message.get("data") or {}
        # An offer or a choice repeated is still one: "yes" after it means the same; a
        # footnote is still shown as one.
        metadata = message.get("metadata") or {}
        marks = (OFFER_KEY, CHOICE_KEY, DISPLAY_KEY)
        kept = {key: metadata[key] for key in marks if key in metadata}
        dispatcher.utter_message(
            text=message.get("text"), buttons=data.get("buttons") or [], **kept
        )


def hesitate(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    before: list[dict[str, Any]],
    knowledge: Knowledge,
) -> None:
    """No rush: the offer or choice still stands, or the check's question comes again."""
    if tracker.active_loop_name:
        dispatcher.utter_message(text=knowledge.messages["hesitate_in_check"])
        return
    marked = marked_message(before)
    if marked is None:
        dispatcher.utter_message(
            text=knowledge.messages["hesitate_nothing_offered"], buttons=menu_buttons(knowledge)
        )
        return
    metadata = marked.get("metadata") or {}
    kept = {key: metadata[key] for key in (OFFER_KEY, CHOICE_KEY) if key in metadata}
    buttons = (marked.get("data") or {}).get("buttons") or []
    dispatcher.utter_message(text=knowledge.messages["hesitate_offered"], buttons=buttons, **kept)


class ActionShortReply(Action):
    """Answer "yes", "no", a hesitation or a stray answer to the readiness check from the
    previous turn."""

    def name(self) -> str:
        return "action_short_reply"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        knowledge = get_knowledge()
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        before = previous_turn(tracker)
        offer = offered_action(before)
        choices = offered_choices(before)
        previous = knowledge.topics.get(str(tracker.get_slot(TOPIC_SLOT)))
        frame = frame_of(tracker, from_message=True)
        if (
            intent == REPEAT
            and previous is not None
            and frame.qualified
            and leans_on_answer(tracker.latest_message)
        ):
            # "what was it back in 2010" after the pay: not "say that again", but the same
            # topic asked for a period, which the reply says the sources don't give.
            return answer_topic(dispatcher, knowledge, previous, tracker.get_slot(ROLE_SLOT), frame)
        if intent == REPEAT:
            repeat(dispatcher, before, knowledge)
            return []
        text = str(tracker.latest_message.get("text") or "")
        if intent != HESITATE and previous is not None and only_qualifiers(text, frame):
            # "fine, yearly then" after the salary: read as a "yes", it asks the same topic.
            asked = qualified_topic(knowledge, previous, frame, text)
            return answer_topic(dispatcher, knowledge, asked, tracker.get_slot(ROLE_SLOT), frame)
        if intent == HESITATE:
            hesitate(dispatcher, tracker, before, knowledge)
            return []
        if intent == AFFIRM and offer is not None:
            return [FollowupAction(offer)]
        if intent == AFFIRM and len(choices) == 1:
            question = payload_question(str(choices[0].get("payload") or ""))
            topic = knowledge.topic_for_intent(question[0]) if question else None
            if question is not None and topic is not None:
                return answer_topic(dispatcher, knowledge, topic, question[1])
        if intent == AFFIRM and choices:
            dispatcher.utter_message(text=knowledge.messages["pick_one"], buttons=choices)
        elif intent == AFFIRM:
            dispatcher.utter_message(
                text=knowledge.messages["affirm_nothing_offered"], buttons=menu_buttons(knowledge)
            )
        elif intent == DENY:
            key = "declined_offer" if offer is not None or choices else "deny_nothing_offered"
            dispatcher.utter_message(text=knowledge.messages[key], buttons=menu_buttons(knowledge))
        else:
            # "i work as a scheduler": the check offered to them, by what they said they do.
            # A TPM or someone who hires them ("im a tpm") is not offered it: what it can tell.
            asker = entity_value(tracker.latest_message, ASKER_ROLE)
            offer = readiness_offer_to(knowledge, str(asker)) if asker else None
            if asker and offer is None:
                offer = {
                    "text": knowledge.messages["capabilities"],
                    "buttons": menu_buttons(knowledge),
                }
            dispatcher.utter_message(**(offer or readiness_offer(knowledge)))
        return []
