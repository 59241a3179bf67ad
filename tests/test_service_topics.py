"""A service the assistant doesn't offer, declined, then what the sources say of what it is about.

"can you calculate my take-home pay as a tpm" is declined ("Sorry, I can't calculate take-home
pay …", with the readiness check offered first), then answered with what the sources say of pay:
the knowledge file's `uncovered.service_topics`, else the topic NLU ranked beside the request.
A request about nothing the sources cover ("review my cv") is only declined.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.uncovered import ActionAnswerUncovered
from knowledge.loader import Knowledge
from tests.topic_turns import check_turn
from tests.trackers import after_message

TPM = {"entity": "role", "value": "technical project manager", "start": 0, "end": 3}


def declined(service: str, ranking: list[tuple[str, float]]) -> list[dict[str, Any]]:
    tracker = after_message(
        "tpm: do this for me", [{"name": n, "confidence": c} for n, c in ranking]
    )
    tracker.latest_message["entities"] = [TPM, {"entity": "service", "value": service}]
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionAnswerUncovered().run(dispatcher, tracker, {}))
    return dispatcher.messages


@pytest.mark.parametrize("service", ["pay calculation", "job search", "cover letter", "linkedin"])
def test_a_service_about_a_topic_is_followed_by_that_topic(
    knowledge: Knowledge, service: str
) -> None:
    messages = declined(service, [("request_service", 0.9), ("ask_duties", 0.05)])
    check_turn(messages)
    called = knowledge.uncovered.services[service]
    assert messages[0]["text"] == knowledge.messages["uncovered_service"].format(service=called)
    assert messages[0]["buttons"][0]["payload"] == "/ask_readiness"
    topic = knowledge.uncovered.service_topics[service]
    assert messages[1]["text"] == knowledge.default_role.answers[topic].text


def test_otherwise_the_topic_nlu_ranked_beside_the_request(knowledge: Knowledge) -> None:
    messages = declined("writing", [("request_service", 0.6), ("ask_duties", 0.15)])
    check_turn(messages)
    assert messages[1]["text"] == knowledge.default_role.answers["duties"].text


def test_a_service_about_nothing_the_sources_cover_is_only_declined(knowledge: Knowledge) -> None:
    messages = declined("cv", [("request_service", 0.7), ("ask_readiness", 0.25)])
    assert len(messages) == 1
    assert [b["payload"] for b in messages[0]["buttons"]][0] == "/ask_readiness"


def test_every_service_topic_is_a_service_and_a_topic(knowledge: Knowledge) -> None:
    for service, topic in knowledge.uncovered.service_topics.items():
        assert service in knowledge.uncovered.services
        assert topic in knowledge.default_role.answers


def test_a_question_on_a_subject_beside_a_service_word_asks_the_subject(
    knowledge: Knowledge,
) -> None:
    """ "how many tpm job openings are there", read as a question on job growth: "openings"
    names a job search too, but nothing is asked of the assistant."""
    tracker = after_message(
        "how many tpm job openings are there",
        [{"name": "ask_uncovered", "confidence": 0.4}, {"name": "ask_outlook", "confidence": 0.2}],
    )
    tracker.latest_message["entities"] = [
        TPM,
        {"entity": "service", "value": "job search"},
        {"entity": "subject", "value": "job growth"},
    ]
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionAnswerUncovered().run(dispatcher, tracker, {}))
    check_turn(dispatcher.messages)
    subject = knowledge.uncovered.subjects["job growth"]
    assert dispatcher.messages[0]["text"].startswith(
        knowledge.messages["uncovered_subject"].format(subject=subject.called, topic="")[:40]
    )
