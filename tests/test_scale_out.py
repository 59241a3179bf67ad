"""The scaled-out setup against the real PostgreSQL and Redis: two Rasa replicas, one store.

Skipped, with the reason, only where PostgreSQL or Redis is not reachable. Each run uses a
database of its own, dropped afterwards.
"""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import psycopg2
import pytest
import requests

from actions.knowledge import Knowledge
from tests.servers import ManagedProcess, action_server, base_env, free_port, rasa_server

PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
REDIS = ("127.0.0.1", 6379)
CONVERSATIONS = 200


def reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


pytestmark = pytest.mark.skipif(
    not (reachable(PG["host"], PG["port"]) and reachable(*REDIS)),
    reason="needs PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379",
)


@dataclass
class Replicas:
    urls: list[str]
    database: str
    processes: list[ManagedProcess]

    def send(self, replica: int, sender: str, message: str) -> list[dict]:
        response = requests.post(
            f"{self.urls[replica]}/webhooks/rest/webhook",
            json={"sender": sender, "message": message},
            timeout=60,
        )
        response.raise_for_status()
        return response.json()


def admin_connection():
    connection = psycopg2.connect(dbname="postgres", **PG)
    connection.autocommit = True
    return connection


@pytest.fixture(scope="module")
def replicas(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Replicas]:
    tmp: Path = tmp_path_factory.mktemp("scaled")
    database = f"tpm_test_{uuid.uuid4().hex[:10]}"
    action_port = free_port()
    env = base_env(
        tmp,
        ACTION_ENDPOINT_URL=f"http://127.0.0.1:{action_port}/webhook",
        ENDPOINTS_FILE="endpoints.scaled.yml",
        POSTGRES_HOST=PG["host"],
        POSTGRES_PORT=str(PG["port"]),
        POSTGRES_DB=database,
        POSTGRES_USER=PG["user"],
        POSTGRES_PASSWORD="",
        POSTGRES_LOGIN_DB="postgres",
        REDIS_HOST=REDIS[0],
        REDIS_PORT=str(REDIS[1]),
        REDIS_DB="0",
    )
    processes = [action_server(tmp, env, action_port), rasa_server(tmp, env), rasa_server(tmp, env)]
    try:
        for process in processes:
            process.start()
        yield Replicas(
            urls=[p.health_url.rstrip("/") for p in processes[1:]],
            database=database,
            processes=processes,
        )
    finally:
        for process in reversed(processes):
            process.stop()
        connection = admin_connection()
        try:
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        finally:
            connection.close()


def count_events(database: str, sender_prefix: str) -> dict[str, int]:
    with psycopg2.connect(dbname=database, **PG) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT type_name, count(*) FROM events WHERE sender_id LIKE %s GROUP BY type_name",
            (sender_prefix + "%",),
        )
        return dict(cursor.fetchall())


def test_conversation_alternating_between_replicas_keeps_its_context(
    replicas: Replicas, knowledge: Knowledge
) -> None:
    sender = f"alternate-{uuid.uuid4().hex[:8]}"
    coordinator = knowledge.roles["project_coordinator"]
    assert (
        replicas.send(0, sender, "What does a project coordinator do?")[0]["text"]
        == coordinator.answers["overview"].text
    )
    assert (
        replicas.send(1, sender, "who do they report to?")[0]["text"]
        == coordinator.answers["reports_to"].text
    )
    third = replicas.send(0, sender, "How much does a TPM earn?")
    assert third[0]["text"] == knowledge.default_role.answers["salary"].text
    assert (
        replicas.send(1, sender, "who do they report to?")[0]["text"]
        != coordinator.answers["reports_to"].text
    )


def test_every_message_of_200_conversations_is_stored_in_postgresql(
    replicas: Replicas, knowledge: Knowledge
) -> None:
    prefix = f"load-{uuid.uuid4().hex[:6]}-"
    questions = ["How much does a TPM earn?", "What degree do I need to become a TPM?"]

    def converse(index: int) -> int:
        sender = f"{prefix}{index:03d}"
        answers = 0
        for turn, question in enumerate(questions):
            replica = (index + turn) % 2
            messages = replicas.send(replica, sender, question)
            assert messages, f"no answer for {sender} turn {turn}"
            answers += len(messages)
        return answers

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = sum(pool.map(converse, range(CONVERSATIONS)))

    stored = count_events(replicas.database, prefix)
    assert stored.get("user") == CONVERSATIONS * len(questions)
    assert stored.get("bot") == answers
