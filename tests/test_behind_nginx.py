"""The scaled-out setup behind nginx (deploy/nginx.conf), as `make run-scaled` starts it.

Real nginx, two real Rasa replicas on the real PostgreSQL and Redis, the action server behind its
own nginx address, and the chat page: one address for REST and the web chat. Skipped, with the
reason, only where PostgreSQL or Redis is not reachable; nginx is installed by the Makefile
(`make test-server`) and by .ci/run.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from playwright.sync_api import Browser

from benchmarks.load import run_load
from knowledge.loader import Knowledge
from tests.browser_chat import chat_tab
from tests.scaled import Scaled, scaled_setup, services_reachable

CONCURRENT_CONVERSATIONS = 256
MESSAGES_EACH = 3
CONVERSATIONS_MESSAGES = CONCURRENT_CONVERSATIONS * MESSAGES_EACH


pytestmark = [
    pytest.mark.server,
    pytest.mark.skipif(
        not services_reachable(),
        reason="needs PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379",
    ),
]


@pytest.fixture(scope="module")
def scaled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scaled]:
    tmp: Path = tmp_path_factory.mktemp("behind-nginx")
    with scaled_setup(tmp) as setup:
        yield setup


def send(scaled: Scaled, sender: str, text: str) -> tuple[list[dict], str]:
    """One message through nginx: the answer, and which replica gave it."""
    response = requests.post(
        f"{scaled.front_url}/webhooks/rest/webhook",
        json={"sender": sender, "message": text},
        timeout=60,
    )
    response.raise_for_status()
    return response.json(), response.headers["X-Replica"]


def test_a_conversation_through_nginx_moves_between_replicas_and_keeps_its_context(
    scaled: Scaled, knowledge: Knowledge
) -> None:
    sender = f"nginx-{uuid.uuid4().hex[:8]}"
    coordinator = knowledge.roles["project_coordinator"]
    replicas = set()
    answer, replica = send(scaled, sender, "What does a project coordinator do?")
    replicas.add(replica)
    assert answer[0]["text"] == coordinator.answers["overview"].text
    # Follow-ups that name no role rely on the remembered one, wherever they land.
    for _ in range(5):
        answer, replica = send(scaled, sender, "who do they report to?")
        replicas.add(replica)
        assert answer[0]["text"] == coordinator.answers["reports_to"].text
    replica_ports = {url.rsplit(":", 1)[1] for url in scaled.replica_urls}
    assert {address.rsplit(":", 1)[1] for address in replicas} == replica_ports


def test_a_web_chat_visitor_through_nginx_is_answered(
    scaled: Scaled,
    browser: Browser,
    knowledge: Knowledge,
) -> None:
    with chat_tab(browser, f"{scaled.front_url}/") as chat:
        greeting = knowledge.messages["greeting"]
        chat.page.get_by_text(greeting).wait_for()
        chat.ask("How much does a TPM earn?")
        chat.expect_answer(knowledge, knowledge.default_role, "salary")
        assert not chat.errors
        # The page reached Rasa only through nginx's address.
        rasa_requests = [url for url in chat.requests if "/socket.io/" in url]
        assert rasa_requests
        assert all(url.startswith(scaled.front_url) for url in rasa_requests)


def test_256_conversations_at_once_through_nginx_end_without_error_all_stored(
    scaled: Scaled,
) -> None:
    prefix = f"burst-{uuid.uuid4().hex[:6]}"
    burst = run_load(
        scaled.front_url,
        conversations=CONCURRENT_CONVERSATIONS,
        messages=MESSAGES_EACH,
        sender_prefix=prefix,
        new_connections=True,
    )
    # In a thread of its own: the browser test's Playwright keeps an event loop in this one.
    with ThreadPoolExecutor(max_workers=1) as thread:
        result = thread.submit(asyncio.run, burst).result()
    assert not result.errors, [e.error for e in result.errors[:5]]
    stored = scaled.stored_messages(prefix)
    assert stored.get("user") == CONVERSATIONS_MESSAGES
    assert stored.get("bot") == sum(e.replies for e in result.exchanges)
