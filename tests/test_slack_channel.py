"""The Slack channel without servers: rendering, deduplication, configuration, manifest, make."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import uuid
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import redis
import yaml
from rasa.shared.exceptions import InvalidConfigException
from redis.exceptions import RedisError

from actions.replies import answer_messages, menu_buttons
from channels.slack import WEBHOOK_PATH, SlackChannel, SlackReply
from channels.slack_blocks import (
    ACTIONS_MAX_ELEMENTS,
    BUTTON_TEXT_MAX_CHARS,
    SECTION_MAX_CHARS,
    button_blocks,
    escape_mrkdwn,
    text_blocks,
)
from channels.slack_dedup import RecentKeys, RedisKeys
from knowledge.loader import Knowledge
from tests.fake_slack import envelope, message_event, slack_id

ROOT = Path(__file__).resolve().parent.parent


class RecordingReply(SlackReply):
    """A SlackReply that records chat.postMessage arguments instead of calling Slack."""

    def __init__(self, **options: Any) -> None:
        super().__init__("xoxb-test", "D0CHANNEL", **options)
        self.posted: list[dict[str, Any]] = []

    async def post_message(self, channel: str, **kwargs: Any) -> None:
        self.posted.append({"channel": channel, "thread_ts": self.thread_id, **kwargs})


def send_all(reply: SlackReply, messages: list[dict[str, Any]]) -> None:
    async def run() -> None:
        for message in messages:
            await reply.send_response("U0USER", dict(message))
        await reply.flush()

    asyncio.run(run())


def test_a_turn_is_one_message_answer_sources_and_buttons(knowledge: Knowledge) -> None:
    role = knowledge.default_role
    topic = knowledge.topics["salary"]
    messages = answer_messages(knowledge, role, topic, role.answers["salary"])
    reply = RecordingReply(thread_id="1700000000.000100", buffered=True)
    send_all(reply, messages)

    [post] = reply.posted
    assert post["channel"] == "D0CHANNEL" and post["thread_ts"] == "1700000000.000100"
    section, context, actions = post["blocks"]
    assert section == {
        "type": "section",
        "text": {"type": "mrkdwn", "text": role.answers["salary"].text},
    }
    assert context["type"] == "context" and context["elements"][0]["text"].startswith("Source")
    assert [element["value"] for element in actions["elements"]] == [
        button["payload"] for button in messages[1]["buttons"]
    ]
    assert "as_user" not in post  # a legacy argument new Slack apps must not send
    assert post["text"].startswith(role.answers["salary"].text[:50])


def test_unbuffered_reply_posts_each_message_at_once() -> None:
    reply = RecordingReply()
    send_all(reply, [{"text": "one"}, {"text": "two"}])
    assert [post["text"] for post in reply.posted] == ["one", "two"]


def test_menu_of_six_topics_keeps_its_buttons(knowledge: Knowledge) -> None:
    """Rasa's SlackBot drops every button past five; Block Kit allows 25 per actions block."""
    menu = menu_buttons(knowledge)
    assert len(menu) > 5
    [block] = button_blocks(menu)
    assert [element["value"] for element in block["elements"]] == [b["payload"] for b in menu]
    assert len({element["action_id"] for element in block["elements"]}) == len(menu)


def test_block_kit_limits_are_respected() -> None:
    many = [{"title": f"Question {n} " + "x" * 100, "payload": f"/ask_{n}"} for n in range(30)]
    blocks = button_blocks(many)
    assert [len(block["elements"]) for block in blocks] == [ACTIONS_MAX_ELEMENTS, 5]
    for block in blocks:
        for element in block["elements"]:
            assert len(element["text"]["text"]) <= BUTTON_TEXT_MAX_CHARS
    long_text = ("A sentence of an answer. " * 400).strip()
    sections = text_blocks(long_text)
    assert len(sections) > 1
    assert all(len(block["text"]["text"]) <= SECTION_MAX_CHARS for block in sections)
    assert " ".join(block["text"]["text"] for block in sections) == long_text


def test_slack_markup_in_text_is_shown_literally() -> None:
    assert escape_mrkdwn("R&D <@U123> a > b") == "R&amp;D &lt;@U123&gt; a &gt; b"
    [block] = text_blocks("Pay <b>&</b> perks")
    assert block["text"]["text"] == "Pay &lt;b&gt;&amp;&lt;/b&gt; perks"


