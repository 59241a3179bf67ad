"""Follow-ups read with the answer before them: "and in general?" after an answer for a place,
a pay period or a word for pay after another topic, and an unsure guess of the topic just
answered."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_echoes import echoes_answer
from actions.evidence import ActionTellMore
from actions.scope import ActionShowTopics
from actions.scope_notes import Frame, only_qualifiers
from actions.subject_topics import asked_beside
from actions.topic_answers import ActionAnswerTopic
from knowledge.loader import Knowledge
from tests.trackers import in_conversation


def said(action: Any, tracker: Any) -> list[str]:
    dispatcher = CollectingDispatcher()
    asyncio.run(action.run(dispatcher, tracker, {}))
    return [str(message.get("text") or "") for message in dispatcher.messages]


@pytest.mark.parametrize("text", ["and in general?", "what about generally"])
def test_in_general_after_an_answer_is_that_answer_as_the_sources_give_it(
    knowledge: Knowledge, text: str
) -> None:
    """Not "That was the whole of that answer": the topic again, with no place or period."""
    tracker = in_conversation("tell_more", text, [], slots={"topic": "working_hours"})
    messages = said(ActionTellMore(), tracker)
    assert messages[0] == knowledge.default_role.answers["working_hours"].text


def test_tell_me_more_is_still_more(knowledge: Knowledge) -> None:
    tracker = in_conversation("tell_more", "tell me more", [], slots={"topic": "working_hours"})
    messages = said(ActionTellMore(), tracker)
    assert knowledge.default_role.answers["working_hours"].text not in messages


PER_HOUR = {"entity": "period", "start": 0, "end": 8, "value": "per hour"}


def test_per_hour_after_the_hours_asks_the_pay(knowledge: Knowledge) -> None:
    """No schedule is given by the hour: "per hour pls" after the hours asks the pay per hour,
    which the sources don't give, then the yearly figures."""
    slots = {"topic": "working_hours", "period": "per hour"}
    tracker = in_conversation("ask_working_hours", "per hour pls", [], slots=slots)
    tracker.latest_message["entities"] = [PER_HOUR]
    messages = said(ActionAnswerTopic(), tracker)
    assert messages[0].startswith(knowledge.messages["no_figure"].format(qualifier="per hour"))
    assert knowledge.default_role.answers["salary"].text in messages


def test_a_word_for_pay_beside_a_place_after_another_topic_asks_the_pay(
    knowledge: Knowledge,
) -> None:
    """ "and the money in germany?" after what a TPM is: the pay there, not what a TPM is."""
    entities = [
        {"entity": "place", "start": 17, "end": 24, "value": "Germany"},
        {"entity": "follows_up", "start": 0, "end": 25, "value": "and the money in germany?"},
    ]
    tracker = in_conversation(
        "nlu_fallback", "and the money in germany?", [], slots={"topic": "overview"}
    )
    tracker.latest_message["entities"] = entities
    tracker.latest_message["intent_ranking"] = [
        {"name": "nlu_fallback", "confidence": 0.3},
        {"name": "out_of_scope", "confidence": 0.47},
        {"name": "ask_salary", "confidence": 0.46},
    ]
    messages = said(ActionShowTopics(), tracker)
    assert knowledge.default_role.answers["salary"].text in messages
    assert knowledge.default_role.answers["overview"].text not in messages


@pytest.mark.parametrize(("previous", "confirmed"), [("education", False), ("salary", True)])
def test_an_unsure_guess_of_the_topic_just_answered_is_answered(
    knowledge: Knowledge, previous: str, confirmed: bool
) -> None:
    """ "what if i only have an associate's" right after the education answer: answered, not
    "Did you mean: Education needed?"; the same guess after another topic is confirmed."""
    tracker = in_conversation(
        "ask_education", "what if i only have an associate's", [], slots={"topic": previous}
    )
    tracker.latest_message["intent"]["confidence"] = 0.35
    messages = said(ActionAnswerTopic(), tracker)
    assert (messages[0] == knowledge.messages["confirm_topic"]) is confirmed


