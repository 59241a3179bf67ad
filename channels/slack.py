"""Slack: Rasa's Slack connector, made safe to leave off, to retry and to test.

Registered in credentials.yml by module path as `channels.slack.SlackChannel`; it answers at
/webhooks/slack/webhook (events and interactivity both). It keeps Rasa's SlackInput for the
signature check, message clean-up, button payload parsing and conversation ids, and changes what
a real workspace (and a test without Slack) needs:

- Off until configured. With SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET both empty the webhook
  answers 503 "Slack is not configured" and every other channel runs as before (Rasa's SlackInput
  refuses to start without a signing secret). One without the other stops start-up.
- A request that fails the signature check (bad, missing, or timestamp over five minutes off)
  gets 401, not Rasa's 400, and is never looked at further.
- One answer per event. Slack redelivers an event (same `event_id`, `X-Slack-Retry-Num: 1..3`)
  when it got no 2xx within three seconds or the connection failed. Rasa drops a retry only when
  its `X-Slack-Retry-Reason` is in a list (`http_timeout` by default), so a retry for any other
  reason is answered again; here an event whose id (or whose message: channel and ts, as the same
  message can arrive as both `message` and `app_mention`) was seen in the last hour is
  acknowledged and dropped, whatever the reason. A retry of an event we never saw (its first
  delivery was lost) is answered. One Rasa server keeps that record in its memory (RecentKeys);
  replicas behind one request URL share it in Redis (RedisKeys, `dedup_redis_url`), as a retry
  may reach another replica than the first delivery did.
- The bot's own messages, edits, deletions and other bots are ignored, so the bot never answers
  itself.
- Mentions in a channel are answered in their thread; direct messages in the conversation (or in
  the thread they were written in); a button click where its button was.
- The messages of one turn (answer, sources line, follow-up buttons) are posted as one Block Kit
  message: sections for text, a context line for the sources, an actions block for the buttons.
  A click comes back as a `block_actions` payload whose value is the button's payload
  (`/ask_salary{"role":"..."}`) and is answered like a typed question.
- `slack_api_url` sets the Web API base URL; the tests point it at a fake Slack on loopback.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable
from http import HTTPStatus
from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.slack import SlackBot, SlackInput
from rasa.shared.exceptions import InvalidConfigException
from redis import asyncio as aioredis
from redis.exceptions import RedisError
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.web.async_client import AsyncWebClient

logger = logging.getLogger(__name__)

WEBHOOK_PATH = "/webhooks/slack/webhook"
NOT_CONFIGURED = (
    "Slack is not configured: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET and restart "
    "(README, section Slack)."
)

# Slack redelivers an event up to three times over about five minutes; an hour covers that
# with room to spare. One Rasa server keeps the record in its memory (RecentKeys); several
# replicas behind one request URL share it in Redis (RedisKeys), since a retry may reach
# another replica.
DEDUP_TTL_SECONDS = 3600.0
DEDUP_MAX_KEYS = 50_000
# Before every key RedisKeys writes; the lock store of endpoints.scaled.yml uses `tpm:lock:...`.
DEDUP_KEY_PREFIX = "tpm:slack:seen:"
# Slack wants an answer within three seconds: a Redis that does not answer within one is
# treated as down rather than waited for.
DEDUP_REDIS_TIMEOUT_SECONDS = 1.0

# Block Kit limits (https://api.slack.com/reference/block-kit).
MESSAGE_MAX_BLOCKS = 50
SECTION_MAX_CHARS = 3000
ACTIONS_MAX_ELEMENTS = 25
BUTTON_TEXT_MAX_CHARS = 75
BUTTON_VALUE_MAX_CHARS = 2000

# The line under an answer that names its sources (actions/replies.py, sources_line); shown
# as a Block Kit context line, small and grey, under the answer.
SOURCES_LINE = re.compile(r"^Sources?: ")
# Message subtypes that are still a person writing to the bot; every other subtype is an edit
# (message_changed), a deletion, a join, a bot post, ... and is never answered.
USER_SUBTYPES = frozenset({None, "file_share", "thread_broadcast"})
LEADING_MENTION = re.compile(r"^\s*<@[A-Z0-9]+(\|[^>]*)?>[\s,:]*")


class RecentKeys:
    """Keys seen in the last `ttl` seconds, at most `max_keys` of them (oldest forgotten first).

    Not locked: the Rasa server handles requests on one asyncio loop and `first_time` does not
    await, so a check and its mark cannot interleave with another request's.
    """

    def __init__(
        self,
        ttl: float = DEDUP_TTL_SECONDS,
        max_keys: int = DEDUP_MAX_KEYS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ttl = ttl
        self.max_keys = max_keys
        self.clock = clock
        self._expiry: OrderedDict[str, float] = OrderedDict()

    def first_time(self, keys: Iterable[str | None]) -> bool:
        """Mark `keys` as seen; True when none of them had been seen within the ttl."""
        now = self.clock()
        while self._expiry and next(iter(self._expiry.values())) <= now:
            self._expiry.popitem(last=False)
        wanted = [key for key in keys if key]
        seen = any(key in self._expiry for key in wanted)
        for key in wanted:
            self._expiry.pop(key, None)
            self._expiry[key] = now + self.ttl
        while len(self._expiry) > self.max_keys:
            self._expiry.popitem(last=False)
        return not seen

    def __len__(self) -> int:
        return len(self._expiry)


class RedisKeys:
    """Keys seen in the last `ttl` seconds, kept in Redis: one record for every replica.

    With two Rasa server replicas behind one request URL, Slack's retry of an event (or the same
    event sent to both) can reach a replica that never saw it; an in-process record would answer
    it a second time. Each key is written with `SET <prefix><key> 1 NX EX <ttl>`: Redis lets
    exactly one writer create a key, so exactly one replica answers, and the key expires by
    itself. The keys of one event go in one MULTI/EXEC transaction, so two replicas handling
    events that share a key (the same message as `message` and as `app_mention`) cannot each
    win one half.

    Redis errors are raised, never answered from memory instead: falling back to a per-replica
    record would answer twice across replicas without anyone noticing (SlackChannel answers the
    event 503 so that Slack retries it later).
    """

    def __init__(
        self,
        url: str,
        ttl: float = DEDUP_TTL_SECONDS,
        key_prefix: str = DEDUP_KEY_PREFIX,
        timeout: float = DEDUP_REDIS_TIMEOUT_SECONDS,
    ) -> None:
        self.ttl = max(1, int(ttl))
        self.key_prefix = key_prefix
        # Connections are opened on first use, on the Rasa server's event loop.
        self.client = aioredis.Redis.from_url(
            url, socket_connect_timeout=timeout, socket_timeout=timeout
        )

    @property
    def where(self) -> str:
        """host:port/db of the Redis used, for the log (never the URL: it may hold a password)."""
        kwargs = self.client.connection_pool.connection_kwargs
        return f"{kwargs.get('host', '?')}:{kwargs.get('port', '?')}/{kwargs.get('db', 0)}"

    async def first_time(self, keys: Iterable[str | None]) -> bool:
        """Mark `keys` as seen; True when none of them had been seen within the ttl.

        Raises redis.exceptions.RedisError when Redis cannot be reached or fails.
        """
        wanted = list(dict.fromkeys(key for key in keys if key))
        if not wanted:
            return True
        async with self.client.pipeline(transaction=True) as pipeline:
            for key in wanted:
                pipeline.set(self.key_prefix + key, b"1", nx=True, ex=self.ttl)
            created = await pipeline.execute()
        return all(created)

    async def close(self) -> None:
        await self.client.close()


# --- Block Kit rendering -------------------------------------------------------------------


def escape_mrkdwn(text: str) -> str:
    """Text as Slack shows it literally: &, < and > are Slack's markup characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _chunks(text: str, limit: int) -> list[str]:
    """`text` in pieces of at most `limit` characters, cut at paragraph or word boundaries."""
    pieces: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        cut = rest.rfind("\n\n", 0, limit)
        if cut <= 0:
            cut = rest.rfind(" ", 0, limit)
        if cut <= 0:
            cut = limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def text_blocks(text: str) -> list[dict[str, Any]]:
    """A text message: mrkdwn sections, or a context line for a `Source:` line."""
    shown = escape_mrkdwn(text.strip())
    if SOURCES_LINE.match(shown) and len(shown) <= SECTION_MAX_CHARS:
        return [{"type": "context", "elements": [{"type": "mrkdwn", "text": shown}]}]
    return [
        {"type": "section", "text": {"type": "mrkdwn", "text": piece}}
        for piece in _chunks(shown, SECTION_MAX_CHARS)
    ]


