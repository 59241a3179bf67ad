"""Rasa's SQL tracker store, with each conversation's current session also kept in memory.

Rasa's `SQLTrackerStore` reads a conversation back from the database on every message (every
event since the last session start, parsed from JSON into ORM objects), counts the stored events
with a second query to know which ones are new, and inserts those through the ORM, one object
per event, on a new database connection each time. Profiled under load, this was a quarter of
the Rasa server's CPU time per message, and the reading grows with the conversation's length.

This store writes the same rows as Rasa's (same table, same columns, same values) and
remembers what it wrote: each event of the conversation's current session, read back from the
JSON the `data` column holds, as Rasa reads it. Each event is read back once, when it is
written, instead of the whole session on every message; a conversation it remembers is rebuilt
from those events as Rasa rebuilds it from the rows (replaying them in order onto a new
tracker), and the number of stored events is known without asking. New events are
inserted with one statement. Conversations it does not remember (after a restart, or beyond
the most recent `cached_conversations`) are read from the database as usual. The database stays
the record: every event is committed before the answer is sent, and a save that fails drops
the conversation from memory, so memory never holds an event the database may not.

One Rasa server per database: another process writing the same conversations would not be
seen. That is already the rule for this setup (SQLite and Rasa's in-memory lock store, see
endpoints.yml); the scaled-out setup (endpoints.scaled.yml) keeps Rasa's own store.

On SQLite the server keeps one connection open, and the database runs in write-ahead-log mode
with `synchronous=NORMAL`: a commit no longer waits for the disk, and a crash of the machine
(not of the server) can lose the last commits but never corrupts the file. Readers such as
scripts/list_unanswered.py read while the server writes.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker

from serving.started_here import refuse

# Rasa's own `rasa run` and `rasa shell` load this module from endpoints.yml: they are refused.
refuse()

DEFAULT_CACHED_CONVERSATIONS = 500


@dataclass(frozen=True)
class Row:
    """One event as a row of Rasa's `events` table: the values Rasa's own `save` writes."""

    type_name: str
    timestamp: float | None
    intent_name: str | None
    action_name: str | None
    data: str

    @classmethod
    def of(cls, event: Event) -> Row:
        fields = event.as_dict()
        return cls(
            type_name=event.type_name,
            timestamp=fields.get("timestamp"),
            intent_name=fields.get("parse_data", {}).get("intent", {}).get("name"),
            action_name=fields.get("name"),
            data=json.dumps(fields),
        )

    def values(self, sender_id: str) -> dict[str, Any]:
        return {"sender_id": sender_id, **dataclasses.asdict(self)}


@dataclass(frozen=True)
class StoredSession:
    """A conversation's events since its last session start, as read from the database."""

    events: tuple[Event, ...] = ()

    def extended(self, rows: list[Row]) -> StoredSession:
        """This session plus `rows`, cut at the latest session start as Rasa's query cuts."""
        # Read back from the stored JSON, as Rasa's `retrieve` reads each row: new objects, so
        # nothing done later to the events of the tracker that was saved reaches them.
        added = tuple(read_back(row) for row in rows)
        events = self.events + added
        starts = [event.timestamp for event in added if isinstance(event, SessionStarted)]
        if not starts:
            return StoredSession(events)
        # Rasa reads back the events stamped at or after the latest SessionStarted.
        latest = max(starts)
        return StoredSession(tuple(event for event in events if event.timestamp >= latest))


def read_back(row: Row) -> Event:
    """The event as Rasa's `retrieve` reads it from the row's JSON."""
    event = Event.from_parameters(json.loads(row.data))
    if event is None:
        # Never for events the server made; Rasa would skip the row and log a warning.
        raise ValueError(f"cannot read back a stored {row.type_name!r} event")
    return event


def file_identity(path: str | None) -> tuple[int, int] | None:
    """The device and inode of the file at `path`: which file it is, None when there is none."""
    if not path or path == ":memory:":
        return None
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_dev, status.st_ino


def use_write_ahead_log(dbapi_connection: Any, _record: Any) -> None:
    """SQLite settings for the server's connection (see the module docstring)."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class CachedSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore that remembers the current session of recent conversations."""

    def __init__(
        self,
        domain: Domain | None = None,
        cached_conversations: int = DEFAULT_CACHED_CONVERSATIONS,
        **kwargs: Any,
    ) -> None:
        super().__init__(domain, **kwargs)
        if self.engine.dialect.name == "sqlite":
            # Rasa's engine opens a new SQLite connection for every session; keep one per
            # thread (the server uses one) with the settings above.
            url = self.engine.url
            self.engine.dispose()
            self.engine = sa.create_engine(url, poolclass=sa.pool.SingletonThreadPool)
            sa.event.listen(self.engine, "connect", use_write_ahead_log)
            self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        self._database_file = (
            self.engine.url.database if self.engine.dialect.name == "sqlite" else None
        )
        self._file_identity = file_identity(self._database_file)
        self.cached_conversations = int(cached_conversations)
        self._sessions: OrderedDict[str, StoredSession] = OrderedDict()

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        """The conversation's current session: from memory when known, else from the database."""
        stored = self._sessions.get(sender_id)
        if stored is None or self.domain is None:
            return await super().retrieve(sender_id)
        self._sessions.move_to_end(sender_id)
        # What `DialogueStateTracker.from_dict` does after reading the events from JSON.
        return DialogueStateTracker.from_events(sender_id, list(stored.events), self.domain.slots)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Insert the events not stored yet, as Rasa's save does, then remember them."""
        await self.stream_events(tracker)
        known = self._sessions.get(tracker.sender_id)
        try:
            self.check_database_file()
            with self.session_scope() as session:
                rows = [Row.of(event) for event in self._additional_events(session, tracker)]
                if rows:
                    session.execute(
                        self.SQLEvent.__table__.insert(),
                        [row.values(tracker.sender_id) for row in rows],
                    )
                session.commit()
        except Exception:
            # Whether a failed commit stored anything is the database's to say: forget the
            # conversation, so it is read back (and its stored events counted) once the
            # database answers again, and never claimed from memory (serving.store_health).
            self._sessions.pop(tracker.sender_id, None)
            raise
        try:
            if known is None:
                # Not remembered: everything the tracker holds is stored now.
                stored = StoredSession().extended([Row.of(event) for event in tracker.events])
            else:
                stored = known.extended(rows)
        except ValueError:
            # Read from the database next time, as Rasa's store always does.
            self._sessions.pop(tracker.sender_id, None)
            return
        self._remember(tracker.sender_id, stored)

    def check_database_file(self) -> None:
        """Raise when the SQLite file the server opened is no longer at its path.

        The open connection would go on writing to a file that was deleted or moved away (its
        folder removed, say) without an error, and every message would be lost at the next
        restart. Once the file is back where it was, saving works again.
        """
        if self._file_identity is None:
            return
        identity = file_identity(self._database_file)
        if identity is None:
            raise sqlite3.OperationalError(f"database file {self._database_file} is gone")
        if identity != self._file_identity:
            raise sqlite3.OperationalError(
                f"database file {self._database_file} was replaced; restart the server to use it"
            )

    def _remember(self, sender_id: str, stored: StoredSession) -> None:
        self._sessions[sender_id] = stored
        self._sessions.move_to_end(sender_id)
        while len(self._sessions) > self.cached_conversations:
            self._sessions.popitem(last=False)

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator[Event]:
        """The events not stored yet; Rasa counts the stored ones with a query instead."""
        known = self._sessions.get(tracker.sender_id)
        if known is None:
            return super()._additional_events(session, tracker)
        return iter(list(tracker.events)[len(known.events) :])
