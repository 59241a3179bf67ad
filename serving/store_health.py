"""The conversation store fails loudly, never silently.

Rasa wraps every tracker store in `FailSafeTrackerStore`: when the database fails it logs an
error and keeps the conversation in memory instead, so every message from then on is lost at
the next restart while users and operators see nothing wrong. Here:

- At start-up a store that cannot be reached stops the server with one line naming the store
  and the error (`refusal`), before Rasa's SQL store would retry connecting for ever.
- At run time `LoudTrackerStore` takes `FailSafeTrackerStore`'s place (serving.rasa_seam puts
  it there): nothing goes to memory.
  A failure is logged once per conversation (with its id, not once per message for as long as
  the database is away) and raised as `TrackerStoreUnavailable`, which the processor turns into
  an apology (serving/processor.py). The next successful read or write logs the recovery.
- `GET /health/ready` (channels/health_check.py) answers 200 while the store can be written and
  503 when it cannot, so a load balancer or an orchestrator's readiness probe stops sending
  users to this server; `SERVING` below is what it asks.

SQLite's file going away under the open connection (its folder moved or deleted) raises no
error by itself; the cached store checks for it (`CachedSQLTrackerStore.check_database_file`).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.utils.common import class_from_module_path
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)

# A database that does not answer within this many seconds counts as unreachable at start-up.
CONNECT_TIMEOUT_SECONDS = 5


class TrackerStoreUnavailable(Exception):
    """The conversation store could not read or write one conversation."""

    def __init__(self, sender_id: str, store: str, error: Exception) -> None:
        super().__init__(f"{store} failed for conversation {sender_id!r}: {first_line(error)}")
        self.sender_id = sender_id


def first_line(error: BaseException) -> str:
    """The driver's own message, on one line: what an operator needs to see first."""
    original = getattr(error, "orig", None) or error
    text = str(original).strip().splitlines()
    return text[0] if text else type(original).__name__


def describe(type_name: str, dialect: str, db: str, host: str | None, port: Any) -> str:
    """The store as an operator finds it in the configuration: its type, database and server."""
    where = f" on {host}:{port}" if host and port else (f" on {host}" if host else "")
    return f"{type_name} ({dialect} database {db!r}{where})"


def probe(engine: sa.engine.Engine) -> None:
    """Raise unless the database accepts a write (taken and rolled back, nothing written).

    Connecting is not enough for SQLite: a read-only file or one another process holds locked
    opens fine and fails only when the first message is stored. Nor is taking the write lock:
    SQLite grants it on a read-only file, and refuses only the first change, so a table is
    created in the transaction and rolled back.
    """
    if engine.dialect.name == "sqlite":
        # On the driver's own connection: SQLAlchemy would commit the CREATE by itself.
        connection = engine.raw_connection()
        try:
            cursor = connection.cursor()
            cursor.execute("BEGIN IMMEDIATE")
            try:
                cursor.execute("CREATE TABLE write_probe (x)")
            finally:
                cursor.execute("ROLLBACK")
        finally:
            connection.close()
        return
    with engine.connect() as connection:
        connection.exec_driver_sql("SELECT 1")


def sql_store_settings(config: EndpointConfig | None) -> dict[str, Any] | None:
    """The connection settings of an SQL tracker store configuration, None for other stores."""
    if config is None or not config.type:
        return None
    if config.type.lower() != "sql":
        try:
            store_class = class_from_module_path(config.type)
        except (AttributeError, ImportError):
            return None
        if not (isinstance(store_class, type) and issubclass(store_class, SQLTrackerStore)):
            return None
    kwargs = config.kwargs
    return {
        "dialect": kwargs.get("dialect", "sqlite"),
        "host": config.url,
        "port": kwargs.get("port"),
        "db": kwargs.get("db", "rasa.db"),
        "username": kwargs.get("username"),
        "password": kwargs.get("password"),
        "login_db": kwargs.get("login_db"),
        "query": kwargs.get("query"),
    }


def refusal(config: EndpointConfig | None) -> str | None:
    """The one line to stop the server with when the configured store cannot be used."""
    settings = sql_store_settings(config)
    if settings is None:
        return None
    assert config is not None
    name = describe(
        config.type, settings["dialect"], settings["db"], settings["host"], settings["port"]
    )
    try:
        url = SQLTrackerStore.get_db_url(**settings)
        connect_args = {}
        if str(settings["dialect"]).startswith("postgres"):
            connect_args["connect_timeout"] = CONNECT_TIMEOUT_SECONDS
        engine = sa.create_engine(url, connect_args=connect_args)
        try:
            probe(engine)
        finally:
            engine.dispose()
    except (sa.exc.SQLAlchemyError, sqlite3.Error, OSError, ValueError) as error:
        return f"Refusing to start: the tracker store {name} cannot be used: {first_line(error)}"
    return None


