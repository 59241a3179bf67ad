"""Confirming before answering: a role-less question NLU is unsure of, or one spoken to the
assistant itself ("your salary"), gets "Did you mean" with one question; "yes" answers it.

Unit tests on real Trackers, and end to end over REST with the trained model.
"""

from __future__ import annotations

import asyncio
import uuid

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.confirmation import CONFIRM_BELOW, addressed_to_assistant, needs_confirmation
from actions.replies import topic_button
from actions.short_replies import ActionShortReply, payload_question
from actions.topic_answers import ActionAnswerTopic
from knowledge.loader import Knowledge
from knowledge.message_fields import CHOICE_KEY
from tests.servers import Stack
from tests.trackers import after_message, in_conversation

ROLE_ENTITY = [{"entity": "role", "value": "technical project manager"}]


def parsed(text: str, confidence: float, entities: list | None = None) -> dict:
    return {
        "text": text,
        "intent": {"name": "ask_salary", "confidence": confidence},
        "entities": entities or [],
    }


@pytest.mark.parametrize(
    "text",
    ["your salary", "what's your salary", "how was ur day", "Your hours?", "and yours"],
)
def test_questions_to_the_assistant_itself(text: str) -> None:
    assert addressed_to_assistant(text)
    assert needs_confirmation(parsed(text, 0.99))


@pytest.mark.parametrize(
    "text",
    [
        "salary",
        "what fills your calendar in this job",
        "your career options",
        "how much pay",
        "what happens to your hours when a project hits a crisis",
        "fine. what salary figure do your sources give",
    ],
)
def test_questions_about_the_job(text: str) -> None:
    assert not needs_confirmation(parsed(text, 0.99))


def test_an_unsure_guess_is_confirmed_unless_a_role_is_named() -> None:
    assert needs_confirmation(parsed("what's next", CONFIRM_BELOW - 0.01))
    assert not needs_confirmation(parsed("what's next", CONFIRM_BELOW + 0.01))
    assert not needs_confirmation(parsed("your tpm pay", 0.2, ROLE_ENTITY))


def test_the_answering_action_asks_with_one_button(knowledge: Knowledge) -> None:
    tracker = after_message("your salary", [{"name": "ask_salary", "confidence": 0.96}])
    dispatcher = CollectingDispatcher()
    assert asyncio.run(ActionAnswerTopic().run(dispatcher, tracker, {})) == []
    [message] = dispatcher.messages
    assert message["text"] == knowledge.messages["confirm_topic"]
    assert message["buttons"][0] == topic_button(knowledge.topics["salary"], knowledge.default_role)
    assert message["buttons"][1]["payload"] == "/ask_capabilities"
    assert message[CHOICE_KEY] is True


def test_payloads_are_read_back() -> None:
    assert payload_question('/ask_salary{"role":"project coordinator"}') == (
        "ask_salary",
        "project coordinator",
    )
    assert payload_question("/ask_readiness") == ("ask_readiness", None)
    assert payload_question("/ask_salary{broken") is None
    assert payload_question("plain text") is None


def test_yes_to_one_question_answers_it(knowledge: Knowledge) -> None:
    coordinator = knowledge.roles["project_coordinator"]
    button = topic_button(knowledge.topics["reports_to"], coordinator)
    before = [
        {
            "text": knowledge.messages["confirm_topic"],
            "data": {
                "buttons": [button, {"title": "Something else", "payload": "/ask_capabilities"}]
            },
            "metadata": {CHOICE_KEY: True},
        }
    ]
    dispatcher = CollectingDispatcher()
    events = asyncio.run(
        ActionShortReply().run(dispatcher, in_conversation("affirm", "yes", before), {})
    )
    assert dispatcher.messages[0]["text"] == coordinator.answers["reports_to"].text
    assert {"event": "slot", "name": "topic", "value": "reports_to", "timestamp": None} in events


@pytest.mark.server
def test_over_rest(stack: Stack, knowledge: Knowledge) -> None:
    sender = f"confirm-{uuid.uuid4().hex[:12]}"
    [question] = stack.send(sender, "your salary")
    assert question["text"] == knowledge.messages["confirm_topic"]
    answer = stack.send(sender, "yes")
    assert answer[0]["text"] == knowledge.default_role.answers["salary"].text
    # Asked about the job, the same topic is answered at once.
    answer = stack.send(sender, "what does a tpm earn")
    assert answer[0]["text"] == knowledge.default_role.answers["salary"].text


def test_inside_the_readiness_check_the_question_is_answered(knowledge: Knowledge) -> None:
    tracker = after_message("your salary", [{"name": "ask_salary", "confidence": 0.96}])
    tracker.active_loop = {"name": "readiness_form"}
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionAnswerTopic().run(dispatcher, tracker, {}))
    assert dispatcher.messages[0]["text"] == knowledge.default_role.answers["salary"].text
