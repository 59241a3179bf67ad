"""Every turn is one reply: 1 to 4 messages, none repeated, whatever the person types.

Checked against the real Rasa and action servers, at the three moments a message can arrive:
at the start of a conversation, after an answer, and in the middle of the readiness check. The
inputs are every intent of the domain sent as a payload (with and without entities), Rasa's
built-in commands, random text (hypothesis) and real everyday messages people wrote to another
assistant (tests/nlu/hwu64/hwu64_everyday.tsv, evaluation only).
"""

from __future__ import annotations

import csv
import json
import random
import uuid
from collections.abc import Callable

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.servers import ROOT, Stack

MIN_MESSAGES = 1
MAX_MESSAGES = 4
EVERYDAY_FILE = ROOT / "tests" / "nlu" / "hwu64" / "hwu64_everyday.tsv"
# Rasa's own intents, which every domain has without listing them.
RASA_INTENTS = ("restart", "session_start", "back", "out_of_scope", "nlu_fallback")
# Entity values a payload may carry: known, misspelt and unknown roles, and form answers.
ENTITY_SAMPLES = {
    "role": ["TPM", "project coordinator", "techincal project manager", "nurse", "account"],
    "education_level": ["bachelor", "banana"],
    "education_field": ["computer science"],
    "it_experience_years": ["5", "-3"],
    "management_experience_years": ["2"],
    "skills": ["leadership", "juggling"],
}
# How the sample of everyday messages is drawn: fixed, so every run checks the same lines.
EVERYDAY_SAMPLE = 60
SEED = 20261129


def domain_intents() -> list[str]:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    return [*domain["intents"], *RASA_INTENTS]


def payloads() -> list[str]:
    """Every intent as a payload, bare and with each kind of entity it might carry."""
    result = []
    for intent in domain_intents():
        result.append(f"/{intent}")
        for entity, values in ENTITY_SAMPLES.items():
            result.append(f"/{intent}" + json.dumps({entity: values[0]}))
    result += [f"/ask_salary{json.dumps({'role': value})}" for value in ENTITY_SAMPLES["role"]]
    return result


def everyday_sample() -> list[str]:
    with EVERYDAY_FILE.open(encoding="utf-8") as handle:
        lines = [row["text"] for row in csv.DictReader(handle, delimiter="\t")]
    return random.Random(SEED).sample(lines, EVERYDAY_SAMPLE)


def fingerprint(message: dict) -> str:
    """What a person sees of a message: its text, image and buttons."""
    shown = {key: message.get(key) for key in ("text", "image", "buttons", "custom")}
    return json.dumps(shown, sort_keys=True)


def assert_one_reply(messages: list[dict], sent: str, context: str) -> None:
    where = f"{sent!r} {context}: {[m.get('text') for m in messages]}"
    assert MIN_MESSAGES <= len(messages) <= MAX_MESSAGES, f"{len(messages)} messages for {where}"
    shown = [fingerprint(message) for message in messages]
    assert len(set(shown)) == len(shown), f"a message repeated for {where}"


# Each context brings a new conversation to a moment and returns its sender id.
def at_start(stack: Stack) -> str:
    return f"inv-{uuid.uuid4().hex[:12]}"


def after_an_answer(stack: Stack) -> str:
    sender = at_start(stack)
    stack.send(sender, "What does a TPM earn?")
    return sender


def in_the_readiness_check(stack: Stack) -> str:
    sender = at_start(stack)
    stack.send(sender, "Am I ready to be a TPM?")
    return sender


CONTEXTS: dict[str, Callable[[Stack], str]] = {
    "at the start": at_start,
    "after an answer": after_an_answer,
    "in the readiness check": in_the_readiness_check,
}


@pytest.mark.server
@pytest.mark.parametrize("context", sorted(CONTEXTS))
def test_every_intent_payload_gets_one_reply(stack: Stack, context: str) -> None:
    for payload in payloads():
        sender = CONTEXTS[context](stack)
        assert_one_reply(stack.send(sender, payload), payload, context)


@pytest.mark.server
@pytest.mark.parametrize("context", sorted(CONTEXTS))
def test_everyday_messages_get_one_reply(stack: Stack, context: str) -> None:
    for text in everyday_sample():
        sender = CONTEXTS[context](stack)
        assert_one_reply(stack.send(sender, text), text, context)


@pytest.mark.server
@pytest.mark.parametrize("context", sorted(CONTEXTS))
@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=st.text(min_size=1, max_size=80))
def test_random_text_gets_one_reply(stack: Stack, context: str, text: str) -> None:
    sender = CONTEXTS[context](stack)
    assert_one_reply(stack.send(sender, text), text, context)


@pytest.mark.server
def test_a_conversation_of_short_replies_never_loops(stack: Stack) -> None:
    """The messages that once filled the chat, one after another in one conversation."""
    sender = at_start(stack)
    for text in [
        "yes",
        "no",
        "5",
        "done",
        "skip",
        "none",
        "computer science",
        "communication",
        "bachelor's degree",
        "ok",
        "why?",
        "tell me more",
        "stop",
        "yes",
        "yes",
    ]:
        assert_one_reply(stack.send(sender, text), text, "in one conversation")


def test_the_everyday_file_is_there() -> None:
    """The sample above must come from the real file, not silently from nothing."""
    assert EVERYDAY_FILE.exists(), f"{EVERYDAY_FILE} is missing"
    assert len(everyday_sample()) == EVERYDAY_SAMPLE
