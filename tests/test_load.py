"""The load tool against the real servers: concurrent conversations lose nothing.

Small on purpose (5 conversations x 4 messages): this checks correctness under concurrency,
not speed, which `make benchmark` measures. Every message must get a real answer, and the
tracker store must hold exactly the user messages sent and the bot messages received.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections import Counter

import pytest

from benchmarks.load import SCRIPT, LoadResult, conversation_messages, failure, run_load
from serving.apologies import ACTION_SERVER_DOWN_REPLY, STORE_DOWN_REPLY
from tests.servers import Stack

CONVERSATIONS = 5
MESSAGES = 4


def stored_events(tracker_db: str, senders: list[str]) -> Counter[tuple[str, str]]:
    """(sender, type) -> count of user and bot events in the tracker store's `events` table."""
    marks = ",".join("?" * len(senders))
    with sqlite3.connect(tracker_db) as db:
        rows = db.execute(
            f"SELECT sender_id, type_name, COUNT(*) FROM events "
            f"WHERE sender_id IN ({marks}) AND type_name IN ('user', 'bot') "
            f"GROUP BY sender_id, type_name",
            senders,
        ).fetchall()
    return Counter({(sender, kind): count for sender, kind, count in rows})


@pytest.mark.server
def test_concurrent_conversations_are_all_answered_and_stored(stack: Stack) -> None:
    result: LoadResult = asyncio.run(run_load(stack.rasa_url, CONVERSATIONS, MESSAGES))

    assert result.messages == CONVERSATIONS * MESSAGES
    assert [e.error for e in result.errors] == []
    sent_and_received = result.per_sender()
    assert len(sent_and_received) == CONVERSATIONS
    stored = stored_events(stack.env["TRACKER_DB"], list(sent_and_received))
    for sender, (sent, received) in sent_and_received.items():
        assert sent == MESSAGES
        assert received >= MESSAGES  # every message got at least one bot message
        assert stored[(sender, "user")] == sent, sender
        assert stored[(sender, "bot")] == received, sender


def test_conversations_start_at_different_lines_of_the_script() -> None:
    first = conversation_messages(0, MESSAGES)
    second = conversation_messages(1, MESSAGES)
    assert first[1:] == second[:-1]
    assert conversation_messages(len(SCRIPT) - 1, 2) == [SCRIPT[-1], SCRIPT[0]]


def test_failed_answers_count_as_errors() -> None:
    assert failure(200, [{"text": "hello"}]) is None
    assert failure(500, None) == "HTTP 500"
    assert failure(200, []) == "no answer"
    assert failure(200, {"text": "hello"}) == "answer is not a list of messages"
    assert failure(200, [{"text": ACTION_SERVER_DOWN_REPLY}]) == "action server not reached"
    assert failure(200, [{"text": STORE_DOWN_REPLY}]) == "conversation not stored"
