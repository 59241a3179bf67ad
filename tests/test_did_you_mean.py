""" "Did you mean ...?": a question between two topics gets both as buttons, not a guess.

Unit tests on a real Tracker with NLU rankings as the FallbackClassifier leaves them, and end to
end over REST with a question that really lands between two topics.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.replies import menu_buttons, topic_button, unknown_role_messages
from actions.scope import ActionShowTopics
from knowledge.loader import Knowledge
from tests.phrases import TwoTopics
from tests.servers import Stack
from tests.trackers import after_message, shown_topics


def shown(tracker: Tracker) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """What `action_show_topics` sends for `tracker`, and the events it returns."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionShowTopics().run(dispatcher, tracker, {}))
    return dispatcher.messages, events


def fallback_tracker(ranking: list[tuple[str, float]], role: str | None = None) -> Tracker:
    """The tracker after a message the FallbackClassifier turned into nlu_fallback."""
    intent_ranking = [{"name": "nlu_fallback", "confidence": 0.6}] + [
        {"name": name, "confidence": confidence} for name, confidence in ranking
    ]
    return after_message("some question", intent_ranking, role=role)


def test_two_close_topics_are_offered_with_something_else(knowledge: Knowledge) -> None:
    message = shown_topics(
        fallback_tracker([("ask_who_reports", 0.52), ("ask_reports_to", 0.47), ("greet", 0.01)])
    )
    tpm = knowledge.default_role
    assert message["text"] == knowledge.messages["did_you_mean"]
    assert message["buttons"] == [
        topic_button(knowledge.topics["who_reports"], tpm),
        topic_button(knowledge.topics["reports_to"], tpm),
        {"title": knowledge.messages["something_else"], "payload": "/ask_capabilities"},
    ]


def test_buttons_ask_about_the_conversations_role(knowledge: Knowledge) -> None:
    tracker = fallback_tracker([("ask_overview", 0.4), ("ask_reports_to", 0.35)], "coordinators")
    buttons = shown_topics(tracker)["buttons"]
    coordinator = knowledge.roles["project_coordinator"]
    assert buttons[0] == topic_button(knowledge.topics["overview"], coordinator)
    assert buttons[0]["payload"] == '/ask_overview{"role":"project coordinator"}'


def test_between_the_check_and_what_it_takes_the_answer_then_the_check(
    knowledge: Knowledge,
) -> None:
    """ "no degree, can i still become a tpm": either reading answers it; no choice asked."""
    messages, _ = shown(fallback_tracker([("ask_experience", 0.45), ("ask_readiness", 0.4)]))
    assert messages[0]["text"].startswith(first_words(knowledge, "experience"))
    assert messages[-1]["text"] == knowledge.messages["offer_readiness_check"]
    assert not any(m.get("text") == knowledge.messages["did_you_mean"] for m in messages)


@pytest.mark.parametrize(
    ("ranking", "topic"),
    [
        ([("ask_good_qualities", 0.3), ("ask_skills", 0.25)], "good_qualities"),
        ([("ask_education", 0.35), ("ask_certification", 0.3)], "education"),
    ],
)
def test_between_two_kindred_topics_the_first_is_answered(
    knowledge: Knowledge, ranking: list[tuple[str, float]], topic: str
) -> None:
    messages, _ = shown(fallback_tracker(ranking))
    assert messages[0]["text"].startswith(first_words(knowledge, topic))
    assert len(messages) <= 4


def first_words(knowledge: Knowledge, topic: str) -> str:
    """The first words of the TPM's answer on `topic`, as the reply opens with them."""
    answer = knowledge.default_role.answers[topic]
    return " ".join(answer.text.split()[:4])


@pytest.mark.parametrize(
    "ranking",
    [
        # Spread thin: the message is unclear, not between two topics.
        [("ask_overview", 0.296), ("ask_salary", 0.163), ("ask_skills", 0.12)],
        # One clear favourite that was merely below the threshold.
        [("ask_salary", 0.55), ("ask_experience", 0.1)],
        # One of the two is not a question we answer.
        [("ask_salary", 0.45), ("out_of_scope", 0.4)],
        [("ask_salary", 0.9)],
    ],
)
def test_otherwise_the_plain_fallback(knowledge: Knowledge, ranking) -> None:
    message = shown_topics(fallback_tracker(ranking))
    assert message["text"] == knowledge.messages["fallback"]
    assert message["buttons"] == menu_buttons(knowledge)


@pytest.mark.parametrize(
    "ranking",
    [
        [("ask_outlook", 0.29), ("ask_education", 0.23), ("ask_experience", 0.1)],
        [("ask_uncovered", 0.29), ("ask_outlook", 0.28)],
        [("ask_readiness", 0.3), ("ask_outlook", 0.25)],
    ],
)
def test_unsure_between_weighing_the_career_up_and_another_topic_weighs_it_up(
    knowledge: Knowledge, ranking
) -> None:
    messages, events = shown(fallback_tracker(ranking))
    assert messages[0]["text"] == knowledge.default_role.answers["outlook"].text
    assert {"event": "slot", "name": "topic", "value": "outlook", "timestamp": None} in events


