"""End to end over REST: the real Rasa server, the real action server, the trained model.

`rasa test` never calls the action server; these tests prove the answers users actually get.
"""

from __future__ import annotations

import uuid

import pytest

from actions.knowledge import Knowledge
from scripts.sync_topics import answering_role
from tests.declared import TOPICS
from tests.servers import Stack

# Every test here starts the real servers (`make test-unit` leaves them out).
pytestmark = pytest.mark.server


def new_sender() -> str:
    return f"e2e-{uuid.uuid4().hex[:12]}"


def texts(messages: list[dict]) -> str:
    return "\n".join(message.get("text", "") for message in messages)


# Each topic's question from the knowledge file, answered for the role it names.
@pytest.mark.parametrize("topic", TOPICS)
def test_every_topic_is_answered_with_its_facts_and_sources(
    stack: Stack, knowledge: Knowledge, topic: str
) -> None:
    asked = knowledge.topics[topic]
    messages = stack.send(new_sender(), asked.question)
    answer = answering_role(knowledge, asked).answers[topic]
    assert messages[0]["text"] == answer.text
    sources_message = messages[1]
    for source in answer.sources:
        assert source.title in sources_message["text"]
    assert 2 <= len(sources_message["buttons"]) <= 3


def test_salary_shows_both_figures_each_with_its_source(stack: Stack) -> None:
    reply = texts(stack.send(new_sender(), "what's the salary of a technical project manager?"))
    assert "$99,910" in reply and "$88,000" in reply
    assert "Bureau of Labor Statistics" in reply and "Indeed" in reply
    assert "Technical Project Manager Career Profile" in reply


def test_follow_up_keeps_the_role(stack: Stack, knowledge: Knowledge) -> None:
    sender = new_sender()
    coordinator = knowledge.roles["project_coordinator"]
    first = stack.send(sender, "What does a project coordinator do?")
    assert first[0]["text"] == coordinator.answers["overview"].text
    second = stack.send(sender, "who do they report to?")
    assert second[0]["text"] == coordinator.answers["reports_to"].text
    third = stack.send(sender, "how much do they earn?")
    assert "don't cover salary for a project coordinator" in third[0]["text"]
    fourth = stack.send(sender, "and what does a TPM earn?")
    assert fourth[0]["text"] == knowledge.default_role.answers["salary"].text


def test_unknown_role_is_not_answered_for_another_role(stack: Stack) -> None:
    reply = texts(stack.send(new_sender(), "How much does a data scientist earn?"))
    assert "I don't know the role" in reply
    assert "$" not in reply


def test_off_topic_request_gets_scope_and_topic_buttons(stack: Stack, knowledge: Knowledge) -> None:
    messages = stack.send(new_sender(), "What's the weather in Paris tomorrow?")
    assert messages[0]["text"] == knowledge.messages["out_of_scope"]
    assert len(messages[0]["buttons"]) == len(knowledge.menu)


def test_button_payload_is_answered(stack: Stack, knowledge: Knowledge) -> None:
    messages = stack.send(new_sender(), '/ask_types{"role":"technical project manager"}')
    assert messages[0]["text"] == knowledge.default_role.answers["types"].text