def test_a_subject_is_answered_beside_its_own_topic_unless_nlu_is_sure_of_another(
    knowledge: Knowledge,
) -> None:
    """ "whats the retirement plan like for tpms" leans (0.46) to where the career leads:
    benefits are said to be left out, then what the sources say of pay, their nearest topic."""
    subject = knowledge.uncovered.subjects["benefits"]
    message = {
        "text": "whats the retirement plan like for tpms",
        "intent_ranking": [
            {"name": "ask_career_advancement", "confidence": 0.46},
            {"name": "ask_uncovered", "confidence": 0.06},
        ],
    }
    assert asked_beside(knowledge, message, subject) is None
    message["intent_ranking"][0]["confidence"] = 0.8
    assert asked_beside(knowledge, message, subject) == knowledge.topics["career_advancement"]


@pytest.mark.parametrize(
    ("text", "place"),
    [("what about in the UK, in pounds", "the UK"), ("and how much earn in brazil?", "brazil")],
)
def test_a_place_with_a_currency_or_a_word_for_pay_asks_the_pay_there(
    knowledge: Knowledge, text: str, place: str
) -> None:
    """After what a TPM is, however NLU read it: the pay there, which the sources don't give."""
    entities = [{"entity": "place", "start": text.index(place), "value": place}]
    tracker = in_conversation("out_of_scope", text, [], slots={"topic": "overview"})
    tracker.latest_message["entities"] = entities
    tracker.latest_message["intent_ranking"] = [{"name": "out_of_scope", "confidence": 0.6}]
    messages = said(ActionShowTopics(), tracker)
    assert messages[0].startswith(knowledge.messages["no_figure"].format(qualifier=f"for {place}"))
    assert knowledge.default_role.answers["salary"].text in messages


@pytest.mark.parametrize(
    ("entity", "opening"),
    [
        ({"entity": "subject", "value": "work-life balance"}, "My sources don't speak of"),
        ({"entity": "other_role", "value": "construction project manager"}, "My sources don't"),
    ],
)
def test_an_unsure_topic_beside_what_the_sources_leave_out_is_answered(
    knowledge: Knowledge, entity: dict[str, Any], opening: str
) -> None:
    """No "did you mean": the reply says what the sources leave out, then the topic."""
    tracker = in_conversation("ask_working_hours", "how's that, evenings free?", [])
    tracker.latest_message["entities"] = [entity]
    tracker.latest_message["intent"]["confidence"] = 0.35
    messages = said(ActionAnswerTopic(), tracker)
    assert messages[0] != knowledge.messages["confirm_topic"]
    assert messages[0].startswith(opening)


def test_the_same_over_here_asks_nothing_but_the_place() -> None:
    assert only_qualifiers("is it the same over here in singapore", Frame(place="singapore"))


@pytest.mark.parametrize(
    "text", ["ok and the working hours, similar over here?", "are the hours the same in my country"]
)
def test_over_here_is_where_the_asker_said_they_are(knowledge: Knowledge, text: str) -> None:
    """Someone who said they are in the UK asks of the hours "over here": the hours, and that
    the sources don't speak of the UK."""
    slots = {"topic": "salary", "asker_place": "UK"}
    tracker = in_conversation("ask_working_hours", text, [], slots=slots)
    messages = said(ActionAnswerTopic(), tracker)
    answer = knowledge.default_role.answers["working_hours"].text
    assert "UK" in messages[0] and messages[0] != answer
    assert answer in messages


def test_over_here_is_the_place_named_before_when_none_is_remembered(
    knowledge: Knowledge,
) -> None:
    """ "UK based here, what's the pay" read the UK as the place asked about; "and the duties,
    the same over here?" then points back to it."""
    tracker = in_conversation("ask_duties", "and the duties, the same over here?", [])
    tracker.events[0]["parse_data"]["entities"] = [{"entity": "place", "value": "UK"}]
    messages = said(ActionAnswerTopic(), tracker)
    assert messages[0] == knowledge.messages["not_specific"].format(qualifier="UK")


