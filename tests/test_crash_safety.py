"""`kill -9` of the Rasa server in the middle of concurrent conversations loses nothing answered.

The server stores each turn before the user sees its answer (serving/processor.py holds the
replies back until the store has committed them), so when the process dies at any moment, every
message that got an answer is in the database, and the conversations go on from there once the
server is back: the role being discussed and a readiness check in progress included.
"""

from __future__ import annotations

import os
import signal
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest
import requests

from knowledge.loader import Knowledge
from tests.servers import Stack, running_stack, stored_user_texts

# Every test here starts the real servers (`make test-unit` leaves them out).
pytestmark = pytest.mark.server

LOADED_CONVERSATIONS = 8
# How long the conversations run before the server is killed.
LOAD_SECONDS = 3.0


def keep_talking(stack: Stack, sender: str, answered: list[str], stop: threading.Event) -> None:
    """Send numbered questions until the server stops answering; record those answered."""
    number = 0
    while not stop.is_set():
        number += 1
        text = f"what does a tpm do, question {number}"
        try:
            reply = stack.send(sender, text, timeout=10)
        except requests.RequestException:
            return
        if reply:
            answered.append(text)


def test_kill_9_under_load_loses_no_answered_message_and_keeps_contexts(
    tmp_path: Path, knowledge: Knowledge
) -> None:
    with running_stack(tmp_path / "crash") as stack:
        database = stack.env["TRACKER_DB"]
        run = uuid.uuid4().hex[:6]
        # Contexts to survive: a role being discussed, a readiness check half answered.
        about_coordinator = f"crash-role-{run}"
        stack.send(about_coordinator, "What does a project coordinator do?")
        in_check = f"crash-check-{run}"
        stack.send(in_check, "am I ready to be a TPM?")
        stack.send(in_check, '/inform{"education_level": "bachelor"}')

        answered: dict[str, list[str]] = {
            f"crash-load-{run}-{i}": [] for i in range(LOADED_CONVERSATIONS)
        }
        stop = threading.Event()
        threads = [
            threading.Thread(target=keep_talking, args=(stack, sender, texts, stop))
            for sender, texts in answered.items()
        ]
        for thread in threads:
            thread.start()
        time.sleep(LOAD_SECONDS)
        os.killpg(stack.rasa_server.process.pid, signal.SIGKILL)
        stack.rasa_server.process.wait(timeout=10)
        stop.set()
        for thread in threads:
            thread.join(timeout=30)

        assert sum(len(texts) for texts in answered.values()) > LOADED_CONVERSATIONS, (
            "the conversations barely ran before the kill"
        )
        for sender, texts in answered.items():
            stored = Counter(stored_user_texts(database, sender))
            # Every answered message is stored, and once; a message that died with the
            # server may or may not be (its user saw no answer).
            assert all(stored[text] == 1 for text in texts), sender
            assert all(count == 1 for count in stored.values()), sender

        stack.rasa_server.start()
        coordinator = knowledge.roles["project_coordinator"]
        [after] = stack.send(about_coordinator, "who do they report to?")[:1]
        assert after["text"] == coordinator.answers["reports_to"].text
        # The check goes on at the question after the one answered before the crash.
        reply = stack.send(in_check, "computer science")
        assert reply[-1]["text"] == knowledge.messages["readiness_ask_it_experience_years"]
        # And the loaded conversations go on too.
        for sender in answered:
            assert stack.send(sender, "thanks")
