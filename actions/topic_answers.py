"""The one answering action: (role, topic) in, sourced answer out.

The topic comes from the intent (`ask_<topic>`), or, for a follow-up that names only a new role
("and a project coordinator?", intent `switch_role`), from the `topic` slot: the topic of the
previous answer. The role comes from the `role` slot (filled from the `role` entity, kept across
turns so follow-ups keep their subject). The slot's value is user input, so it is always checked
against the knowledge file before anything is said about it: a misspelt role is the role it is
closest to, and any other ("data scientist", or whatever a payload carries) gets "I don't know
that role". NLU marks only jobs as roles (components/role_mentions.py), so "how much is in my
account" never reaches this far with "account" as its role.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.confirmation import names_a_role, needs_confirmation
from actions.dispatching import send
from actions.knowledge import Knowledge, Topic, get_knowledge
from actions.replies import (
    answer_messages,
    menu_buttons,
    not_covered_messages,
    topic_button,
    unknown_role_messages,
)
from actions.reply_marks import CHOICE_KEY
from actions.slot_names import ROLE_SLOT
from actions.unanswered import RECORD_KEY, unanswered_record

TOPIC_SLOT = "topic"
SWITCH_ROLE_INTENT = "switch_role"


def asked_topic(knowledge: Knowledge, tracker: Tracker) -> Topic | None:
    """The topic the latest message asks about: its intent's, or the previous answer's."""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    if intent != SWITCH_ROLE_INTENT:
        return knowledge.topic_for_intent(intent)
    previous = tracker.get_slot(TOPIC_SLOT)
    # With no question before it, it asks the knowledge file's `role_only_question` topic.
    first = knowledge.special_topics.role_only_question
    return knowledge.topics.get(previous if isinstance(previous, str) else first)


class ActionAnswerTopic(Action):
    """Answer the asked topic for the conversation's role from the knowledge file."""

    def name(self) -> str:
        return "action_answer_topic"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        knowledge = get_knowledge()
        topic = asked_topic(knowledge, tracker)
        if topic is None:
            dispatcher.utter_message(
                text=knowledge.messages["fallback"], buttons=menu_buttons(knowledge)
            )
            return []
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent == SWITCH_ROLE_INTENT and not names_a_role(tracker.latest_message):
            # Read as "and for a …?" but naming no role: not understood.
            dispatcher.utter_message(
                text=knowledge.messages["fallback"],
                buttons=menu_buttons(knowledge),
                **{RECORD_KEY: unanswered_record(tracker, "no_role_named")},
            )
            return []

        # Inside the readiness check a question is about the career, and "yes" would answer
        # the check's question: no confirmation there.
        in_check = bool(tracker.active_loop_name)
        if (
            intent != SWITCH_ROLE_INTENT
            and not in_check
            and needs_confirmation(tracker.latest_message)
        ):
            confirm_topic(dispatcher, knowledge, topic, tracker)
            return []
        return answer_topic(dispatcher, knowledge, topic, tracker.get_slot(ROLE_SLOT))


def confirm_topic(
    dispatcher: CollectingDispatcher, knowledge: Knowledge, topic: Topic, tracker: Tracker
) -> None:
    """Ask whether the question was `topic` (for the conversation's role) before answering."""
    mention: Any = tracker.get_slot(ROLE_SLOT)
    role = knowledge.find_role(mention if isinstance(mention, str) else None)
    role = role or knowledge.default_role
    buttons = [
        topic_button(topic, role),
        {"title": knowledge.messages["something_else"], "payload": "/ask_capabilities"},
    ]
    dispatcher.utter_message(
        text=knowledge.messages["confirm_topic"],
        buttons=buttons,
        **{RECORD_KEY: unanswered_record(tracker, "unsure"), CHOICE_KEY: True},
    )


def answer_topic(
    dispatcher: CollectingDispatcher, knowledge: Knowledge, topic: Topic, mention: Any
) -> list[EventType]:
    """Answer `topic` for the role `mention` names (the default role when it names none).

    A plain function, not an action's `run`: "yes" to a "did you mean" answers through it too.
    """
    mention_text = mention if isinstance(mention, str) else None
    role = knowledge.find_role(mention_text)
    if role is None:
        send(dispatcher, unknown_role_messages(knowledge, str(mention), topic))
        # Forget the unknown role, so the next question is about the default role again.
        return [SlotSet(ROLE_SLOT, None), SlotSet(TOPIC_SLOT, topic.key)]

    events: list[EventType] = [SlotSet(TOPIC_SLOT, topic.key)]
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
