"""The one answering action: (role, topic) in, sourced answer out.

The topic comes from the intent (`ask_<topic>`), the role from the `role` slot (filled from the
`role` entity, kept across turns so follow-ups keep their subject). The slot's value is user
input, so it is always checked against the knowledge file before anything is said about it.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.dispatching import send
from actions.knowledge import get_knowledge
from actions.replies import (
    answer_messages,
    menu_buttons,
    not_covered_messages,
    unknown_role_messages,
)

ROLE_SLOT = "role"


class ActionAnswerTopic(Action):
    """Answer the asked topic for the conversation's role from the knowledge file."""

    def name(self) -> str:
        return "action_answer_topic"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        knowledge = get_knowledge()
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        topic = knowledge.topic_for_intent(intent)
        if topic is None:
            dispatcher.utter_message(
                text=knowledge.messages["fallback"], buttons=menu_buttons(knowledge)
            )
            return []

        mention: Any = tracker.get_slot(ROLE_SLOT)
        mention_text = mention if isinstance(mention, str) else None
        role = knowledge.find_role(mention_text)
        if role is None:
            send(dispatcher, unknown_role_messages(knowledge, str(mention), topic))
            # Forget the unknown role, so the next question is about the default role again.
            return [SlotSet(ROLE_SLOT, None)]

        events: list[EventType] = []
        if mention_text is not None and mention_text != role.aliases[0]:
            events.append(SlotSet(ROLE_SLOT, role.aliases[0]))
        if topic.answered_by is not None:
            # A comparison is answered the same way whichever of its roles is in focus.
            role = knowledge.roles[topic.answered_by]

        answer = role.answers.get(topic.key)
        if answer is None:
            send(dispatcher, not_covered_messages(knowledge, role, topic))
        else:
            send(dispatcher, answer_messages(knowledge, role, topic, answer))
        return events
