"""serving.tracker_store: the same rows and the same conversations as Rasa's SQL store.

Each conversation is saved turn by turn through the cached store, as the Rasa server does, and
then read back both from memory and by Rasa's own SQLTrackerStore from the same database file.
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

from serving.tracker_store import CachedSQLTrackerStore
from tests.servers import ROOT


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(ROOT / "domain.yml")


def session_start(at: float) -> list[Event]:
    return [
        ActionExecuted("action_session_start", timestamp=at),
        SessionStarted(timestamp=at + 0.1),
        ActionExecuted("action_listen", timestamp=at + 0.2),
    ]


def turn(at: float, text: str, intent: str, role: str | None = None) -> list[Event]:
    events: list[Event] = [
        UserUttered(text, {"name": intent, "confidence": 0.9}, timestamp=at),
    ]
    if role:
        events.append(SlotSet("role", role, timestamp=at + 0.1))
    return events + [
        ActionExecuted("action_answer_topic", timestamp=at + 0.2),
        BotUttered(f"answer to {text}", timestamp=at + 0.3),
        ActionExecuted("action_listen", timestamp=at + 0.4),
    ]


# Two sessions: the second starts after the first one's turns, keeping the role slot.
TURNS = [
    session_start(1000) + turn(1001, "what does a project coordinator do", "ask_overview", "pc"),
    turn(1002, "who do they report to", "ask_reports_to"),
    session_start(5000) + [SlotSet("role", "pc", timestamp=5000.5)],
    turn(5001, "how much do they earn", "ask_salary"),
]


def converse(store: SQLTrackerStore, domain: Domain, sender: str) -> list[Event]:
    """Save the conversation turn by turn, reading it back before each turn like Rasa."""
    everything: list[Event] = []
    for events in TURNS:
        tracker = asyncio.run(store.retrieve(sender)) or DialogueStateTracker(sender, domain.slots)
        for event in events:
            tracker.update(event)
        asyncio.run(store.save(tracker))
        everything += events
    return everything


def state(tracker: DialogueStateTracker | None) -> dict:
    assert tracker is not None
    return tracker.current_state(EventVerbosity.ALL)


@pytest.mark.parametrize("cached_conversations", [500, 1])
def test_rows_and_conversations_match_rasas_store(
    tmp_path: Path, domain: Domain, cached_conversations: int
) -> None:
    db = str(tmp_path / "tracker.db")
    store = CachedSQLTrackerStore(domain, cached_conversations=cached_conversations, db=db)
    senders = ["first", "second"]
    sent = {sender: converse(store, domain, sender) for sender in senders}

    rasa = SQLTrackerStore(domain, db=db)
    for sender in senders:
        assert state(asyncio.run(store.retrieve(sender))) == state(
            asyncio.run(rasa.retrieve(sender))
        )
        full = asyncio.run(rasa.retrieve_full_tracker(sender))
        assert [e.as_dict() for e in full.events] == [e.as_dict() for e in sent[sender]]
    # The current session only, as Rasa reads it, with the role carried over.
    current = asyncio.run(store.retrieve("first"))
    assert current is not None
    assert isinstance(current.events[0], SessionStarted)
    assert current.get_slot("role") == "pc"
    assert current.latest_message.text == "how much do they earn"


def test_rows_hold_what_rasa_writes(tmp_path: Path, domain: Domain) -> None:
    ours, theirs = str(tmp_path / "ours.db"), str(tmp_path / "theirs.db")
    converse(CachedSQLTrackerStore(domain, db=ours), domain, "same")
    converse(SQLTrackerStore(domain, db=theirs), domain, "same")
    columns = "sender_id, type_name, timestamp, intent_name, action_name, data"
    rows = []
    for path in (ours, theirs):
        with sqlite3.connect(path) as db:
            rows.append(db.execute(f"SELECT {columns} FROM events ORDER BY id").fetchall())
    assert rows[0] == rows[1]
    assert len(rows[0]) == sum(len(events) for events in TURNS)


def test_sqlite_runs_in_write_ahead_log_mode(tmp_path: Path, domain: Domain) -> None:
    db = tmp_path / "tracker.db"
    converse(CachedSQLTrackerStore(domain, db=str(db)), domain, "wal")
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