def button_blocks(buttons: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rasa buttons (`title`, `payload`) as actions blocks; a click sends the payload back."""
    elements = []
    for button in buttons:
        title = str(button.get("title") or button.get("payload") or "").strip()
        payload = button.get("payload")
        if not title or not isinstance(payload, str) or len(payload) > BUTTON_VALUE_MAX_CHARS:
            logger.warning("Slack: skipped a button Slack cannot show: %r", button)
            continue
        elements.append(
            {
                "type": "button",
                "text": {
                    "type": "plain_text",
                    "text": _shorten(title, BUTTON_TEXT_MAX_CHARS),
                    "emoji": True,
                },
                "value": payload,
            }
        )
    blocks = []
    for start in range(0, len(elements), ACTIONS_MAX_ELEMENTS):
        group = elements[start : start + ACTIONS_MAX_ELEMENTS]
        # Slack wants action ids unique within a block; the value tells clicks apart anyway.
        for index, element in enumerate(group):
            element["action_id"] = f"ask_{start + index}"
        blocks.append({"type": "actions", "elements": group})
    return blocks


class SlackReply(SlackBot):
    """Posts the assistant's messages to one Slack channel (and thread) as Block Kit.

    Buffered (as for a user's message): the turn's messages are collected and `flush` posts them
    as one Slack message, so an answer, its sources and its buttons arrive together. Unbuffered
    (as Rasa's server API uses `get_output_channel`): each message is posted when sent.
    """

    def __init__(
        self,
        token: str,
        slack_channel: str | None = None,
        thread_id: str | None = None,
        proxy: str | None = None,
        base_url: str | None = None,
        buffered: bool = False,
    ) -> None:
        OutputChannel.__init__(self)
        self.slack_channel = slack_channel
        self.thread_id = thread_id
        self.proxy = proxy
        self.client = AsyncWebClient(
            token, base_url=base_url or AsyncWebClient.BASE_URL, proxy=proxy
        )
        self.buffered = buffered
        # (channel, blocks, plain text for notifications) per message not yet posted.
        self._pending: list[tuple[str, list[dict[str, Any]], str]] = []

    async def _add(self, recipient_id: str, blocks: list[dict[str, Any]], text: str) -> None:
        if not blocks:
            return
        channel = self.slack_channel or recipient_id
        self._pending.append((channel, blocks, text))
        if not self.buffered:
            await self.flush()

    async def flush(self) -> None:
        """Post what is pending, as few Slack messages as Block Kit's limits allow."""
        pending, self._pending = self._pending, []
        batch_channel: str | None = None
        batch_blocks: list[dict[str, Any]] = []
        batch_texts: list[str] = []
        for channel, blocks, text in pending:
            fits = len(batch_blocks) + len(blocks) <= MESSAGE_MAX_BLOCKS
            if batch_blocks and (channel != batch_channel or not fits):
                await self._post_blocks(batch_channel, batch_blocks, batch_texts)
                batch_blocks, batch_texts = [], []
            batch_channel = channel
            batch_blocks.extend(blocks)
            batch_texts.append(text)
        if batch_blocks:
            await self._post_blocks(batch_channel, batch_blocks, batch_texts)

    async def _post_blocks(
        self, channel: str | None, blocks: list[dict[str, Any]], texts: list[str]
    ) -> None:
        # Slack shows `text` in notifications and where blocks can't be shown.
        fallback = escape_mrkdwn(_shorten("\n\n".join(t for t in texts if t), 3000))
        for start in range(0, len(blocks), MESSAGE_MAX_BLOCKS):
            await self._post_message(
                channel=channel,
                text=fallback,
                blocks=blocks[start : start + MESSAGE_MAX_BLOCKS],
                unfurl_links=False,
                unfurl_media=False,
            )

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._add(recipient_id, text_blocks(text), text)

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        await self._add(recipient_id, text_blocks(text) + button_blocks(buttons), text)

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        block = {"type": "image", "image_url": image, "alt_text": image}
        await self._add(recipient_id, [block], image)

    async def send_attachment(  # type: ignore[override]
        self, recipient_id: str, attachment: dict[str, Any], **kwargs: Any
    ) -> None:
        await self.flush()
        await self._post_message(
            channel=self.slack_channel or recipient_id, attachments=[attachment]
        )

    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any
    ) -> None:
        """A custom message is Slack's own chat.postMessage arguments, posted as they are."""
        await self.flush()
        message = dict(json_message)
        channel = message.pop("channel", None) or self.slack_channel or recipient_id
        await self._post_message(channel=channel, **message)


# --- The input channel ----------------------------------------------------------------------


def _media_type(request: Request) -> str:
    return (request.headers.get("content-type") or "").split(";")[0].strip().lower()


def _unescape(text: str) -> str:
    """Slack sends &, < and > in message text as entities; the NLU wants the characters."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def bot_user_ids(body: dict[str, Any]) -> list[str]:
    """The bot's own user ids, as Slack names them in an event (`authorizations`)."""
    ids = [
        authorization.get("user_id")
        for authorization in body.get("authorizations") or []
        if isinstance(authorization, dict) and authorization.get("is_bot", True)
    ]
    ids += [user for user in body.get("authed_users") or [] if isinstance(user, str)]
    return [user_id for user_id in dict.fromkeys(ids) if user_id]


class SlackChannel(SlackInput):
    """Rasa's SlackInput: off until configured, 401 on bad signatures, one answer per event."""

    @classmethod
    def name(cls) -> str:
        return "slack"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> SlackChannel:
        credentials = credentials or {}
        return cls(
            slack_token=str(credentials.get("slack_token") or ""),
            slack_channel=credentials.get("slack_channel") or None,
            proxy=credentials.get("proxy") or None,
            slack_retry_reason_header=credentials.get(
                "slack_retry_reason_header", "x-slack-retry-reason"
            ),
            slack_retry_number_header=credentials.get(
                "slack_retry_number_header", "x-slack-retry-num"
            ),
            slack_signing_secret=str(credentials.get("slack_signing_secret") or ""),
            conversation_granularity=credentials.get("conversation_granularity", "sender"),
            slack_api_url=credentials.get("slack_api_url") or None,
            dedup_redis_url=credentials.get("dedup_redis_url") or None,
        )

    def __init__(
        self,
        slack_token: str,
        slack_channel: str | None = None,
        proxy: str | None = None,
        slack_retry_reason_header: str | None = "x-slack-retry-reason",
        slack_retry_number_header: str | None = "x-slack-retry-num",
        errors_ignore_retry: list[str] | None = None,
        use_threads: bool | None = False,
        slack_signing_secret: str = "",
        conversation_granularity: str | None = "sender",
        slack_api_url: str | None = None,
        seen_events: RecentKeys | RedisKeys | None = None,
        dedup_redis_url: str | None = None,
    ) -> None:
        """`dedup_redis_url` (e.g. redis://127.0.0.1:6379/0): keep the record of answered
        events in that Redis, shared by every replica; without it, in this process's memory."""
        self.slack_api_url = slack_api_url or AsyncWebClient.BASE_URL
        if seen_events is None:
            seen_events = RedisKeys(dedup_redis_url) if dedup_redis_url else RecentKeys()
        self.seen_events: RecentKeys | RedisKeys = seen_events
        super().__init__(
            slack_token,
            slack_channel,
            proxy,
            slack_retry_reason_header,
            slack_retry_number_header,
            errors_ignore_retry,
            use_threads,
            slack_signing_secret,
            conversation_granularity,
        )

    @property
    def configured(self) -> bool:
        return bool(self.slack_token and self.slack_signing_secret)

    def _validate_credentials(self) -> None:
        """Both or neither: neither leaves Slack off, one alone is a mistake worth stopping for."""
        if self.configured:
            logger.info("Slack is on: %s (Web API %s)", WEBHOOK_PATH, self.slack_api_url)
            if isinstance(self.seen_events, RedisKeys):
                logger.info(
                    "Slack: answered events are recorded in Redis %s, shared by every replica.",
                    self.seen_events.where,
                )
        elif not self.slack_token and not self.slack_signing_secret:
            logger.info("Slack is off: %s answers 503 until it is configured.", WEBHOOK_PATH)
        else:
            missing = "SLACK_SIGNING_SECRET" if self.slack_token else "SLACK_BOT_TOKEN"
            raise InvalidConfigException(
                f"Slack is half configured: {missing} (slack_"
                f"{'signing_secret' if self.slack_token else 'token'} in credentials.yml) is "
                f"empty. Set both SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET, or neither."
            )

    # What counts as a message to answer.

    def _is_user_message(self, slack_event: dict[str, Any]) -> bool:  # type: ignore[override]
        event = slack_event.get("event")
        if not isinstance(event, dict) or event.get("type") not in ("message", "app_mention"):
            return False
        if event.get("subtype") not in USER_SUBTYPES:
            return False  # edits, deletions, joins, bot posts
        if event.get("bot_id") or event.get("bot_profile"):
            return False  # this bot's own messages, and other bots'
        if event.get("user") in bot_user_ids(slack_event):
            return False
        return isinstance(event.get("text"), str) and bool(event["text"].strip())

    def get_metadata(self, request: Request) -> dict[str, Any]:
        """Where to answer: the channel, and the thread (None: in the channel itself)."""
        media_type = _media_type(request)
        if media_type == "application/json":
            body = request.json or {}
            event = body.get("event") or {}
            # `app_mention` events carry no channel_type; direct message channel ids start with D.
            channel = str(event.get("channel") or "")
            in_direct_message = event.get("channel_type") == "im" or channel.startswith("D")
            if in_direct_message:
                thread_id = event.get("thread_ts")
            else:
                thread_id = event.get("thread_ts") or event.get("ts")
            return {
                "out_channel": event.get("channel"),
                "thread_id": thread_id,
                "users": bot_user_ids(body),
                "event_id": body.get("event_id"),
                "team_id": body.get("team_id"),
            }
        if media_type == "application/x-www-form-urlencoded":
            payload = self._interactive_payload(request) or {}
            message = payload.get("message") or {}
            container = payload.get("container") or {}
            user_id = (payload.get("user") or {}).get("id")
            return {
                "out_channel": (payload.get("channel") or {}).get("id")
                or container.get("channel_id"),
                "thread_id": message.get("thread_ts") or container.get("thread_ts"),
                "users": [user_id] if user_id else [],
                "team_id": (payload.get("team") or {}).get("id"),
            }
        return {}

    @staticmethod
    def _interactive_payload(request: Request) -> dict[str, Any] | None:
        try:
            payload = json.loads(request.form.get("payload") or "")
        except (TypeError, ValueError):
            return None
        return payload if isinstance(payload, dict) else None

    # Answering.

    def get_output_channel(
        self, channel: str | None = None, thread_id: str | None = None
    ) -> SlackReply:
        return SlackReply(
            self.slack_token,
            channel or self.slack_channel,
            thread_id,
            self.proxy,
            base_url=self.slack_api_url,
        )

    def _answer(
        self,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        text: str,
        sender_id: str | None,
        metadata: dict[str, Any],
    ) -> None:
        """Hand the message to Rasa in the background and post the turn when it is done.

        Slack wants a 2xx within three seconds or it retries, so the webhook answers at once.
        """
        reply = SlackReply(
            self.slack_token,
            metadata.get("out_channel") or self.slack_channel,
            metadata.get("thread_id"),
            self.proxy,
            base_url=self.slack_api_url,
            buffered=True,
        )
        message = UserMessage(text, reply, sender_id, input_channel=self.name(), metadata=metadata)

        async def handle() -> None:
            try:
                await on_new_message(message)
            except Exception:
                logger.exception("Slack: the assistant failed on a message from %s", sender_id)
            try:
                await reply.flush()
            except Exception:
                logger.exception("Slack: could not post the answer to %s", reply.slack_channel)

        task = asyncio.create_task(handle())
        self._background_tasks.add(task)
        task.add_done_callback(self._background_tasks.discard)

    async def _on_event(
        self,
        request: Request,
        body: dict[str, Any],
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> HTTPResponse:
        if body.get("type") == "url_verification":
            return response.json({"challenge": body.get("challenge")})
        if body.get("type") != "event_callback" or not self._is_user_message(body):
            return response.text("Not a message to answer.")
        metadata = self.get_metadata(request)
        if not self._is_supported_channel(body, metadata):
            return response.text("Not a direct message or a mention.")

        event = body["event"]
        message_key = (
            f"message:{event.get('channel')}:{event.get('ts')}" if event.get("ts") else None
        )
        keys = [body.get("event_id"), message_key]
        try:
            if isinstance(self.seen_events, RedisKeys):
                first_time = await self.seen_events.first_time(keys)
            else:
                first_time = self.seen_events.first_time(keys)
        except (RedisError, OSError) as error:
            # Not answered from memory instead (RedisKeys says why): Slack retries a non-2xx
            # answer, by which time Redis may be back.
            logger.error(
                "Slack: event %s not answered: Redis %s, where answered events are recorded, "
                "failed (%s: %s); Slack will retry it.",
                body.get("event_id"),
                self.seen_events.where if isinstance(self.seen_events, RedisKeys) else "?",
                type(error).__name__,
                error,
            )
            return response.text(
                "Could not check whether this event was already answered; retry later.",
                status=HTTPStatus.SERVICE_UNAVAILABLE,
            )
        if not first_time:
            logger.info(
                "Slack: dropped event %s, already answered (retry %s, reason %s)",
                body.get("event_id"),
                request.headers.get(self.retry_num_header),
                request.headers.get(self.retry_reason_header),
            )
            return response.text("Already answered.", headers={"X-Slack-No-Retry": "1"})

        text = self._sanitize_user_message(_unescape(event["text"]), metadata["users"])
        if event.get("type") == "app_mention" and not metadata["users"]:
            # No `authorizations` to name the bot: its mention is the one the text starts with.
            text = LEADING_MENTION.sub("", text, count=1)
        if not text.strip():
            return response.text("Nothing to answer.")
        sender_id = self._get_conversation_id(
            event.get("user"), metadata["out_channel"], metadata["thread_id"]
        )
        self._answer(on_new_message, text, sender_id, metadata)
        return response.text("")

    async def _on_interaction(
        self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        payload = self._interactive_payload(request)
        if payload is None:
            return response.text("No interaction payload.", status=HTTPStatus.BAD_REQUEST)
        if not self._is_interactive_message(payload):
            return response.text("")
        text = self._get_interactive_response(payload["actions"][0])
        user_id = (payload.get("user") or {}).get("id")
        if not isinstance(text, str) or not text or not user_id:
            return response.text("")  # e.g. a link button: nothing to answer
        metadata = self.get_metadata(request)
        sender_id = self._get_conversation_id(
            user_id, metadata["out_channel"], metadata["thread_id"]
        )
        self._answer(on_new_message, text, sender_id, metadata)
        return response.text("")

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        slack_webhook = Blueprint("slack_webhook", __name__)

        @slack_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok", "configured": self.configured})

        @slack_webhook.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not self.configured:
                return response.text(NOT_CONFIGURED, status=HTTPStatus.SERVICE_UNAVAILABLE)
            if not self.is_request_from_slack_authentic(request):
                return response.text(
                    "Not signed by Slack: missing or wrong X-Slack-Signature, or an "
                    "X-Slack-Request-Timestamp more than five minutes off.",
                    status=HTTPStatus.UNAUTHORIZED,
                )
            media_type = _media_type(request)
            if media_type == "application/json":
                body = request.json
                if not isinstance(body, dict):
                    return response.text("Expected a JSON object.", status=HTTPStatus.BAD_REQUEST)
                return await self._on_event(request, body, on_new_message)
            if media_type == "application/x-www-form-urlencoded":
                return await self._on_interaction(request, on_new_message)
            return response.text(
                "Expected a Slack event (JSON) or interaction (form).",
                status=HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
            )

        return slack_webhook