def test_many_messages_are_split_below_fifty_blocks() -> None:
    reply = RecordingReply(buffered=True)
    send_all(reply, [{"text": f"line {n}"} for n in range(60)])
    assert [len(post["blocks"]) for post in reply.posted] == [50, 10]


def test_recent_keys_forget_after_the_ttl_and_beyond_the_size() -> None:
    now = [0.0]
    keys = RecentKeys(ttl=10, max_keys=3, clock=lambda: now[0])

    def first_time(seen: list[str]) -> bool:
        return asyncio.run(keys.first_time(seen))

    assert first_time(["Ev1", "message:D1:1.0"])
    assert not first_time(["Ev1"])  # a retry
    assert not first_time(["Ev2", "message:D1:1.0"])  # the same message, another event
    now[0] = 11.0
    assert first_time(["Ev1"])  # long after: forgotten
    for n in range(5):
        first_time([f"Ev-{n}"])
    assert len(keys) == 3


REDIS_URL = "redis://127.0.0.1:6379/0"


def redis_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=2):
            return True
    except OSError:
        return False


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.skipif(not redis_reachable(), reason="needs Redis on 127.0.0.1:6379")
def test_redis_keys_first_writer_wins_and_keys_expire() -> None:
    prefix = f"test:slack-seen:{uuid.uuid4().hex}:"
    admin = redis.Redis.from_url(REDIS_URL)

    async def run() -> list[bool]:
        keys = RedisKeys(REDIS_URL, ttl=600, key_prefix=prefix)
        other_replica = RedisKeys(REDIS_URL, ttl=600, key_prefix=prefix)
        try:
            return [
                await keys.first_time(["Ev1", "message:D1:1.0"]),
                await other_replica.first_time(["Ev1", "message:D1:1.0"]),  # a retry, elsewhere
                await keys.first_time(["Ev2", "message:D1:1.0"]),  # same message, other event
                await keys.first_time(["Ev3", None]),
                await keys.first_time([None]),  # nothing to record: answered
            ]
        finally:
            await keys.close()
            await other_replica.close()

    try:
        assert asyncio.run(run()) == [True, False, False, True, True]
        stored = sorted(key.decode() for key in admin.scan_iter(match=prefix + "*"))
        assert stored == [prefix + key for key in ("Ev1", "Ev2", "Ev3", "message:D1:1.0")]
        for key in stored:
            assert 0 < admin.ttl(key) <= 600  # expires by itself
    finally:
        for key in admin.scan_iter(match=prefix + "*"):
            admin.delete(key)
        admin.close()


def test_redis_keys_raise_when_redis_is_unreachable() -> None:
    async def run() -> None:
        keys = RedisKeys(f"redis://127.0.0.1:{closed_port()}/0")
        try:
            await keys.first_time(["Ev1"])
        finally:
            await keys.close()

    with pytest.raises(RedisError):
        asyncio.run(run())


def test_event_is_answered_503_not_from_memory_when_redis_is_unreachable() -> None:
    """Slack retries a non-2xx answer; an in-memory fallback would answer twice across replicas."""
    slack = channel(
        slack_token="xoxb-1",
        slack_signing_secret="s",
        dedup_redis_url=f"redis://127.0.0.1:{closed_port()}/0",
    )
    assert isinstance(slack.seen_events, RedisKeys)
    body = envelope(message_event(slack_id("D"), slack_id("U"), "How much does a TPM earn?"))
    request = SimpleNamespace(headers={"content-type": "application/json"}, json=body)
    handled: list[Any] = []

    async def on_new_message(message: Any) -> None:
        handled.append(message)

    async def run() -> Any:
        try:
            return await slack._on_event(request, body, on_new_message)
        finally:
            await asyncio.sleep(0.1)
            await slack.seen_events.close()

    answer = asyncio.run(run())
    assert answer.status == 503
    assert "X-Slack-No-Retry" not in answer.headers
    assert handled == []


def test_without_a_redis_url_the_record_is_in_memory() -> None:
    assert isinstance(channel(slack_token="", slack_signing_secret="").seen_events, RecentKeys)


