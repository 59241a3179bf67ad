"""Unanswered questions: recorded in the tracker store by the real servers, reported by
scripts/list_unanswered.py (`make unanswered`) from that store."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
import uuid

import pytest
from rasa_sdk import Tracker

from actions.unanswered import RECORD_KEY
from knowledge.loader import Knowledge
from tests.phrases import TwoTopics
from tests.servers import ROOT, Stack
from tests.trackers import after_message, shown_topics

SCRIPT = ROOT / "scripts" / "list_unanswered.py"


def tracker_for(intent: str, text: str, channel: str = "rest") -> Tracker:
    ranking = [
        {"name": intent, "confidence": 0.91},
        {"name": "ask_working_hours", "confidence": 0.05},
        {"name": "greet", "confidence": 0.02},
        {"name": "thanks", "confidence": 0.01},
    ]
    return after_message(text, ranking, channel=channel)


def test_out_of_scope_reply_carries_the_record() -> None:
    message = shown_topics(tracker_for("out_of_scope", "What's the weather?", channel="slack"))
    assert message[RECORD_KEY] == {
        "reason": "out_of_scope",
        "text": "What's the weather?",
        "time": 1700000000.5,
        "channel": "slack",
        "intents": [
            {"name": "out_of_scope", "confidence": 0.91},
            {"name": "ask_working_hours", "confidence": 0.05},
            {"name": "greet", "confidence": 0.02},
        ],
    }


def test_a_message_no_rule_handles_is_recorded_as_such() -> None:
    assert shown_topics(tracker_for("inform", "5 years"))[RECORD_KEY]["reason"] == "no_rule"


def test_greeting_and_help_are_not_recorded() -> None:
    assert RECORD_KEY not in shown_topics(tracker_for("greet", "hi"))
    assert RECORD_KEY not in shown_topics(tracker_for("ask_capabilities", "help"))


def report(stack: Stack, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--endpoints", "endpoints.yml", *args],
        cwd=ROOT,
        env=stack.env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.server
def test_unanswered_questions_are_stored_and_reported(
    stack: Stack, knowledge: Knowledge, two_topics: TwoTopics
) -> None:
    since = time.time()
    senders = [f"unanswered-{uuid.uuid4().hex[:10]}" for _ in range(3)]
    weather = [
        "What's the weather in Paris?",
        "what's the weather in paris",
        "WHAT'S THE WEATHER IN PARIS!",
    ]
    for sender, text in zip(senders, weather, strict=True):
        assert stack.send(sender, text)[0]["text"] == knowledge.messages["out_of_scope"]
    pizza = "recommend a good pizza place"
    assert stack.send(senders[0], pizza)[0]["text"] == knowledge.messages["out_of_scope"]
    assert stack.send(senders[1], two_topics.text)[0]["text"] == knowledge.messages["did_you_mean"]
    # Answered questions are not recorded.
    stack.send(senders[2], "How much does a TPM earn?")

    # The records are in the events table of the tracker store the servers wrote.
    with sqlite3.connect(stack.env["TRACKER_DB"]) as db:
        rows = db.execute(
            "SELECT sender_id, type_name, data FROM events"
            " WHERE timestamp >= ? AND data LIKE ? ORDER BY id",
            (since, f'%"{RECORD_KEY}"%'),
        ).fetchall()
    assert {(sender, kind) for sender, kind, _ in rows} == {
        (senders[0], "bot"),
        (senders[1], "bot"),
        (senders[2], "bot"),
    }
    assert len(rows) == 5
    record = json.loads(rows[0][2])["metadata"][RECORD_KEY]
    assert record["text"] == weather[0] and record["channel"] == "rest"
    assert since <= record["time"] <= time.time()

    result = report(stack, "--since", str(since), "--json")
    assert result.returncode == 0, result.stderr
    groups = json.loads(result.stdout)
    assert [group["count"] for group in groups] == [3, 1, 1]
    top = groups[0]
    assert top["text"] in weather
    assert top["reasons"] == {"out_of_scope": 3}
    assert top["channels"] == {"rest": 3}
    assert top["conversations"] == 3
    assert top["intents"][0]["name"] == "out_of_scope"
    by_reason = {next(iter(group["reasons"])): group for group in groups[1:]}
    assert by_reason["out_of_scope"]["text"] == pizza
    ambiguous = by_reason["ambiguous"]
    assert ambiguous["text"] == two_topics.text
    assert {intent["name"] for intent in ambiguous["intents"][:2]} == {
        f"ask_{key}" for key in two_topics.topics
    }

    text = report(stack, "--since", str(since))
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert lines[0].startswith("5 unanswered messages, 3 distinct, in the tracker store of")
    assert lines[2].strip().startswith("3×")
    assert "out_of_scope ×3" in lines[3]


@pytest.mark.server
def test_report_of_an_empty_period(stack: Stack) -> None:
    result = report(stack, "--since", "2999-01-01")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("No unanswered messages recorded in the tracker store")


def test_report_without_a_database_creates_none(tmp_path) -> None:
    missing = tmp_path / "never-written.db"
    result = subprocess.run(
        [sys.executable, str(SCRIPT)],
        cwd=ROOT,
        env={**os.environ, "TRACKER_DB": str(missing), "ACTION_ENDPOINT_URL": "http://x/webhook"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"No tracker store at {missing} yet, so nothing was recorded."
    assert not missing.exists()
