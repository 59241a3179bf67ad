"""The conversation store fails loudly, never silently (serving.store_health), on real databases.

PostgreSQL: a server of the test's own (Debian's initdb and pg_ctl, in a temporary folder, on a
free port; never the machine's shared one), stopped and started under the Rasa server, with the
scaled-out setup's tracker store (endpoints.scaled.yml). SQLite: the default setup
(endpoints.yml), its file in a folder that does not exist, or held locked by another process.

In each case: a store that cannot be used stops the server at start-up with one line; at run
time the user gets an apology, readiness is 503, nothing is kept in memory instead, and once the
database is back the conversation goes on with its history, each answered message stored once.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg2
import pytest
import requests
import yaml

from knowledge.loader import Knowledge
from serving.apologies import STORE_DOWN_REPLY
from tests.server_permit import require_server_marker
from tests.servers import (
    ROOT,
    Stack,
    base_env,
    free_port,
    rasa_server,
    running_stack,
    stored_user_texts,
)

PG_BIN = Path("/usr/lib/postgresql/15/bin")
QUESTION = "What does a project coordinator do?"
FOLLOW_UP = "who do they report to?"
IN_MEMORY_FALLBACK = "Falling back to use the 'InMemoryTrackerStore'"
# Rasa's SQLite connection waits this long for a lock before it fails (sqlite3's default).
SQLITE_BUSY_SECONDS = 5


def as_postgres_user() -> list[str]:
    """initdb and postgres refuse to run as root: run them as the `postgres` user then."""
    if os.geteuid() != 0:
        return []
    return ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups"]


class PostgresServer:
    """A PostgreSQL server of the test's own, in a temporary folder."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="tpm-pg-"))
        self.port = free_port()
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        subprocess.run(
            [*as_postgres_user(), str(PG_BIN / "initdb"), "-D", str(self.folder / "data")]
            + ["-U", "postgres", "--auth=trust", "-E", "UTF8"],
            check=True,
            capture_output=True,
        )

    def pg_ctl(self, *args: str) -> None:
        subprocess.run(
            [*as_postgres_user(), str(PG_BIN / "pg_ctl"), "-D", str(self.folder / "data"), *args],
            check=True,
            capture_output=True,
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        self.pg_ctl("-o", options, "-l", str(self.folder / "postgres.log"), "-w", "start")

    def stop(self) -> None:
        self.pg_ctl("-m", "fast", "-w", "stop")

    def connect(self, database: str):
        return psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres", dbname=database)

    def remove(self) -> None:
        subprocess.run(
            [*as_postgres_user(), str(PG_BIN / "pg_ctl"), "-D", str(self.folder / "data")]
            + ["-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


needs_postgres = pytest.mark.skipif(
    not (PG_BIN / "initdb").exists() or (os.geteuid() == 0 and shutil.which("setpriv") is None),
    reason="needs PostgreSQL 15's initdb and pg_ctl (Debian's postgresql-15 package)",
)


@pytest.fixture(scope="module")
def postgres() -> Iterator[PostgresServer]:
    server = PostgresServer()
    try:
        server.start()
        yield server
    finally:
        server.remove()


def postgres_env(tmp: Path, server: PostgresServer, database: str) -> dict[str, str]:
    """The scaled-out setup's tracker store (endpoints.scaled.yml) on `server`, without its
    Redis lock store, which one Rasa server does not need."""
    endpoints = yaml.safe_load((ROOT / "endpoints.scaled.yml").read_text(encoding="utf-8"))
    endpoints.pop("lock_store", None)
    path = tmp / "endpoints.postgres.yml"
    path.write_text(yaml.safe_dump(endpoints), encoding="utf-8")
    return {
        "ENDPOINTS_FILE": str(path),
        "POSTGRES_HOST": "127.0.0.1",
        "POSTGRES_PORT": str(server.port),
        "POSTGRES_DB": database,
        "POSTGRES_USER": "postgres",
        "POSTGRES_PASSWORD": "",
        "POSTGRES_LOGIN_DB": "postgres",
    }


def refused_start(tmp: Path, **env_overrides: str) -> tuple[int, list[str]]:
    """Start the Rasa server as `make run` does; its exit code and the lines it wrote."""
    require_server_marker("Rasa")
    env = base_env(tmp, ACTION_ENDPOINT_URL="http://127.0.0.1:9/webhook", **env_overrides)
    server = rasa_server(tmp, env)
    finished = subprocess.run(
        server.command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=90
    )
    return finished.returncode, (finished.stdout + finished.stderr).splitlines()


def refusal_line(lines: list[str]) -> str:
    refusals = [line for line in lines if line.startswith("Refusing to start")]
    assert len(refusals) == 1, "\n".join(lines[-30:])
    return refusals[0]


def readiness(stack: Stack, timeout: float = 30) -> int:
    return requests.get(f"{stack.rasa_url}/health/ready", timeout=timeout).status_code


def texts(messages: list[dict]) -> list[str]:
    return [message.get("text", "") for message in messages]


def failure_logs(stack: Stack, sender: str) -> list[str]:
    log = stack.rasa_server.log.read_text(errors="replace")
    return [line for line in log.splitlines() if f"failed for conversation '{sender}'" in line]


def in_memory_fallbacks(stack: Stack) -> int:
    return stack.rasa_server.log.read_text(errors="replace").count(IN_MEMORY_FALLBACK)


def check_outage_and_recovery(
    stack: Stack, knowledge: Knowledge, sender: str, fail, recover, stored_user_texts
) -> None:
    """The run-time contract, whatever makes the database fail (`fail`, undone by `recover`)."""
    coordinator = knowledge.roles["project_coordinator"]
    assert readiness(stack) == 200
    assert texts(stack.send(sender, QUESTION))[0] == coordinator.answers["overview"].text

    fail()
    try:
        assert texts(stack.send(sender, FOLLOW_UP)) == [STORE_DOWN_REPLY]
        assert readiness(stack) == 503
        assert texts(stack.send(sender, "what do they earn?")) == [STORE_DOWN_REPLY]
        # Logged once for the conversation, not once per message.
        assert len(failure_logs(stack, sender)) == 1
        assert in_memory_fallbacks(stack) == 0
    finally:
        recover()

    assert readiness(stack) == 200
    # The role of the first question is still the subject: its slot was kept by the database.
    assert texts(stack.send(sender, FOLLOW_UP))[0] == coordinator.answers["reports_to"].text
    # Each answered message stored once; the apologised ones not at all.
    assert stored_user_texts(sender) == [QUESTION, FOLLOW_UP]


# PostgreSQL


@pytest.mark.server
@needs_postgres
def test_postgres_down_at_start_refuses_with_one_line(
    tmp_path: Path, postgres: PostgresServer
) -> None:
    env = postgres_env(tmp_path, postgres, "tpm_refused")
    env["POSTGRES_PORT"] = str(free_port())  # nothing listens there
    code, lines = refused_start(tmp_path, **env)
    assert code != 0
    line = refusal_line(lines)
    assert "SQL (postgresql database 'tpm_refused' on 127.0.0.1:" in line
    assert "Connection refused" in line or "could not connect" in line


@pytest.mark.server
@needs_postgres
def test_postgres_stopped_mid_conversation(
    tmp_path_factory: pytest.TempPathFactory, postgres: PostgresServer, knowledge: Knowledge
) -> None:
    tmp = tmp_path_factory.mktemp("pg-outage")
    database = f"tpm_test_{uuid.uuid4().hex[:10]}"
    sender = f"pg-{uuid.uuid4().hex[:8]}"

    def stored_user_texts(conversation: str) -> list[str]:
        with postgres.connect(database) as connection, connection.cursor() as cursor:
            cursor.execute(
                "SELECT data FROM events WHERE sender_id = %s AND type_name = 'user' ORDER BY id",
                (conversation,),
            )
            return [json.loads(data)["text"] for (data,) in cursor.fetchall()]

    with running_stack(tmp, **postgres_env(tmp, postgres, database)) as stack:
        check_outage_and_recovery(
            stack, knowledge, sender, postgres.stop, postgres.start, stored_user_texts
        )


# SQLite


def sqlite_user_texts(database: str):
    def stored(conversation: str) -> list[str]:
        return stored_user_texts(database, conversation)

    return stored


@pytest.mark.server
def test_sqlite_folder_missing_at_start_refuses_with_one_line(tmp_path: Path) -> None:
    database = tmp_path / "no-such-folder" / "tracker.db"
    code, lines = refused_start(tmp_path, TRACKER_DB=str(database))
    assert code != 0
    line = refusal_line(lines)
    assert "serving.tracker_store.CachedSQLTrackerStore (sqlite database" in line
    assert str(database) in line
    assert "unable to open database file" in line


@pytest.mark.server
def test_sqlite_read_only_file_at_start_refuses_with_one_line(tmp_path: Path) -> None:
    database = tmp_path / "tracker.db"
    sqlite3.connect(database).execute("CREATE TABLE t (x)").connection.close()
    database.chmod(0o444)
    # Root writes files whatever their mode; an immutable file it cannot write either.
    immutable = os.geteuid() == 0
    if immutable:
        subprocess.run(["chattr", "+i", str(database)], check=True)
    try:
        code, lines = refused_start(tmp_path, TRACKER_DB=str(database))
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(database)], check=True)
    assert code != 0
    line = refusal_line(lines)
    assert str(database) in line
    assert "readonly" in line or "read-only" in line or "unable to open" in line


@pytest.mark.server
def test_sqlite_unwritable_mid_conversation(
    tmp_path_factory: pytest.TempPathFactory, knowledge: Knowledge
) -> None:
    """Another process holds the database's write lock (as a backup or a repair might): the
    server cannot store the turn, and stores again once the lock is released."""
    tmp = tmp_path_factory.mktemp("sqlite-outage")
    sender = f"sqlite-{uuid.uuid4().hex[:8]}"
    with running_stack(tmp) as stack:
        database = stack.env["TRACKER_DB"]
        holder = sqlite3.connect(database, isolation_level=None, timeout=0)

        def lock() -> None:
            holder.execute("BEGIN EXCLUSIVE")

        def unlock() -> None:
            holder.execute("ROLLBACK")

        try:
            check_outage_and_recovery(
                stack, knowledge, sender, lock, unlock, sqlite_user_texts(database)
            )
        finally:
            holder.close()


@pytest.mark.server
def test_sqlite_folder_moved_away_mid_conversation(
    tmp_path_factory: pytest.TempPathFactory, knowledge: Knowledge
) -> None:
    """The database's folder is moved away (or deleted): the open connection would go on
    writing to a file no longer there, lost at the next restart. Moved back, it is used again."""
    tmp = tmp_path_factory.mktemp("sqlite-moved")
    folder = tmp / "db"
    folder.mkdir()
    database = folder / "tracker.db"
    sender = f"sqlite-moved-{uuid.uuid4().hex[:8]}"
    with running_stack(tmp, TRACKER_DB=str(database)) as stack:
        check_outage_and_recovery(
            stack,
            knowledge,
            sender,
            lambda: folder.rename(tmp / "db-moved"),
            lambda: (tmp / "db-moved").rename(folder),
            sqlite_user_texts(str(database)),
        )