def test_here_in_an_introduction_points_nowhere(knowledge: Knowledge) -> None:
    tracker = in_conversation("ask_duties", "TPM here, what are the duties", [])
    tracker.events[0]["parse_data"]["entities"] = [{"entity": "place", "value": "UK"}]
    messages = said(ActionAnswerTopic(), tracker)
    assert messages[0] == knowledge.default_role.answers["duties"].text


def retirement_question(confidence: float) -> Any:
    """ "whats the retirement plan like for tpms", NLU leaning to where the career leads."""
    subject = {"entity": "subject", "start": 11, "end": 26, "value": "benefits"}
    tracker = in_conversation(
        "ask_career_advancement", "whats the retirement plan like for tpms", [], entities=[subject]
    )
    ranking = [
        {"name": "ask_career_advancement", "confidence": confidence},
        {"name": "ask_salary", "confidence": 0.2},
    ]
    tracker.latest_message["intent"] = ranking[0]
    tracker.latest_message["intent_ranking"] = ranking
    return tracker


def test_a_topic_read_unsurely_beside_a_subject_gives_way_to_the_subjects_nearest(
    knowledge: Knowledge,
) -> None:
    messages = said(ActionAnswerTopic(), retirement_question(0.44))
    assert knowledge.default_role.answers["salary"].first.text in messages
    assert knowledge.default_role.answers["career_advancement"].first.text not in messages


def test_a_topic_read_surely_beside_a_subject_is_answered(knowledge: Knowledge) -> None:
    messages = said(ActionAnswerTopic(), retirement_question(0.9))
    assert knowledge.default_role.answers["career_advancement"].first.text in messages


CRISIS = "and when theres a crisis?"
MARKED = [{"entity": "follows_up", "start": 0, "end": 3, "value": "and"}]


def test_a_follow_up_taking_up_a_word_of_the_answer_is_answered_though_nlu_reads_it_off_topic(
    knowledge: Knowledge,
) -> None:
    """ "crisis" is no word of the questions NLU learnt, and the hours answer's own: the
    follow-up asks about the hours, not something outside the career."""
    tracker = in_conversation(
        "out_of_scope", CRISIS, [], slots={"topic": "working_hours"}, entities=MARKED
    )
    messages = said(ActionShowTopics(), tracker)
    assert messages[0] == knowledge.default_role.answers["working_hours"].text


def test_a_follow_up_naming_another_answers_word_is_still_declined(knowledge: Knowledge) -> None:
    """After the pay, "crisis" is no word of that answer: NLU's sure reading stands."""
    tracker = in_conversation(
        "out_of_scope", CRISIS, [], slots={"topic": "salary"}, entities=MARKED
    )
    messages = said(ActionShowTopics(), tracker)
    assert messages[0] == knowledge.messages["out_of_scope"]


def test_words_every_answer_uses_point_back_to_none(knowledge: Knowledge) -> None:
    message = {"text": "and what about the project then", "entities": MARKED}
    assert not any(echoes_answer(knowledge, message, topic) for topic in knowledge.topics.values())


def test_tell_me_more_about_a_job_named_in_the_answer_is_that_topic_for_the_job(
    knowledge: Knowledge,
) -> None:
    """Not "That was the whole of that answer": the types, for the telecom kind of TPM, which
    the sources only name; the reply says so, then what they say in general."""
    telecom = {"entity": "role", "start": 22, "end": 29, "value": "telecom project manager"}
    tracker = in_conversation(
        "tell_more", "tell me more about the telecom one", [], slots={"topic": "types"}
    )
    tracker.latest_message["entities"] = [telecom]
    messages = said(ActionTellMore(), tracker)
    assert messages[0].startswith(knowledge.messages["not_specific"].split("{")[0])
    assert knowledge.default_role.answers["types"].text in messages


def test_tell_me_more_about_the_job_already_asked_is_still_more(knowledge: Knowledge) -> None:
    tpm = {"entity": "role", "start": 19, "end": 23, "value": "technical project manager"}
    tracker = in_conversation("tell_more", "tell me more about tpms", [], slots={"topic": "salary"})
    tracker.latest_message["entities"] = [tpm]
    messages = said(ActionTellMore(), tracker)
    assert knowledge.default_role.answers["salary"].text not in messages
