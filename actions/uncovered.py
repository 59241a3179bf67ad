"""Questions on what the sources never speak of, and requests for what the assistant doesn't do.

"Is the job stressful?" (intent `ask_uncovered`) is told plainly that the sources don't speak of
stress, then what they say nearest to it (the subject's `near` topics in the knowledge file's
`uncovered` section: working hours). "Can you look over my CV?" (`request_service`) is told what
the assistant can't do, then offered what it can: the readiness check, and the education and
experience answers. Both are recorded as unanswered, so a maintainer sees what people wanted.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.dispatching import send
from actions.replies import menu_buttons, topic_button
from actions.scope_notes import OTHER_ROLE, SUBJECT, entity_value
from actions.short_replies import readiness_offer
from actions.slot_names import ROLE_SLOT
from actions.subject_topics import asked_beside
from actions.topic_answers import (
    BECOMING,
    TOPIC_SLOT,
    answer_topic,
    likened_to_default,
    not_compared_messages,
)
from actions.unanswered import RECORD_KEY, top_intents, topic_guess, unanswered_record
from knowledge.loader import Knowledge, get_knowledge
from knowledge.records import Topic

SERVICE = "service"
REQUEST_SERVICE = "request_service"
# What "I can't {service}" says when NLU named no particular service.
ANY_SERVICE = "do that"
# A topic NLU ranked below "not covered" is said nearest only with this much confidence.
NEAREST_TOPIC_SHARE = 0.1
# The readiness check, offered after a subject asked beside it.
READINESS_INTENT = "ask_readiness"


def service_buttons(knowledge: Knowledge) -> list[dict[str, str]]:
    """The readiness check, then the topics the knowledge file offers after a service."""
    readiness = {"title": knowledge.messages["readiness_button"], "payload": "/ask_readiness"}
    default = knowledge.default_role
    topics = [knowledge.topics[key] for key in knowledge.uncovered.after_service]
    return [readiness, *(topic_button(topic, default) for topic in topics)]


def decline_service(
    dispatcher: CollectingDispatcher, knowledge: Knowledge, tracker: Tracker
) -> list[EventType]:
    """ "Sorry, I can't look over a CV …", then the readiness check and what the sources cover."""
    message = tracker.latest_message or {}
    called = knowledge.uncovered.services.get(entity_value(message, SERVICE) or "")
    if called is None and entity_value(message, SUBJECT):
        # "recommend me an online course": things the sources never speak of, asked for.
        return say_uncovered_subject(dispatcher, knowledge, tracker, opening="uncovered_request")
    text = knowledge.messages["uncovered_service"].format(service=called or ANY_SERVICE)
    record = {RECORD_KEY: unanswered_record(tracker, "uncovered")}
    topic = service_topic(knowledge, message)
    dispatcher.utter_message(text=text, buttons=service_buttons(knowledge), **record)
    if topic is not None:
        # "translate the tpm duties into spanish", "calculate my take-home pay": what the
        # sources say on what the request is about, as they say it.
        return answer_topic(dispatcher, knowledge, topic, None)
    return []


def service_topic(knowledge: Knowledge, message: dict[str, Any]) -> Topic | None:
    """The topic a request for a service naming a job is about: the knowledge file's for that
    service, else the one NLU ranked beside the request (with NEAREST_TOPIC_SHARE of its
    confidence)."""
    service = entity_value(message, SERVICE)
    if service is None or not entity_value(message, ROLE_SLOT):
        # "find me a joke about baseball" is no job search: only a request naming a job is
        # about what the sources say of it.
        return None
    key = knowledge.uncovered.service_topics.get(service)
    return knowledge.topics[key] if key else topic_guess(knowledge, message, NEAREST_TOPIC_SHARE)


def nearest_topic(knowledge: Knowledge, message: dict[str, Any]) -> Topic | None:
    """The topic NLU ranked nearest to a question about the job (one naming a role) on a
    subject the sources don't speak of, if it has at least NEAREST_TOPIC_SHARE of NLU's
    confidence; None otherwise."""
    if not entity_value(message, ROLE_SLOT):
        return None
    return topic_guess(knowledge, message, NEAREST_TOPIC_SHARE)


def say_uncovered_subject(
    dispatcher: CollectingDispatcher,
    knowledge: Knowledge,
    tracker: Tracker,
    opening: str = "uncovered_subject",
) -> list[EventType]:
    """ "My sources don't speak of stress …", then what they say nearest to it; `opening` is
    the message that says so (`uncovered_request` when such things were asked for)."""
    message = tracker.latest_message or {}
    record = {RECORD_KEY: unanswered_record(tracker, "uncovered")}
    subject = knowledge.uncovered.subjects.get(entity_value(message, SUBJECT) or "")
    if subject is None:
        nearest = nearest_topic(knowledge, message)
        if nearest is not None:
            # "are tpms the same in every industry": a subject no lookup names, in a question
            # about the job; what the sources say on the topic NLU saw nearest follows.
            dispatcher.utter_message(
                text=knowledge.messages["uncovered_unnamed"].format(topic=nearest.in_a_sentence),
                **record,
            )
            return answer_topic(dispatcher, knowledge, nearest, None)
        dispatcher.utter_message(
            text=knowledge.messages["uncovered_unknown"], buttons=menu_buttons(knowledge), **record
        )
        return []
    # What the question asks beside the subject, if NLU is sure enough of it, else the
    # subject's own nearest topic.
    topic = asked_beside(knowledge, message, subject) or knowledge.topics[subject.near[0]]
    dispatcher.utter_message(
        text=knowledge.messages[opening].format(subject=subject.called, topic=topic.in_a_sentence),
        **record,
    )
    events = answer_topic(dispatcher, knowledge, topic, None)
    asked_whether = READINESS_INTENT in {guess["name"] for guess in top_intents(message, limit=2)}
    if asked_whether or BECOMING.search(str(message.get("text") or "")):
        # "can i be a tpm part time", "am i too old to become one": whether they could.
        dispatcher.utter_message(**readiness_offer(knowledge, "offer_readiness_check"))
    return events


class ActionAnswerUncovered(Action):
    """Say what the sources don't speak of or what the assistant can't do, then what it can."""

    def name(self) -> str:
        return "action_answer_uncovered"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        knowledge = get_knowledge()
        message = tracker.latest_message or {}
        intent = (message.get("intent") or {}).get("name")
        # "Can you find me remote TPM jobs?" asks a service, whatever subject it names; "how
        # many tpm job openings are there", read as a question, asks the subject it names.
        subject = entity_value(message, SUBJECT)
        if intent == REQUEST_SERVICE or (entity_value(message, SERVICE) and not subject):
            return decline_service(dispatcher, knowledge, tracker)
        other = entity_value(message, OTHER_ROLE)
        if other and not subject and likened_to_default(knowledge, tracker):
            # "scrum master or tpm which is better": what the sources leave out is the other
            # job, which they can't compare; no subject of the career.
            overview = knowledge.topics[knowledge.special_topics.role_only_question]
            send(dispatcher, not_compared_messages(knowledge, other, overview))
            return [SlotSet(TOPIC_SLOT, overview.key)]
        return say_uncovered_subject(dispatcher, knowledge, tracker)
