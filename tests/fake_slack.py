"""A stand-in for Slack on loopback: its Web API, and Slack's side of the Events API.

`FakeSlackApi` answers the Web API calls the connector makes (`chat.postMessage`, and any other
with `{"ok": true}`) and records them, so a test can wait for what the bot posted. The Rasa
server is pointed at it through SLACK_API_URL. `SlackEvents` sends what Slack sends to the
request URL: event envelopes and `block_actions` payloads, signed with slack_sdk's signature
scheme (or deliberately not), with Slack's retry headers when asked.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode

import requests
from slack_sdk.signature import SignatureVerifier

from tests.server_permit import require_server_marker

TEAM_ID = "T0TESTTEAM"
BOT_USER_ID = "U0TESTBOT"
BOT_ID = "B0TESTBOT"


def slack_id(prefix: str) -> str:
    """A fresh Slack-style id (`U...` user, `D...` DM, `C...` channel), unique per test."""
    return prefix + uuid.uuid4().hex[:10].upper()


_ts_counter = itertools.count(1)


def slack_ts() -> str:
    """A fresh Slack message timestamp ("seconds.micros"), unique within the test run."""
    return f"{int(time.time())}.{next(_ts_counter):06d}"


@dataclass(frozen=True)
class ApiCall:
    method: str
    authorization: str | None
    arguments: dict[str, Any]


class FakeSlackApi:
    """Slack's Web API on a free loopback port; records every call."""

    def __init__(self) -> None:
        self.calls: list[ApiCall] = []
        self._changed = threading.Condition()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                method = self.path.rstrip("/").rsplit("/", 1)[-1]
                content_type = self.headers.get("Content-Type") or ""
                if "json" in content_type:
                    arguments = json.loads(raw or b"{}")
                else:
                    arguments = {key: values[0] for key, values in parse_qs(raw.decode()).items()}
                fake._record(ApiCall(method, self.headers.get("Authorization"), arguments))
                answer: dict[str, Any] = {"ok": True}
                if method == "chat.postMessage":
                    answer.update(channel=arguments.get("channel"), ts=slack_ts())
                elif method == "auth.test":
                    answer.update(team_id=TEAM_ID, user_id=BOT_USER_ID, bot_id=BOT_ID)
                body = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/api/"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def _record(self, call: ApiCall) -> None:
        with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    def start(self) -> None:
        require_server_marker("fake Slack")
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def posts(self, channel: str | None = None) -> list[dict[str, Any]]:
        """The arguments of every chat.postMessage so far (to `channel`, if given)."""
        with self._changed:
            return [
                call.arguments
                for call in self.calls
                if call.method == "chat.postMessage"
                and (channel is None or call.arguments.get("channel") == channel)
            ]

    def wait_for_posts(
        self, channel: str, count: int = 1, timeout: float = 60
    ) -> list[dict[str, Any]]:
        """Wait until `channel` has at least `count` posts; return them all."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = [
                    call.arguments
                    for call in self.calls
                    if call.method == "chat.postMessage"
                    and call.arguments.get("channel") == channel
                ]
                remaining = deadline - time.monotonic()
                if len(found) >= count or remaining <= 0:
                    break
                self._changed.wait(remaining)
        assert len(found) >= count, f"{channel}: {len(found)} posts after {timeout}s, not {count}"
        return found


@contextmanager
def fake_slack_api() -> Iterator[FakeSlackApi]:
    api = FakeSlackApi()
    api.start()
    try:
        yield api
    finally:
        api.stop()


# --- What Slack sends to the request URL ----------------------------------------------------


def message_event(
    channel: str, user: str, text: str, ts: str | None = None, **fields: Any
) -> dict[str, Any]:
    """A `message` event in a direct message with the bot (what `message.im` delivers)."""
    ts = ts or slack_ts()
    event = {
        "type": "message",
        "channel": channel,
        "user": user,
        "text": text,
        "ts": ts,
        "event_ts": ts,
        "channel_type": "im",
        "client_msg_id": str(uuid.uuid4()),
    }
    event.update(fields)
    return event


def mention_event(
    channel: str, user: str, text: str, ts: str | None = None, **fields: Any
) -> dict[str, Any]:
    """An `app_mention` event: `text` written in a channel after `@TPM assistant`."""
    ts = ts or slack_ts()
    event = {
        "type": "app_mention",
        "channel": channel,
        "user": user,
        "text": f"<@{BOT_USER_ID}> {text}",
        "ts": ts,
        "event_ts": ts,
        "client_msg_id": str(uuid.uuid4()),
    }
    event.update(fields)
    return event


def envelope(event: dict[str, Any], event_id: str | None = None) -> dict[str, Any]:
    """The Events API envelope around `event`, as Slack posts it."""
    return {
        "token": "unused-verification-token",
        "team_id": TEAM_ID,
        "api_app_id": "A0TESTAPP",
        "event": event,
        "type": "event_callback",
        "event_id": event_id or slack_id("Ev"),
        "event_time": int(time.time()),
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": TEAM_ID,
                "user_id": BOT_USER_ID,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
    }


def button_click(post: dict[str, Any], user: str, button_index: int = 0) -> dict[str, Any]:
    """The `block_actions` payload of `user` clicking a button of a message the bot posted."""
    buttons = [
        element
        for block in post["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
    ]
    button = buttons[button_index]
    message_ts = slack_ts()
    message: dict[str, Any] = {
        "type": "message",
        "user": BOT_USER_ID,
        "bot_id": BOT_ID,
        "text": post["text"],
        "blocks": post["blocks"],
        "ts": message_ts,
    }
    container: dict[str, Any] = {
        "type": "message",
        "message_ts": message_ts,
        "channel_id": post["channel"],
        "is_ephemeral": False,
    }
    if post.get("thread_ts"):
        message["thread_ts"] = container["thread_ts"] = post["thread_ts"]
    return {
        "type": "block_actions",
        "user": {"id": user, "username": "ada", "name": "ada", "team_id": TEAM_ID},
        "api_app_id": "A0TESTAPP",
        "token": "unused-verification-token",
        "container": container,
        "trigger_id": "1.2.3",
        "team": {"id": TEAM_ID, "domain": "test"},
        "channel": {"id": post["channel"], "name": "directmessage"},
        "message": message,
        "response_url": "https://hooks.slack.invalid/actions/T0/1/2",
        "actions": [
            {
                "type": "button",
                "action_id": button["action_id"],
                "block_id": "b1",
                "text": button["text"],
                "value": button["value"],
                "action_ts": f"{time.time():.6f}",
            }
        ],
    }


class SlackEvents:
    """Posts to the assistant's Slack request URL as Slack does, signed with `secret`."""

    def __init__(self, url: str, secret: str) -> None:
        self.url = url
        self.secret = secret

    def post(
        self,
        body: bytes,
        content_type: str,
        *,
        secret: str | None = None,
        timestamp: int | None = None,
        signed: bool = True,
        headers: dict[str, str] | None = None,
    ) -> requests.Response:
        all_headers = {"Content-Type": content_type, "User-Agent": "Slackbot 1.0"}
        if signed:
            stamp = str(int(time.time()) if timestamp is None else timestamp)
            verifier = SignatureVerifier(secret or self.secret)
            all_headers["X-Slack-Request-Timestamp"] = stamp
            all_headers["X-Slack-Signature"] = verifier.generate_signature(
                timestamp=stamp, body=body
            )
        all_headers.update(headers or {})
        return requests.post(self.url, data=body, headers=all_headers, timeout=30)

    def send_json(self, document: dict[str, Any], **options: Any) -> requests.Response:
        return self.post(json.dumps(document).encode(), "application/json", **options)

    def send_event(
        self, event: dict[str, Any], event_id: str | None = None, **options: Any
    ) -> requests.Response:
        return self.send_json(envelope(event, event_id), **options)

    def send_click(self, payload: dict[str, Any], **options: Any) -> requests.Response:
        body = urlencode({"payload": json.dumps(payload)}).encode()
        return self.post(body, "application/x-www-form-urlencoded", **options)


def blocks_of(post: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [block for block in post["blocks"] if block["type"] == kind]


def shown_text(post: dict[str, Any], kinds: Callable[[str], bool] = lambda kind: True) -> str:
    """Everything a user reads in a posted message, with Slack's &, <, > entities undone."""
    parts = []
    for block in post["blocks"]:
        if not kinds(block["type"]):
            continue
        if block["type"] == "section":
            parts.append(block["text"]["text"])
        elif block["type"] == "context":
            parts.extend(element["text"] for element in block["elements"])
        elif block["type"] == "actions":
            parts.extend(element["text"]["text"] for element in block["elements"])
    text = "\n".join(parts)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