def store_name(store: TrackerStore) -> str:
    """`describe` for a store already built, from the engine it connects with."""
    engine = getattr(store, "engine", None)
    if engine is None:
        return type(store).__name__
    url = engine.url
    return describe(type(store).__name__, url.get_backend_name(), url.database, url.host, url.port)


class LoudTrackerStore(TrackerStore):
    """The store Rasa's agent uses in place of `FailSafeTrackerStore`: no in-memory fallback.

    Every failure of the wrapped store is raised as `TrackerStoreUnavailable`, logged once per
    conversation until that conversation is stored again (reading alone can work while writing
    does not).
    """

    def __init__(self, tracker_store: TrackerStore, *_: Any, **__: Any) -> None:
        self._tracker_store = tracker_store
        self._failing: set[str] = set()
        self.name = store_name(tracker_store)
        super().__init__(tracker_store.domain, tracker_store.event_broker)

    @property
    def domain(self) -> Domain:
        return self._tracker_store.domain

    @domain.setter
    def domain(self, domain: Domain) -> None:
        self._tracker_store.domain = domain

    @property
    def tracker_store(self) -> TrackerStore:
        return self._tracker_store

    def _failed(self, sender_id: str, error: Exception) -> TrackerStoreUnavailable:
        unavailable = TrackerStoreUnavailable(sender_id, self.name, error)
        if sender_id in self._failing:
            logger.debug("%s", unavailable)
        else:
            self._failing.add(sender_id)
            logger.error("%s; the user is told, nothing is kept in memory.", unavailable)
        return unavailable

    def _worked(self, sender_id: str) -> None:
        # Only a save proves the conversation is kept again: reading may work while writing
        # does not (a locked or read-only SQLite file).
        if sender_id in self._failing:
            self._failing.discard(sender_id)
            logger.info("%s works again for conversation %r.", self.name, sender_id)

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        try:
            tracker = await self._tracker_store.retrieve(sender_id)
        except Exception as error:
            raise self._failed(sender_id, error) from error
        return tracker

    async def retrieve_full_tracker(self, sender_id: str) -> DialogueStateTracker | None:
        try:
            tracker = await self._tracker_store.retrieve_full_tracker(sender_id)
        except Exception as error:
            raise self._failed(sender_id, error) from error
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        try:
            await self._tracker_store.save(tracker)
        except Exception as error:
            raise self._failed(tracker.sender_id, error) from error
        self._worked(tracker.sender_id)

    async def keys(self) -> Iterable[str]:
        return await self._tracker_store.keys()

    def ready(self) -> str | None:
        """None when the store can be written now, else what is wrong (one line)."""
        engine = getattr(self._tracker_store, "engine", None)
        if engine is None:
            return None
        check_file = getattr(self._tracker_store, "check_database_file", None)
        for attempt in range(2):
            try:
                if check_file is not None:
                    check_file()
                probe(engine)
                return None
            except sa.exc.DBAPIError as error:
                # After the database restarts, the pool's first connection is a dead one: it
                # is dropped (with the rest of the pool) and the probe is made once more.
                if attempt == 0 and error.connection_invalidated:
                    continue
                return first_line(error)
            except (sa.exc.SQLAlchemyError, sqlite3.Error, OSError) as error:
                return first_line(error)
        return None


class Serving:
    """What the readiness route asks about: the loaded model's conversation store, once loaded.

    The processor records its store when Rasa builds it, which is when the model has loaded
    (serving/processor.py); the readiness channel (channels/health_check.py) reads it here, so
    neither depends on where Rasa keeps its agent.
    """

    def __init__(self) -> None:
        self.store: TrackerStore | None = None

    def serving_with(self, store: TrackerStore) -> None:
        """Called once the model is loaded, with the store the processor uses."""
        self.store = store

    def problem(self) -> str | None:
        """None while the model is loaded and the store can be written, else what is wrong."""
        if self.store is None:
            return "model not loaded"
        store = self.store
        problem = store.ready() if isinstance(store, LoudTrackerStore) else None
        return f"{store.name}: {problem}" if problem else None


# The one Rasa server of this process.
SERVING = Serving()
