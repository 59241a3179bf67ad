"""Actions that say what the assistant can do: greeting, help, out of scope, fallback, sources.

An unsure guess between two topics becomes a "did you mean" question with both as buttons.
Every reply to a message the assistant could not answer carries an unanswered-question record
(actions.unanswered), so a maintainer can see what people asked.
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.confirmation import addressed_to_assistant
from actions.dispatching import send
from actions.evidence import ActionTellMore, sources_message
from actions.follow_up_reading import (
    OFF_TOPIC_INTENT,
    follow_up_topic,
    leans_on_answer,
    surely_off_topic,
)
from actions.replies import menu_buttons, topic_button, unknown_role_messages
from actions.scope_notes import (
    ASKER_ROLE,
    OTHER_ROLE,
    SUBJECT,
    entity_value,
    frame_of,
    only_qualifiers,
    qualified_topic,
)
from actions.short_replies import readiness_offer
from actions.slot_names import ROLE_SLOT
from actions.topic_answers import (
    MAX_MESSAGES,
    TOPIC_SLOT,
    answer_topic,
    likened_to_default,
    not_compared_messages,
    offer_readiness_to_asker,
    readiness_offer_to,
)
from actions.unanswered import (
    FALLBACK_INTENT,
    RECORD_KEY,
    top_intents,
    topic_guess,
    unanswered_record,
)
from actions.uncovered import (
    READINESS_INTENT,
    REQUEST_SERVICE,
    SERVICE,
    decline_service,
    nearest_topic,
    say_uncovered_subject,
)
from knowledge.loader import Knowledge, get_knowledge
from knowledge.message_fields import CHOICE_KEY
from knowledge.records import Topic

# Which framing message opens the reply, by the intent that led here; topic buttons follow it.
OPENING_BY_INTENT = {
    "greet": "greeting",
    "ask_capabilities": "capabilities",
    # "What do you mean?": what the assistant does is the one thing it can explain.
    "explain": "capabilities",
    "out_of_scope": "out_of_scope",
    "nlu_fallback": "fallback",
    "stop": "stopped",
}
# Openings that mean the message was not answered; those replies carry a record.
UNANSWERED_OPENINGS = {"fallback", "out_of_scope"}
# Intents of a message that may still follow up the previous answer with a qualifier alone.
UNANSWERED_INTENTS = {FALLBACK_INTENT, "out_of_scope"}
# Intents about the career that are not topics: the readiness check, a subject the sources
# don't speak of.
UNCOVERED_INTENT = "ask_uncovered"
ABOUT_THE_CAREER = {READINESS_INTENT, UNCOVERED_INTENT}
# ...and only when the two together hold this much of NLU's confidence: spread thinner, the
# message is unclear.
MIN_WEIGHING_CONFIDENCE = 0.4
# A question after an introduction that NLU is unsure of is answered with the topic it leans
# to when that topic has at least this much of its confidence.
ASKER_QUESTION_SHARE = 0.2
# At most this many words, joined by "and" or "or", name two topics side by side.
MAX_NAMED_PAIR_WORDS = 6
# What it takes to become a TPM: the topics that answer whether one could, beside the check.
BECOMING_TOPICS = ("education", "experience")
# When NLU is unsure, its two best guesses are offered only if they are close and together
# account for most of its confidence; otherwise the message is unclear, not in between.
# The runner-up must have at least this share of the best guess's confidence...
MIN_RUNNER_UP_RATIO = 0.5
# ...and the two together at least this much of the total confidence.
MIN_PAIR_CONFIDENCE = 0.6


def close_guesses(knowledge: Knowledge, latest_message: dict[str, Any]) -> list[str] | None:
    """The two intents an unsure message sits between, when both are questions we answer."""
    guesses = top_intents(latest_message, limit=2)
    if len(guesses) < 2:
        return None
    first, second = guesses
    answerable = all(
        guess["name"] == READINESS_INTENT or knowledge.topic_for_intent(guess["name"])
        for guess in guesses
    )
    close = second["confidence"] >= MIN_RUNNER_UP_RATIO * first["confidence"]
    strong = first["confidence"] + second["confidence"] >= MIN_PAIR_CONFIDENCE
    return [first["name"], second["name"]] if answerable and close and strong else None


def weighing_topic(knowledge: Knowledge, latest_message: dict[str, Any]) -> Topic | None:
    """The topic that weighs the career up (`outlook`), when an unsure message sits between it
    and another question about the career: "is it hard to become a tpm" is asked across the
    topics, and that answer draws them together, where a "did you mean" would ask the asker to
    choose one of the halves."""
    guesses = top_intents(latest_message, limit=2)
    topics = [knowledge.topic_for_intent(guess["name"]) for guess in guesses]
    worth = knowledge.special_topics.weighing
    weighing = [topic for topic in topics if topic is not None and topic.key == worth]
    in_scope = all(
        topic is not None or guess["name"] in ABOUT_THE_CAREER
        for guess, topic in zip(guesses, topics, strict=True)
    )
    strong = sum(guess["confidence"] for guess in guesses) >= MIN_WEIGHING_CONFIDENCE
    return weighing[0] if weighing and in_scope and strong and len(guesses) == 2 else None


def kindred_topic(knowledge: Knowledge, latest_message: dict[str, Any]) -> Topic | None:
    """The first of two topics an unsure message sits between when either answers it: the
    knowledge file puts them close to each other (skills and what makes a good TPM), or one is
    the readiness check and the other what it takes ("no degree, can i still become a tpm":
    education). A "did you mean" would ask the asker to choose between near-equals."""
    guesses = top_intents(latest_message, limit=2)
    if len(guesses) < 2 or sum(g["confidence"] for g in guesses) < MIN_WEIGHING_CONFIDENCE:
        return None
    words = str(latest_message.get("text") or "").casefold().split()
    if len(words) <= MAX_NAMED_PAIR_WORDS and ("and" in words or "or" in words):
        # "working hours and daily duties": two topics named side by side, a choice to put.
        return None
    topics = [knowledge.topic_for_intent(guess["name"]) for guess in guesses]
    names = {guess["name"] for guess in guesses}
    if READINESS_INTENT in names:
        taken = [t for t in topics if t is not None and t.key in BECOMING_TOPICS]
        return taken[0] if taken else None
    first, second = topics
    if first is None or second is None:
        return None
    return first if second.key in first.close or first.key in second.close else None


def answer_kindred(
    dispatcher: CollectingDispatcher, knowledge: Knowledge, tracker: Tracker, topic: Topic
) -> list[EventType]:
    """The answer on a kindred topic (kindred_topic); the other is among its buttons. The check
    is offered after it to someone who said what they do, or who asked whether they could
    become a TPM."""
    frame = frame_of(tracker)
    events = answer_topic(dispatcher, knowledge, topic, role_asked(tracker), frame)
    if tracker.active_loop_name:
        return events
    first_two = top_intents(tracker.latest_message, limit=2)
    if READINESS_INTENT in {guess["name"] for guess in first_two}:
        dispatcher.utter_message(**readiness_offer(knowledge, "offer_readiness_check"))
    else:
        offer_readiness_to_asker(dispatcher, knowledge, topic, frame)
    return events


def answer_then_offer(
    dispatcher: CollectingDispatcher,
    knowledge: Knowledge,
    tracker: Tracker,
    topic: Topic,
    asker: str,
) -> list[EventType]:
    """The answer on `topic`, then the check offered to the asker (if they may take it)."""
    events = answer_topic(dispatcher, knowledge, topic, role_asked(tracker), frame_of(tracker))
    offer = readiness_offer_to(knowledge, asker)
    if offer is not None and len(dispatcher.messages) < MAX_MESSAGES:
        dispatcher.utter_message(**offer)
    return events


def role_asked(tracker: Tracker) -> Any:
    """The job an unsure message names (no slot is filled from it), else the conversation's."""
    return entity_value(tracker.latest_message, ROLE_SLOT) or tracker.get_slot(ROLE_SLOT)