@pytest.mark.parametrize(
    "ranking",
    [
        # Beside a request that is no question about the career.
        [("ask_outlook", 0.3), ("out_of_scope", 0.28)],
        # Spread thin: unclear.
        [("ask_outlook", 0.2), ("ask_salary", 0.15), ("ask_skills", 0.12)],
        # Not among the two likeliest.
        [("ask_salary", 0.3), ("ask_skills", 0.28), ("ask_outlook", 0.2)],
    ],
)
def test_weighing_up_is_no_answer_to_an_unclear_message(knowledge: Knowledge, ranking) -> None:
    messages, _ = shown(fallback_tracker(ranking))
    assert all(m["text"] != knowledge.default_role.answers["outlook"].text for m in messages)


def new_sender() -> str:
    return f"did-you-mean-{uuid.uuid4().hex[:12]}"


@pytest.mark.server
def test_a_question_between_two_topics_over_rest(
    stack: Stack, knowledge: Knowledge, two_topics: TwoTopics
) -> None:
    sender = new_sender()
    [message] = stack.send(sender, two_topics.text)
    tpm = knowledge.default_role
    assert message["text"] == knowledge.messages["did_you_mean"]
    offered = [button["payload"] for button in message["buttons"][:2]]
    assert offered == [
        topic_button(knowledge.topics[key], tpm)["payload"] for key in two_topics.topics
    ]
    assert message["buttons"][2]["title"] == knowledge.messages["something_else"]

    # The chosen one is answered.
    chosen = two_topics.topics[1]
    answer = stack.send(sender, offered[1])
    assert answer[0]["text"] == tpm.answers[chosen].text

    # "Something else" leads to what the assistant can do.
    [capabilities] = stack.send(sender, message["buttons"][2]["payload"])
    assert capabilities["text"] == knowledge.messages["capabilities"]


@pytest.mark.parametrize(
    ("ranking", "unknown_role_said"),
    [
        # Unsure what is asked, but it is a question about a job the sources don't describe.
        ([("ask_overview", 0.28), ("inform", 0.13)], True),
        # An errand that names a job ("call a plumber") is no question about it.
        ([("out_of_scope", 0.28), ("ask_overview", 0.2)], False),
        # Between two kindred topics of that job ("what does a release manager do").
        ([("ask_duties", 0.4), ("ask_overview", 0.38)], True),
        # "what about an account manager, what do they do": that job's answers asked.
        ([("switch_role", 0.29), ("ask_overview", 0.27)], True),
        # "do you have info on the program manager role": any reading but an errand.
        ([("ask_sources", 0.28), ("ask_overview", 0.2)], True),
        ([("request_service", 0.28), ("ask_overview", 0.2)], False),
    ],
)
def test_an_unsure_question_about_an_undescribed_job_says_so(
    knowledge: Knowledge, ranking: list[tuple[str, float]], unknown_role_said: bool
) -> None:
    tracker = fallback_tracker(ranking)
    tracker.latest_message["entities"] = [{"entity": "role", "value": "software architect"}]
    messages, _ = shown(tracker)
    expected = unknown_role_messages(knowledge, "software architect", None)[0]["text"]
    assert (messages[0]["text"] == expected) is unknown_role_said


@pytest.mark.parametrize(("role", "declined_as_service"), [(None, False), ("TPM", True)])
def test_an_off_topic_request_is_no_service_unless_it_is_about_the_job(
    knowledge: Knowledge, role: str | None, declined_as_service: bool
) -> None:
    """ "find me a cheap flight to paris" names the job-search service's words, but NLU is sure
    it is off-topic and it names no job: the off-topic decline, not "I can't search for jobs"."""
    tracker = after_message(
        "find me a cheap flight to paris", [{"name": "out_of_scope", "confidence": 0.9}]
    )
    tracker.latest_message["entities"] = [{"entity": "service", "value": "job search"}]
    if role is not None:
        tracker.latest_message["entities"].append({"entity": "role", "value": role})
    messages, _ = shown(tracker)
    assert (messages[0]["text"] == knowledge.messages["out_of_scope"]) is not declined_as_service


@pytest.mark.parametrize(
    ("ranking", "answered"),
    [
        # A question after the introduction, leaning to a topic: that answer, then the offer.
        ([("ask_salary", 0.39), ("ask_readiness", 0.36)], True),
        # Only an introduction: the offer alone.
        ([("inform", 0.12), ("greet", 0.12), ("ask_salary", 0.05)], False),
    ],
)
def test_an_unsure_question_after_an_introduction(
    knowledge: Knowledge, ranking: list[tuple[str, float]], answered: bool
) -> None:
    tracker = fallback_tracker(ranking)
    tracker.latest_message["entities"] = [{"entity": "asker_role", "value": "programmer"}]
    messages, _ = shown(tracker)
    salary = knowledge.default_role.answers["salary"].text
    assert (messages[0]["text"] == salary) is answered
    assert "You mentioned you are a programmer" in messages[-1]["text"]
