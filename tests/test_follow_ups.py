"""Follow-ups that carry a conversation on: a qualifier alone after an answer ("fine, yearly
then"), whatever NLU read it as, and "and …?" messages NLU cannot place."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.replies import answer_messages
from actions.scope import ActionShowTopics, continues
from actions.scope_notes import Frame, only_qualifiers
from actions.short_replies import ActionShortReply
from actions.topic_answers import ActionAnswerTopic
from knowledge.loader import Knowledge
from tests.trackers import as_bot_events, in_conversation


@pytest.mark.parametrize(
    ("text", "follows_up"),
    [
        ("fine, yearly then", True),
        ("ok give me the us one then", True),
        ("and the us one again?", True),
        ("annually?", True),
        ("yes", False),
        ("us", False),
        ("tell us more", False),
    ],
)
def test_the_place_and_period_the_sources_cover_alone_follow_up(
    text: str, follows_up: bool
) -> None:
    assert only_qualifiers(text, Frame()) is follows_up


@pytest.mark.parametrize(
    ("text", "place", "follows_up"),
    [
        ("how much in rupees", "rupees", True),
        ("how many in Canada?", "Canada", True),
        ("how much is a flight to Canada", "Canada", False),
        # All said of the asker: nothing asked, nothing followed up.
        ("i want to order chinese takeout", "chinese", False),
    ],
)
def test_how_much_there_follows_up(text: str, place: str, follows_up: bool) -> None:
    assert only_qualifiers(text, Frame(place=place)) is follows_up


def run_short_reply(intent: str, text: str, slots: dict[str, Any]) -> list[dict[str, Any]]:
    dispatcher = CollectingDispatcher()
    tracker = in_conversation(intent, text, [], slots=slots)
    asyncio.run(ActionShortReply().run(dispatcher, tracker, {}))
    return dispatcher.messages


@pytest.mark.parametrize("intent", ["affirm", "deny", "inform"])
def test_a_covered_qualifier_read_as_a_short_reply_asks_the_last_topic_again(
    knowledge: Knowledge, intent: str
) -> None:
    messages = run_short_reply(intent, "fine, yearly then", {"topic": "salary"})
    assert messages[0]["text"] == knowledge.default_role.answers["salary"].text


def test_a_hesitation_is_never_a_follow_up(knowledge: Knowledge) -> None:
    messages = run_short_reply("hesitate", "hmm", {"topic": "salary"})
    assert messages[0]["text"] != knowledge.default_role.answers["salary"].text


@pytest.mark.parametrize(
    ("text", "entities", "carries_on"),
    [
        ("and after that?", [], True),
        ("and hospitals?", [], True),
        ("what about a masters?", [], True),
        ("and what's the weather like in paris tomorrow?", [], False),
        ("and in germany?", [{"entity": "place", "value": "Germany"}], False),
        ("tell me a joke", [], False),
    ],
)
def test_a_short_and_message_carries_the_conversation_on(
    text: str, entities: list[dict[str, Any]], carries_on: bool
) -> None:
    assert continues(text, entities) is carries_on


def test_and_after_an_answer_gives_more_of_it(knowledge: Knowledge) -> None:
    role, topic = knowledge.default_role, knowledge.topics["salary"]
    answer = role.answers["salary"]
    before = as_bot_events(answer_messages(knowledge, role, topic, answer))
    tracker = in_conversation("out_of_scope", "and after that?", before, slots={"topic": "salary"})
    dispatcher = CollectingDispatcher()
    assert asyncio.run(ActionShowTopics().run(dispatcher, tracker, {})) == []
    assert dispatcher.messages[0]["text"] == answer.more[0].text


def test_and_with_no_answer_before_is_not_understood() -> None:
    tracker = in_conversation("out_of_scope", "and after that?", [])
    dispatcher = CollectingDispatcher()
    assert asyncio.run(ActionShowTopics().run(dispatcher, tracker, {})) == []
    assert dispatcher.messages


def test_a_question_to_the_assistant_is_not_a_subject_of_the_career(knowledge: Knowledge) -> None:
    """ "what is your age?" holds the subject word "age" but asks the assistant: declined, never
    "My sources don't speak of age limits"."""
    subject = [{"entity": "subject", "value": "age"}]
    tracker = in_conversation("nlu_fallback", "what is your age", [], entities=subject)
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionShowTopics().run(dispatcher, tracker, {}))
    said = " ".join(m.get("text") or "" for m in dispatcher.messages)
    assert knowledge.messages["uncovered_subject"].split("{")[0] not in said


def unplaced(text: str, off_topic: float, entities: list[dict[str, Any]]) -> Tracker:
    """The tracker after `text`, read as off-topic with `off_topic` confidence, once the salary
    was answered."""
    tracker = in_conversation(
        "out_of_scope", text, [], slots={"topic": "salary"}, entities=entities
    )
    tracker.latest_message["intent"]["confidence"] = off_topic
    tracker.latest_message["intent_ranking"] = [
        {"name": "out_of_scope", "confidence": off_topic},
        {"name": "inform", "confidence": 1 - off_topic},
    ]
    return tracker


POINTS_BACK = {"entity": "follows_up", "start": 0, "end": 2, "value": "ok"}


def test_a_message_that_leans_on_the_answer_follows_it_up(knowledge: Knowledge) -> None:
    """ "ok what's the overall average then", which NLU reads as off-topic at 0.59."""
    tracker = unplaced("ok what's the overall average then", 0.59, [POINTS_BACK])
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionShowTopics().run(dispatcher, tracker, {}))
    assert dispatcher.messages[0]["text"] == knowledge.default_role.answers["salary"].text


def test_a_follow_up_with_a_period_says_the_sources_give_none(knowledge: Knowledge) -> None:
    period = {"entity": "period", "start": 13, "end": 22, "value": "per month"}
    tracker = unplaced("wait is that per month?", 0.4, [POINTS_BACK, period])
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionShowTopics().run(dispatcher, tracker, {}))
    said = [message.get("text") for message in dispatcher.messages]
    assert said[0].startswith(knowledge.messages["no_figure"].format(qualifier="per month"))
    assert knowledge.default_role.answers["salary"].text in said


@pytest.mark.parametrize(
    ("off_topic", "entities"),
    [
        # NLU sure it is off-topic: "what time is it" is no question about the pay.
        (0.9, [POINTS_BACK]),
        # A subject of its own: not a follow-up, whatever it points back to.
        (0.4, [POINTS_BACK, {"entity": "subject", "value": "stress"}]),
        # Nothing marked as pointing back.
        (0.4, []),
    ],
)
def test_what_does_not_lean_on_the_answer_is_not_answered_as_it(
    knowledge: Knowledge, off_topic: float, entities: list[dict[str, Any]]
) -> None:
    tracker = unplaced("ok then what", off_topic, entities)
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionShowTopics().run(dispatcher, tracker, {}))
    said = [message.get("text") for message in dispatcher.messages]
    assert knowledge.default_role.answers["salary"].text not in said


def test_what_about_with_no_job_named_follows_the_answer(knowledge: Knowledge) -> None:
    """ "what about consulting", read as "and for a …?" though no job is named, after where
    the career leads: that answer, not "I'm not sure what you mean"."""
    tracker = in_conversation(
        "switch_role",
        "what about consulting",
        [],
        slots={"topic": "career_advancement"},
        entities=[{"entity": "follows_up", "start": 0, "end": 21, "value": "what about"}],
    )
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionAnswerTopic().run(dispatcher, tracker, {}))
    answer = knowledge.default_role.answers["career_advancement"].text
    assert dispatcher.messages[0]["text"] == answer


def test_the_same_again_for_a_period_says_the_sources_give_none(knowledge: Knowledge) -> None:
    """ "what was it back in 2010", read as "say that again", asks the pay for a year."""
    entities = [
        {"entity": "follows_up", "start": 9, "end": 11, "value": "it"},
        {"entity": "period", "start": 12, "end": 24, "value": "back in 2010"},
    ]
    messages = run_short_reply_with("repeat", "what was it back in 2010", entities)
    said = [message.get("text") for message in messages]
    assert said[0].startswith(knowledge.messages["no_figure"].format(qualifier="back in 2010"))
    assert knowledge.default_role.answers["salary"].text in said


def run_short_reply_with(
    intent: str, text: str, entities: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    dispatcher = CollectingDispatcher()
    tracker = in_conversation(intent, text, [], slots={"topic": "salary"}, entities=entities)
    asyncio.run(ActionShortReply().run(dispatcher, tracker, {}))
    return dispatcher.messages