def names_role(tracker: Tracker) -> bool:
    """Whether the latest message names a job the assistant knows."""
    return bool(entity_value(tracker.latest_message, ROLE_SLOT))


def unknown_job_asked_about(knowledge: Knowledge, message: dict[str, Any]) -> str | None:
    """The job a message NLU is unsure of asks about, when the sources don't describe it and
    NLU's best guess is a question about a job (not an errand that names one, "call a
    plumber"); None otherwise."""
    role = entity_value(message, ROLE_SLOT)
    if not isinstance(role, str) or knowledge.find_role(role) is not None:
        return None
    guesses = top_intents(message, limit=1)
    # Any reading but an errand: "do you have info on the program manager role" too.
    errand = not guesses or guesses[0]["name"] in (OFF_TOPIC_INTENT, REQUEST_SERVICE)
    return None if errand else role


def did_you_mean_buttons(
    knowledge: Knowledge, intents: list[str], role_mention: Any
) -> list[dict[str, str]]:
    """A button per guessed question (about the conversation's role), then "Something else"."""
    role = knowledge.find_role(role_mention if isinstance(role_mention, str) else None)
    role = role or knowledge.default_role
    buttons = []
    for intent in intents:
        topic = knowledge.topic_for_intent(intent)
        if topic is not None:
            buttons.append(topic_button(topic, role))
        else:
            buttons.append(
                {"title": knowledge.messages["readiness_button"], "payload": "/" + intent}
            )
    buttons.append({"title": knowledge.messages["something_else"], "payload": "/ask_capabilities"})
    return buttons


