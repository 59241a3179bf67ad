"""Bad input over REST gets a sensible reply, nothing crashes, and the server keeps serving."""

from __future__ import annotations

import uuid

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowledge.loader import Knowledge
from serving.user_input import EMPTY_MESSAGE_REPLY, MAX_MESSAGE_CHARS, clean
from tests.servers import Stack


def sender() -> str:
    return f"bad-input-{uuid.uuid4().hex[:12]}"


def reply_text(messages: list[dict]) -> str:
    return "\n".join(m.get("text", "") for m in messages)


@pytest.mark.server
@pytest.mark.parametrize("message", ["", "   ", "\n\t  \n"])
def test_empty_messages_get_a_prompt(stack: Stack, message: str) -> None:
    messages = stack.send(sender(), message)
    assert [m["text"] for m in messages] == [EMPTY_MESSAGE_REPLY]


@pytest.mark.server
def test_huge_message_is_cut_and_the_user_is_told(stack: Stack, knowledge: Knowledge) -> None:
    question = "How much does a TPM earn? "
    messages = stack.send(sender(), question + "x" * (10_000 - len(question)))
    assert messages[0]["text"].startswith("Your message was 10,000 characters long")
    assert f"first {MAX_MESSAGE_CHARS:,}" in messages[0]["text"]
    assert len(messages) >= 2


@pytest.mark.server
@pytest.mark.parametrize(
    "message",
    [
        "😀🚀🔥",
        "¿Cuánto gana un gerente de proyectos técnicos?",
        "技术项目经理做什么？",
        '<img src=x onerror="window.__xss=1">',
        "<script>alert(1)</script>",
        "'; DROP TABLE events; --",
        "1 OR 1=1; SELECT * FROM users",
        "/unknown_intent",
        "/",
        "{}[]",
    ],
)
def test_strange_messages_get_a_reply(stack: Stack, message: str) -> None:
    messages = stack.send(sender(), message)
    assert messages and all(m.get("text") for m in messages)


@pytest.mark.server
def test_control_characters_are_dropped(stack: Stack, knowledge: Knowledge) -> None:
    messages = stack.send(sender(), "\x00\x07How much does a TPM\u200b earn?\x1b")
    assert messages[0]["text"] == knowledge.default_role.answers["salary"].text


@pytest.mark.server
@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"[1, 2, 3]",
        b'"just a string"',
        b'{"sender": "x", "message": 42}',
        b'{"sender": "x", "message": null}',
        b'{"sender": ["x"], "message": "hi"}',
        b'{"sender": "x", "message": "hi", "metadata": "not an object"}',
    ],
)
def test_malformed_requests_get_400(stack: Stack, body: bytes) -> None:
    response = requests.post(
        f"{stack.rasa_url}/webhooks/rest/webhook",
        data=body,
        headers={"Content-Type": "application/json"},
        timeout=30,
    )
    assert response.status_code == 400, response.text


@pytest.mark.server
@pytest.mark.parametrize(
    "payload",
    [
        '/ask_salary{"role": "astronaut"}',
        '/ask_salary{"role": "<b>boss</b>"}',
        '/ask_overview@1.0{"role": "' + "a" * 300 + '"}',
    ],
)
def test_intent_syntax_cannot_smuggle_in_a_role(stack: Stack, payload: str) -> None:
    text = reply_text(stack.send(sender(), payload))
    assert "I don't know the role" in text
    assert "$" not in text


@pytest.mark.server
def test_server_still_answers_after_bad_input(stack: Stack, knowledge: Knowledge) -> None:
    messages = stack.send(sender(), "What does a TPM do on a typical day?")
    assert messages[0]["text"] == knowledge.default_role.answers["daily_duties"].text


@pytest.mark.server
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=st.text(max_size=300))
def test_random_text_always_gets_a_reply(stack: Stack, text: str) -> None:
    messages = stack.send(sender(), text)
    assert messages, f"no reply to {text!r}"
    assert all(m.get("text") for m in messages)


@given(text=st.text(max_size=3000))
def test_cleaning_keeps_messages_within_the_cap(text: str) -> None:
    cleaned = clean(text)
    assert len(cleaned.text) <= MAX_MESSAGE_CHARS
    if len(text) <= MAX_MESSAGE_CHARS:
        assert cleaned.note is None
    if cleaned.note is not None:
        assert len(cleaned.text) == MAX_MESSAGE_CHARS
    assert "\x00" not in cleaned.text and "\u200b" not in cleaned.text
