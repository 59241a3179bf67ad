"""Faults: the action server goes away and comes back; the Rasa server restarts.

These tests stop and start real processes, so they run on a stack of their own.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from knowledge.loader import Knowledge
from serving.processor import ACTION_SERVER_DOWN_REPLY
from tests.servers import Stack, running_stack

# Every test here starts the real servers (`make test-unit` leaves them out).
pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def own_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    with running_stack(tmp_path_factory.mktemp("faults")) as running:
        yield running


def test_action_server_down_gets_an_apology_then_recovers(
    own_stack: Stack, knowledge: Knowledge
) -> None:
    sender = f"faults-{uuid.uuid4().hex[:8]}"
    coordinator = knowledge.roles["project_coordinator"]
    first = own_stack.send(sender, "What does a project coordinator do?")
    assert first[0]["text"] == coordinator.answers["overview"].text

    own_stack.action_server.stop()
    try:
        # The bound: an apology within two seconds, not silence.
        down = own_stack.send(sender, "who do they report to?", timeout=2)
        assert [m["text"] for m in down] == [ACTION_SERVER_DOWN_REPLY]
    finally:
        own_stack.action_server.start()

    # Same conversation, same role context, normal answer.
    back = own_stack.send(sender, "who do they report to?")
    assert back[0]["text"] == coordinator.answers["reports_to"].text


def test_action_server_down_during_the_readiness_check_gets_an_apology(own_stack: Stack) -> None:
    sender = f"faults-form-{uuid.uuid4().hex[:8]}"
    started = own_stack.send(sender, "Am I ready to be a TPM?")
    assert started, "the readiness check did not start"

    own_stack.action_server.stop()
    try:
        down = own_stack.send(sender, "bachelor's", timeout=2)
        assert ACTION_SERVER_DOWN_REPLY in [m.get("text") for m in down]
    finally:
        own_stack.action_server.start()


def test_conversation_survives_a_rasa_server_restart(
    own_stack: Stack, knowledge: Knowledge
) -> None:
    sender = f"restart-{uuid.uuid4().hex[:8]}"
    coordinator = knowledge.roles["project_coordinator"]
    own_stack.send(sender, "What does a project coordinator do?")

    own_stack.rasa_server.stop()
    own_stack.rasa_server.start()

    after = own_stack.send(sender, "who do they report to?")
    assert after[0]["text"] == coordinator.answers["reports_to"].text
    assert Path(own_stack.env["TRACKER_DB"]).exists()