# How a message that only carries a conversation on begins ("and …", "what about …").
CONTINUATION = re.compile(r"^(?:and|also|plus|ok and|so and|what about|how about|and what about)\b")
MAX_CONTINUATION_WORDS = 6


def continues(text: str, entities: list[dict[str, Any]]) -> bool:
    """Whether a message NLU could not place only carries the conversation on: short, opening
    with "and" or "what about", naming no job, place, subject or service of its own."""
    words = text.casefold().split()
    return (
        0 < len(words) <= MAX_CONTINUATION_WORDS
        and bool(CONTINUATION.match(" ".join(words)))
        and not entities
    )


class ActionShowTopics(Action):
    """Explain the assistant's scope and offer the main topics as buttons, or ask which of two
    topics was meant; record the messages that could not be answered."""

    def name(self) -> str:
        return "action_show_topics"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        knowledge = get_knowledge()
        previous = knowledge.topics.get(str(tracker.get_slot(TOPIC_SLOT)))
        # A conversation about the career goes on, unless NLU is sure the message left it:
        # "google train tickets to washington dc" after the pay is no question on companies.
        career_talk = previous is not None and not surely_off_topic(tracker.latest_message)
        if intent in UNANSWERED_INTENTS and previous is not None:
            # "what about in Germany?" after an answer: the same topic, there.
            frame = frame_of(tracker, from_message=True)
            said = str(tracker.latest_message.get("text") or "")
            if only_qualifiers(said, frame):
                asked = qualified_topic(knowledge, previous, frame, said)
                return answer_topic(
                    dispatcher, knowledge, asked, tracker.get_slot(ROLE_SLOT), frame
                )
        text = str(tracker.latest_message.get("text") or "")
        entities = tracker.latest_message.get("entities") or []
        if intent in UNANSWERED_INTENTS and previous is not None and continues(text, entities):
            # "and after that?", "and hospitals?" right after an answer: more of that answer,
            # or, with none left, the answers that hold the rest. Said here, not by a follow-up
            # action, so the turn ends as every unplaced message's does.
            return await ActionTellMore().run(dispatcher, tracker, domain)
        if (
            intent in UNANSWERED_INTENTS
            and previous is not None
            and leans_on_answer(tracker.latest_message, knowledge, previous)
        ):
            # "wait is that per month?", "ok what's the overall average then" right after an
            # answer: a follow-up of it, though NLU, reading it alone, found it off-topic.
            frame = frame_of(tracker, from_message=True)
            topic = follow_up_topic(knowledge, tracker.latest_message, previous, frame)
            return answer_topic(dispatcher, knowledge, topic, tracker.get_slot(ROLE_SLOT), frame)
        unsure = intent == FALLBACK_INTENT
        if unsure and (kindred := kindred_topic(knowledge, tracker.latest_message)) is not None:
            return answer_kindred(dispatcher, knowledge, tracker, kindred)
        asker = entity_value(tracker.latest_message, ASKER_ROLE)
        if (
            unsure
            and asker
            and (asked := topic_guess(knowledge, tracker.latest_message, ASKER_QUESTION_SHARE))
        ):
            # "programmer here, would i take a pay cut moving to tpm": a question after the
            # introduction, which NLU leans to a topic for: that answer, then the check.
            return answer_then_offer(dispatcher, knowledge, tracker, asked, asker)
        if intent in UNANSWERED_INTENTS and asker:
            # "I'm a project scheduler, been doing it two years": someone saying who they are.
            offer = readiness_offer_to(knowledge, asker)
            if offer is not None:
                dispatcher.utter_message(**offer)
                return []
        other = entity_value(tracker.latest_message, OTHER_ROLE)
        if intent in UNANSWERED_INTENTS and other and likened_to_default(knowledge, tracker):
            # "tpm vs product manager, which should i go for": a comparison the sources can't
            # make, however unsure the intent; what they say a TPM is.
            overview = knowledge.topics[knowledge.special_topics.role_only_question]
            send(dispatcher, not_compared_messages(knowledge, other, overview))
            return [SlotSet(TOPIC_SLOT, overview.key)]
        if intent in UNANSWERED_INTENTS and other:
            # "engineering manager vs tpm, who makes more?": a job the sources don't describe
            # beside the TPM, however unsure the intent.
            send(dispatcher, unknown_role_messages(knowledge, other, None))
            return []
        if intent == FALLBACK_INTENT and (
            unknown := unknown_job_asked_about(knowledge, tracker.latest_message)
        ):
            # "tell me about being a software architect": unsure what is asked, but sure that
            # it is about a job the sources don't describe, which is what to say.
            send(dispatcher, unknown_role_messages(knowledge, unknown, None))
            return []
        if (
            intent in UNANSWERED_INTENTS
            and entity_value(tracker.latest_message, SERVICE)
            and (intent == FALLBACK_INTENT or career_talk or names_role(tracker))
        ):
            # "review my resume pls": a service NLU named, however unsure of the intent. A
            # request NLU is sure is off-topic and that names no job, first thing or after an
            # answer, is declined as off-topic: "find me a cheap flight" is no job search.
            return decline_service(dispatcher, knowledge, tracker)
        subject = entity_value(tracker.latest_message, SUBJECT)
        if (
            subject
            # "what is your age?" asks the assistant, not about the career.
            and not addressed_to_assistant(text)
            and (
                intent == FALLBACK_INTENT
                or (intent in UNANSWERED_INTENTS and (career_talk or names_role(tracker)))
            )
        ):
            # "what tools do TPMs use?", or "but what about AI taking over" in a conversation
            # about the career: a subject the sources don't speak of. A first message that
            # names no job may be any request ("set up a code for the alarm"), and is declined;
            # so is one NLU is sure is off-topic ("should i wear gloves tonight").
            return say_uncovered_subject(dispatcher, knowledge, tracker)
        if intent == FALLBACK_INTENT:
            weighed = weighing_topic(knowledge, tracker.latest_message)
            if weighed is not None:
                # "is it hard to become a tpm", unsure between whether the career is worth it
                # and what it takes: the answer that draws the topics together.
                frame = frame_of(tracker)
                events = answer_topic(
                    dispatcher, knowledge, weighed, tracker.get_slot(ROLE_SLOT), frame
                )
                if not tracker.active_loop_name:
                    offer_readiness_to_asker(dispatcher, knowledge, weighed, frame)
                return events
            first_two = [guess["name"] for guess in top_intents(tracker.latest_message, limit=2)]
            if UNCOVERED_INTENT in first_two and nearest_topic(knowledge, tracker.latest_message):
                # "which companies pay tpms the most", unsure between a subject the sources
                # don't speak of and a topic they do: both are said.
                return say_uncovered_subject(dispatcher, knowledge, tracker)
            guesses = close_guesses(knowledge, tracker.latest_message)
            if guesses is not None:
                dispatcher.utter_message(
                    text=knowledge.messages["did_you_mean"],
                    buttons=did_you_mean_buttons(knowledge, guesses, tracker.get_slot(ROLE_SLOT)),
                    **{RECORD_KEY: unanswered_record(tracker, "ambiguous"), CHOICE_KEY: True},
                )
                return []
        opening = OPENING_BY_INTENT.get(intent or "", "fallback")
        record = {}
        if opening in UNANSWERED_OPENINGS:
            # A message no rule could handle (the dialogue's fallback) is unanswered too.
            reason = intent if intent in (FALLBACK_INTENT, "out_of_scope") else "no_rule"
            record[RECORD_KEY] = unanswered_record(tracker, reason)
        dispatcher.utter_message(
            text=knowledge.messages[opening], buttons=menu_buttons(knowledge), **record
        )
        return []


class ActionListSources(Action):
    """Name the documents every answer comes from."""

    def name(self) -> str:
        return "action_list_sources"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(**sources_message(get_knowledge()))
        return []
