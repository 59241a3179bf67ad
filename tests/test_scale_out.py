"""The scaled-out setup against the real PostgreSQL and Redis: two Rasa replicas, one store.

Skipped, with the reason, only where PostgreSQL or Redis is not reachable. Each run uses a
database of its own, dropped afterwards. Slack is on, talking to a fake Slack on loopback, with
its record of answered events in Redis as Procfile.scaled sets it: one event delivered to both
replicas is answered once.
"""

from __future__ import annotations

import secrets
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import redis
import requests

from channels.slack_dedup import DEDUP_KEY_PREFIX
from knowledge.loader import Knowledge
from tests.fake_slack import (
    FakeSlackApi,
    SlackEvents,
    envelope,
    fake_slack_api,
    message_event,
    shown_text,
    slack_id,
)
from tests.scaled import REDIS, count_events, drop_database, services_reachable, stores_env
from tests.servers import ManagedProcess, action_server, base_env, free_port, rasa_server

CONVERSATIONS = 200
SLACK_TOKEN = "xoxb-" + secrets.token_hex(8)
SLACK_SECRET = secrets.token_hex(16)
SLACK_WEBHOOK = "/webhooks/slack/webhook"
# How long to keep watching for a second answer that must not come.
QUIET_SECONDS = 3.0


# Every test here starts the real servers (`make test-unit` leaves them out).
pytestmark = [
    pytest.mark.server,
    pytest.mark.skipif(
        not services_reachable(),
        reason="needs PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379",
    ),
]


@dataclass
class Replicas:
    urls: list[str]
    database: str
    processes: list[ManagedProcess]
    slack_api: FakeSlackApi

    def slack(self, replica: int) -> SlackEvents:
        """Slack's side of the Events API, posting to `replica`'s request URL."""
        return SlackEvents(self.urls[replica] + SLACK_WEBHOOK, SLACK_SECRET)

    def send(self, replica: int, sender: str, message: str) -> list[dict]:
        response = requests.post(
            f"{self.urls[replica]}/webhooks/rest/webhook",
            json={"sender": sender, "message": message},
            timeout=60,
        )
        response.raise_for_status()
        return response.json()


@pytest.fixture(scope="module")
def slack_api() -> Iterator[FakeSlackApi]:
    with fake_slack_api() as api:
        yield api


@pytest.fixture(scope="module")
def replicas(
    tmp_path_factory: pytest.TempPathFactory, slack_api: FakeSlackApi
) -> Iterator[Replicas]:
    tmp: Path = tmp_path_factory.mktemp("scaled")
    database = f"tpm_test_{uuid.uuid4().hex[:10]}"
    action_port = free_port()
    env = base_env(
        tmp,
        ACTION_ENDPOINT_URL=f"http://127.0.0.1:{action_port}/webhook",
        **stores_env(database),
        SLACK_BOT_TOKEN=SLACK_TOKEN,
        SLACK_SIGNING_SECRET=SLACK_SECRET,
        SLACK_API_URL=slack_api.url,
        # As Procfile.scaled sets it: the lock store's Redis.
        SLACK_DEDUP_REDIS_URL=f"redis://{REDIS[0]}:{REDIS[1]}/0",
    )
    processes = [action_server(tmp, env, action_port), rasa_server(tmp, env), rasa_server(tmp, env)]
    try:
        for process in processes:
            process.start()
        yield Replicas(
            urls=[p.health_url.rstrip("/") for p in processes[1:]],
            database=database,
            processes=processes,
            slack_api=slack_api,
        )
    finally:
        for process in reversed(processes):
            process.stop()
        drop_database(database)


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


def forget_slack_event(body: dict[str, Any]) -> None:
    """Delete the Redis keys the replicas wrote for `body` (channels/slack_dedup.py, RedisKeys)."""
    event = body["event"]
    client = redis.Redis(host=REDIS[0], port=REDIS[1], db=0)
    try:
        client.delete(
            DEDUP_KEY_PREFIX + body["event_id"],
            f"{DEDUP_KEY_PREFIX}message:{event['channel']}:{event['ts']}",
        )
    finally:
        client.close()


def posts_once_quiet(replicas: Replicas, channel: str) -> list[dict[str, Any]]:
    """Every post to `channel`, once one has come and nothing more came for QUIET_SECONDS."""
    replicas.slack_api.wait_for_posts(channel)
    time.sleep(QUIET_SECONDS)
    return replicas.slack_api.posts(channel)


def test_slack_retry_reaching_the_other_replica_is_not_answered_again(
    replicas: Replicas, knowledge: Knowledge
) -> None:
    channel, user = slack_id("D"), slack_id("U")
    body = envelope(message_event(channel, user, "How much does a TPM earn?"))
    try:
        first = replicas.slack(0).send_json(body)
        assert first.status_code == 200 and "X-Slack-No-Retry" not in first.headers
        # Slack got no 2xx in time (as it thinks) and redelivers: same body, same event id,
        # signed afresh; the load balancer sends it to the other replica.
        retry = replicas.slack(1).send_json(
            body, headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
        )
        assert retry.status_code == 200
        assert retry.headers.get("X-Slack-No-Retry") == "1"

        [post] = posts_once_quiet(replicas, channel)
        salary = knowledge.default_role.answers["salary"].text
        assert shown_text(post, lambda kind: kind == "section") == salary
    finally:
        forget_slack_event(body)


def test_slack_event_reaching_both_replicas_at_once_is_answered_once(
    replicas: Replicas,
) -> None:
    channel, user = slack_id("D"), slack_id("U")
    body = envelope(message_event(channel, user, "What degree do I need to become a TPM?"))
    start = threading.Barrier(2)

    def deliver(replica: int) -> requests.Response:
        start.wait(timeout=10)
        return replicas.slack(replica).send_json(body)

    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            answers = list(pool.map(deliver, [0, 1]))
        assert [answer.status_code for answer in answers] == [200, 200]
        # Exactly one replica took it; the other acknowledged it without answering.
        assert sorted(answer.headers.get("X-Slack-No-Retry", "") for answer in answers) == [
            "",
            "1",
        ]
        assert len(posts_once_quiet(replicas, channel)) == 1
    finally:
        forget_slack_event(body)
