"""A session ends after MAX_SESSION_TURNS user messages unless something waits for a reply;
the next session carries the conversation's slots, and the database keeps every event.

Unit tests on Rasa's own trackers, and end to end over REST against the real servers.
"""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    Event,
    SessionStarted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from knowledge.loader import Knowledge
from serving.session_length import MAX_SESSION_TURNS, session_is_full, turns_in_session
from tests.servers import Stack

DOMAIN = Domain.load("domain.yml")


def turns(count: int, reply_metadata: dict | None = None) -> list[Event]:
    events: list[Event] = []
    for index in range(count):
        events += [
            UserUttered(f"message {index}", {"name": "ask_salary", "confidence": 1.0}),
            ActionExecuted("action_answer_topic"),
            BotUttered("an answer", metadata=reply_metadata or {}),
            ActionExecuted("action_listen"),
        ]
    return events


def tracker_of(events: list[Event]) -> DialogueStateTracker:
    return DialogueStateTracker.from_events("session-length", events, DOMAIN.slots)


def test_turns_are_counted_from_the_latest_session_start() -> None:
    events = [SessionStarted(), *turns(30), SessionStarted(), *turns(4)]
    assert turns_in_session(tracker_of(events)) == 4


def test_a_long_session_is_full() -> None:
    assert not session_is_full(tracker_of(turns(MAX_SESSION_TURNS - 1)))
    assert session_is_full(tracker_of(turns(MAX_SESSION_TURNS)))


def test_never_while_a_reply_is_awaited() -> None:
    assert not session_is_full(tracker_of(turns(MAX_SESSION_TURNS, {"choice": True})))
    assert not session_is_full(tracker_of(turns(MAX_SESSION_TURNS, {"offer": "action_x"})))
    in_form = [*turns(MAX_SESSION_TURNS), ActiveLoop("readiness_form")]
    assert not session_is_full(tracker_of(in_form))


def stored_event_counts(database: Path, sender: str) -> dict[str, int]:
    with sqlite3.connect(database) as connection:
        rows = connection.execute(
            "SELECT type_name, COUNT(*) FROM events WHERE sender_id = ? GROUP BY type_name",
            (sender,),
        ).fetchall()
    return dict(rows)


@pytest.mark.server
def test_a_long_conversation_starts_new_sessions_and_keeps_its_role(
    stack: Stack, knowledge: Knowledge
) -> None:
    sender = f"long-{uuid.uuid4().hex[:12]}"
    coordinator = knowledge.roles["project_coordinator"]
    first = stack.send(sender, "what does a project coordinator do")
    assert first[0]["text"] == coordinator.answers["overview"].text
    for _ in range(MAX_SESSION_TURNS + 2):
        stack.send(sender, "thanks")
    # Carried over into the new session: the role asked about.
    again = stack.send(sender, "who do they report to")
    assert again[0]["text"] == coordinator.answers["reports_to"].text

    counts = stored_event_counts(Path(stack.env["TRACKER_DB"]), sender)
    assert counts["session_started"] == 2
    # Every message of every session is kept.
    assert counts["user"] == MAX_SESSION_TURNS + 4
