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

import re
from dataclasses import replace
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.confirmation import names_a_role, needs_confirmation
from actions.dispatching import send
from actions.follow_up_reading import follow_up_topic, leans_on_answer
from actions.replies import (
    MAX_FOLLOW_UPS,
    Message,
    answer_messages,
    follow_up_buttons,
    menu_buttons,
    not_covered_messages,
    sourced_messages,
    topic_button,
    unknown_role_messages,
)
from actions.scope_notes import (
    ASKER_ROLE,
    Frame,
    asks_pay_anew,
    cleared,
    entity_value,
    figure_note,
    frame_of,
    likened,
    only_qualifiers,
    qualified_topic,
    scope_note,
    unknown_role_phrase,
)
from actions.slot_names import ROLE_SLOT
from actions.subject_topics import topic_beside_subject
from actions.unanswered import RECORD_KEY, unanswered_record
from knowledge.loader import Knowledge, Topic, get_knowledge
from knowledge.message_fields import CHOICE_KEY, OFFER_KEY
from knowledge.role_names import hires_tpms

TOPIC_SLOT = "topic"
SAME_ROLE = "same_role"
# A turn has at most this many messages; the readiness offer is left out of a fuller one.
MAX_MESSAGES = 4
SWITCH_ROLE_INTENT = "switch_role"
# Asking to become a job: "ok so how do i become one", "how would i get into it".
BECOMING = re.compile(
    r"\b(?:become|becoming|get\s+into|break\s+into|switch\s+to|move\s+into|transition)\b",
    re.IGNORECASE,
)


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
        frame = frame_of(tracker)
        previous = knowledge.topics.get(str(tracker.get_slot(TOPIC_SLOT)))
        text = str(tracker.latest_message.get("text") or "")
        if (
            previous is not None
            and only_qualifiers(text, frame_of(tracker, from_message=True))
            and not asks_pay_anew(text, topic.key if topic else None, previous.key)
        ):
            # "ok but hourly?" after the salary: the same topic, per hour, whatever the words
            # lean to.
            topic = qualified_topic(knowledge, previous, frame_of(tracker, from_message=True))
        if topic is None:
            dispatcher.utter_message(
                text=knowledge.messages["fallback"], buttons=menu_buttons(knowledge)
            )
            return []
        mention = becoming_role(tracker)
        if topic.answered_by is not None and names_one_role_twice(tracker):
            # "tpm vs project manager, same thing?": two names of one role; what it is answers,
            # for the role named (a comparison's intent leaves the role slot as it was).
            topic = knowledge.topics[knowledge.special_topics.role_only_question]
            mention = entity_value(tracker.latest_message, ROLE_SLOT)
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if (
            intent == SWITCH_ROLE_INTENT
            and not names_a_role(tracker.latest_message)
            and not frame.qualified
            and previous is not None
            and leans_on_answer(tracker.latest_message)
        ):
            # "what about consulting": read as "and for a …?", but no job is named; a
            # follow-up of the last answer, on the topic NLU ranked next if any.
            topic = follow_up_topic(knowledge, tracker.latest_message, previous, frame)
            return answer_topic(dispatcher, knowledge, topic, tracker.get_slot(ROLE_SLOT))
        if (
            intent == SWITCH_ROLE_INTENT
            and not names_a_role(tracker.latest_message)
            and not frame.qualified
            and not frame.other_role
        ):
            # Read as "and for a …?" but naming no role nor place, period or level: not
            # understood. ("and in Germany?" follows up the last topic with a qualifier; "what
            # about a marketing project manager, same thing?" likens a job to the TPM.)
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
            and not frame.qualified
            and not frame.asker_role
            # "how's the work-life balance, evenings free?", "is a construction project manager
            # similar?": the answer says what the sources leave out; a "did you mean" would not.
            and not frame.subject
            and not frame.other_role
            # "what if i only have an associate's" right after the education answer: an
            # unsure guess of the topic just answered is a follow-up of it, not a stray.
            and topic.key != tracker.get_slot(TOPIC_SLOT)
            and needs_confirmation(tracker.latest_message)
        ):
            confirm_topic(dispatcher, knowledge, topic, tracker)
            return []
        if frame.subject and knowledge.topic_for_intent(intent) is topic:
            # "whats the retirement plan like for tpms": benefits, said to be left out, beside
            # the pay, not beside where the career leads that "retirement" leans to.
            topic = topic_beside_subject(knowledge, tracker.latest_message, frame.subject, topic)
        events = answer_topic(dispatcher, knowledge, topic, mention, frame)
        if not in_check:
            offer_readiness_to_asker(dispatcher, knowledge, topic, frame)
        return events + cleared(tracker)