def test_scaled_out_replicas_record_answered_events_in_the_lock_stores_redis() -> None:
    """Procfile.scaled gives each replica the Redis of endpoints.scaled.yml's lock store."""
    lock_store = yaml.safe_load((ROOT / "endpoints.scaled.yml").read_text())["lock_store"]
    assert (lock_store["url"], lock_store["port"], lock_store["db"]) == (
        "${REDIS_HOST}",
        "${REDIS_PORT}",
        "${REDIS_DB}",
    )
    replicas = [
        line.split(":", 1)[1]
        for line in (ROOT / "Procfile.scaled").read_text().splitlines()
        if "serving run" in line
    ]
    assert len(replicas) == 2
    env = {"PATH": os.environ["PATH"], "REDIS_HOST": "redis.internal", "REDIS_PORT": "6380"}
    env.update(REDIS_DB="2", SLACK_DEDUP_REDIS_URL="")  # empty, as the Makefile exports it
    for command in replicas:
        prefix = command.split(".venv/bin/python", 1)[0]
        shown = subprocess.run(
            ["sh", "-c", f"{prefix} sh -c 'echo $SLACK_DEDUP_REDIS_URL'"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        assert shown.stdout.strip() == "redis://redis.internal:6380/2"


def channel(**credentials: Any) -> SlackChannel:
    return SlackChannel.from_credentials(credentials)


def test_without_token_and_secret_slack_is_off_not_an_error() -> None:
    assert not channel(slack_token="", slack_signing_secret="", slack_api_url="").configured


@pytest.mark.parametrize(
    ("credentials", "missing"),
    [
        ({"slack_token": "xoxb-1", "slack_signing_secret": ""}, "SLACK_SIGNING_SECRET"),
        ({"slack_token": "", "slack_signing_secret": "s3cret"}, "SLACK_BOT_TOKEN"),
    ],
)
def test_half_a_configuration_stops_start_up(credentials: dict[str, str], missing: str) -> None:
    with pytest.raises(InvalidConfigException, match=missing):
        channel(**credentials)


def test_web_api_url_comes_from_the_credentials() -> None:
    configured = channel(
        slack_token="xoxb-1", slack_signing_secret="s", slack_api_url="http://127.0.0.1:9/api/"
    )
    assert configured.configured
    assert configured.get_output_channel("D1").client.base_url == "http://127.0.0.1:9/api/"
    default = channel(slack_token="xoxb-1", slack_signing_secret="s", slack_api_url="")
    assert default.get_output_channel("D1").client.base_url == "https://www.slack.com/api/"


def test_credentials_file_registers_the_channel_from_the_environment() -> None:
    entry = yaml.safe_load((ROOT / "credentials.yml").read_text())["channels.slack.SlackChannel"]
    assert entry["slack_token"] == "${SLACK_BOT_TOKEN}"
    assert entry["slack_signing_secret"] == "${SLACK_SIGNING_SECRET}"
    assert entry["slack_api_url"] == "${SLACK_API_URL}"
    assert entry["dedup_redis_url"] == "${SLACK_DEDUP_REDIS_URL}"
    assert SlackChannel.name() == "slack"  # hence /webhooks/slack/webhook


def test_manifest_asks_for_what_the_channel_uses() -> None:
    manifest = yaml.safe_load((ROOT / "slack" / "manifest.yml").read_text())
    settings = manifest["settings"]
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == {
        "app_mentions:read",
        "im:history",
        "chat:write",
    }
    assert set(settings["event_subscriptions"]["bot_events"]) == {"app_mention", "message.im"}
    assert settings["interactivity"]["is_enabled"] is True
    for url in (settings["event_subscriptions"]["request_url"],):
        assert url.startswith("https://") and url.endswith(WEBHOOK_PATH)
    assert (
        settings["interactivity"]["request_url"] == settings["event_subscriptions"]["request_url"]
    )
    app_home = manifest["features"]["app_home"]
    assert app_home["messages_tab_enabled"] and not app_home["messages_tab_read_only_enabled"]
    assert settings["socket_mode_enabled"] is False


def make_slack_status(**variables: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "MAKE"))}
    env.update(variables)
    return subprocess.run(
        ["make", "--no-print-directory", "-s", "slack-status"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_make_run_says_whether_slack_is_on() -> None:
    off = make_slack_status()
    assert off.returncode == 0 and "Slack:     off" in off.stdout
    on = make_slack_status(SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET="s3cret")
    assert on.returncode == 0 and "Slack:     on" in on.stdout
    assert WEBHOOK_PATH in on.stdout and "xoxb-1" not in on.stdout + on.stderr
    half = make_slack_status(SLACK_BOT_TOKEN="xoxb-1")
    assert half.returncode != 0 and "SLACK_SIGNING_SECRET" in half.stderr