def becoming_role(tracker: Tracker) -> Any:
    """The conversation's role, unless it is the asker's own job and they ask, naming none, how
    to become one ("i'm a coordinator" … "ok so how do i become one"): no one asks how to
    become what they are, so it is the default role (the TPM)."""
    mention = tracker.get_slot(ROLE_SLOT)
    text = str(tracker.latest_message.get("text") or "")
    if (
        mention
        and mention == tracker.get_slot(ASKER_ROLE)
        and not names_a_role(tracker.latest_message)
        and BECOMING.search(text)
    ):
        return None
    return mention


def asker_phrase(knowledge: Knowledge, mention: str) -> str:
    """The asker's job as a phrase after "you are": "a project scheduler", "a QA lead"."""
    role = knowledge.find_role(mention)
    if role is not None:
        return role.called
    words = " ".join(mention.split())
    if words.casefold().startswith(("a ", "an ")):
        return words
    return ("an " if words[:1].casefold() in "aeiou" else "a ") + words


def offer_readiness_to_asker(
    dispatcher: CollectingDispatcher, knowledge: Knowledge, topic: Topic, frame: Frame
) -> None:
    """After an answer about becoming a TPM, offer the readiness check to someone who said
    what they do now (unless they are a TPM already)."""
    if not frame.asker_role or topic.key not in knowledge.special_topics.after_asker_role:
        return
    if len(dispatcher.messages) >= MAX_MESSAGES:
        return
    offer = readiness_offer_to(knowledge, frame.asker_role)
    if offer is not None:
        dispatcher.utter_message(**offer)


def readiness_offer_to(knowledge: Knowledge, asker: str) -> dict[str, Any] | None:
    """The readiness check offered to someone who said what they do now ("You mentioned you
    are a project scheduler. Shall I compare …?"); None for someone who is a TPM already, or
    who hires TPMs ("recruiter here, …")."""
    if knowledge.find_role(asker) is knowledge.default_role or hires_tpms(asker):
        return None
    messages = knowledge.messages
    return {
        "text": messages["offer_readiness_asker"].format(asker=asker_phrase(knowledge, asker)),
        "buttons": [
            {"title": messages["offer_readiness_yes"], "payload": "/affirm"},
            {"title": messages["offer_readiness_no"], "payload": "/deny"},
        ],
        OFFER_KEY: "action_readiness_start",
    }


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


def names_one_role_twice(tracker: Tracker) -> bool:
    """Whether the message names the role asked about twice, by two of its names ("TPM" and
    "project manager"; components/question_frame.py marks the second)."""
    entities = tracker.latest_message.get("entities") or []
    return any(entity.get("entity") == SAME_ROLE for entity in entities)


def likened_to_default(knowledge: Knowledge, tracker: Tracker) -> bool:
    """Whether the message likens a job the sources don't describe to the default role (named,
    or the one the conversation is about): "tpm vs product manager, which should i go for"."""
    role = knowledge.find_role(str(tracker.get_slot(ROLE_SLOT) or "")) or knowledge.default_role
    return likened(tracker.latest_message) and role is knowledge.default_role


def not_compared_messages(knowledge: Knowledge, other: str, topic: Topic) -> list[Message]:
    """A comparison with a job the sources don't describe: said plainly, then what they say the
    TPM is, with the comparison they do make offered first. A job they name in passing gets
    what they say of it."""
    if knowledge.uncovered.mentioned_job(other) is not None:
        return unknown_role_messages(knowledge, other, topic)
    default = knowledge.default_role
    overview = knowledge.topics[knowledge.special_topics.role_only_question]
    note = knowledge.messages["not_compared"].format(role=unknown_role_phrase(other))
    answer = default.answers[overview.key]
    # The comparison the sources do make, whatever the topic the message was read as.
    compared = [t for t in knowledge.topics.values() if t.answered_by is not None]
    comparison = topic_button(topic if topic.answered_by or not compared else compared[0], default)
    others = [b for b in follow_up_buttons(knowledge, default, overview) if b != comparison]
    follow_ups = [comparison, *others][:MAX_FOLLOW_UPS]
    return [{"text": note}, *sourced_messages(knowledge, answer.first, answer.more, follow_ups)]


def answer_topic(
    dispatcher: CollectingDispatcher,
    knowledge: Knowledge,
    topic: Topic,
    mention: Any,
    frame: Frame | None = None,
) -> list[EventType]:
    """Answer `topic` for the role `mention` names (the default role when it names none),
    opening with what the question asks beyond the sources (`frame`), if anything.

    A plain function, not an action's `run`: "yes" to a "did you mean" answers through it too.
    """
    frame = frame or Frame()
    mention_text = mention if isinstance(mention, str) else None
    role = knowledge.find_role(mention_text)
    if role is None:
        step = knowledge.uncovered.mentioned_job(str(mention))
        if step is not None and step.topic is not None and frame.qualified:
            # "what would i earn as a consultant per day": what the sources leave out of the
            # question asked, then what they say of the step.
            note = scope_note(knowledge, knowledge.default_role, topic, frame)
            if note is not None:
                dispatcher.utter_message(text=note)
        send(dispatcher, unknown_role_messages(knowledge, str(mention), topic))
        # Forget the unknown role, so the next question is about the default role again.
        return [SlotSet(ROLE_SLOT, None), SlotSet(TOPIC_SLOT, topic.key)]

    events: list[EventType] = [SlotSet(TOPIC_SLOT, topic.key)]
    if mention_text is not None and mention_text != role.aliases[0]:
        events.append(SlotSet(ROLE_SLOT, role.aliases[0]))
    what_it_is = frame.compared and topic.key in knowledge.special_topics.what_a_job_is
    if frame.other_role and (topic.answered_by is not None or what_it_is):
        # "How is a TPM different from a scrum master?", "is a tpm the same as a program
        # manager": not the comparison we know.
        send(dispatcher, not_compared_messages(knowledge, frame.other_role, topic))
        overview = knowledge.special_topics.role_only_question
        return [*events[1:], SlotSet(TOPIC_SLOT, overview)]
    if topic.answered_by is not None:
        # A comparison is answered the same way whichever of its roles is in focus.
        role = knowledge.roles[topic.answered_by]

    answer = role.answers.get(topic.key)
    if answer is None:
        # Where the sources don't cover the topic for this role at all, "don't cover" says it
        # for any place or period too.
        frame = replace(frame, place=None, period=None, seniority=None, asker_place=None)
    note = scope_note(knowledge, role, topic, frame)
    broader = knowledge.roles.get(role.level_of or role.kind_of or "")
    figures = topic.key in knowledge.uncovered.figures
    reaching = role.level_of is not None and topic.key in knowledge.special_topics.reaching_a_level
    if answer is None and broader is not None and topic.key in broader.answers and not reaching:
        # "What does a senior TPM earn?": the figures there are, and for whom. "What does a
        # telecom project manager do all day?", "what does a senior tpm do differently day
        # to day": what they say of every TPM, said to be that.
        note = (
            figure_note(knowledge, topic, f"for {role.called}")
            if figures
            else knowledge.messages["not_specific"].format(qualifier=role.called)
        )
        role, answer = broader, broader.answers[topic.key]
    if note is not None:
        dispatcher.utter_message(text=note)
    if answer is None:
        send(dispatcher, not_covered_messages(knowledge, role, topic))
    else:
        send(dispatcher, answer_messages(knowledge, role, topic, answer))
    return events
