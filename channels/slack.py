"""Slack: direct messages and @mentions answered in Block Kit, safe to leave off and to retry.

Registered in credentials.yml by module path as `channels.slack.SlackChannel`; it answers at
/webhooks/slack/webhook (events and button clicks both). Built on Rasa's public channel API
(`InputChannel`, `OutputChannel`, `UserMessage`) and slack_sdk (`SignatureVerifier`,
`AsyncWebClient`). This module is the webhook and what it does with each request; what an
event says (who wrote what, where to answer) is read by channels/slack_events.py, the answer is
posted by channels/slack_reply.py and rendered by channels/slack_blocks.py, and answered events
are recorded by channels/slack_dedup.py.

- Off until configured. With SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET both empty the webhook
  answers 503 "Slack is not configured" and every other channel runs as before. One without the
  other stops start-up, as does an option in credentials.yml this channel does not use.
- Only Slack gets in: a request without a valid signature (HMAC-SHA256 of the body with the
  signing secret) and a timestamp within five minutes gets 401 and is never read further.
- One answer per event, whatever Slack's retry reason (Rasa's own connector drops a retry only
  for `http_timeout`); see channels/slack_dedup.py. A retry of an event never seen (its first
  delivery was lost) is answered.
- The bot's own messages, edits, deletions and other bots are ignored, so the bot never answers
  itself; only direct messages and mentions are answered.
- Mentions in a channel are answered in their thread; direct messages in the conversation (or in
  the thread they were written in); a button click where its button was.
- The messages of one turn (answer, sources line, follow-up buttons) are posted as one Slack
  message. Slack wants a 2xx within three seconds, so the webhook answers at once and the turn
  is handled in the background.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.shared.exceptions import InvalidConfigException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from channels.slack_dedup import UNAVAILABLE, RecentKeys, RedisKeys, answered_events, event_keys
from channels.slack_events import (
    bot_user_ids,
    clean_text,
    clicked_value,
    conversation_id,
    is_message_to_answer,
    reply_place,
)
from channels.slack_reply import SlackReply

logger = logging.getLogger(__name__)

WEBHOOK_PATH = "/webhooks/slack/webhook"
NOT_CONFIGURED = (
    "Slack is not configured: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET and restart "
    "(docs/SLACK.md)."
)
NOT_SIGNED = (
    "Not signed by Slack: missing or wrong X-Slack-Signature, or an X-Slack-Request-Timestamp "
    "more than five minutes off."
)
# The options credentials.yml may give; anything else is refused rather than ignored.
OPTIONS = (
    "slack_token",
    "slack_signing_secret",
    "slack_api_url",
    "conversation_granularity",
    "dedup_redis_url",
)
# One conversation per user (`sender`), per user and channel, or per user and thread.
GRANULARITIES = ("sender", "channel", "thread")


def media_type(request: Request) -> str:
    """The request's content type without its parameters."""
    return (request.headers.get("content-type") or "").split(";")[0].strip().lower()


class SlackChannel(InputChannel):
    """Slack's Events API and interactivity at /webhooks/slack/webhook."""

    @classmethod
    def name(cls) -> str:
        return "slack"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> SlackChannel:
        credentials = credentials or {}
        unknown = sorted(set(credentials) - set(OPTIONS))
        if unknown:
            raise InvalidConfigException(
                f"Slack: credentials.yml gives options this channel does not use: "
                f"{', '.join(unknown)}. It takes {', '.join(OPTIONS)}."
            )
        return cls(
            slack_token=str(credentials.get("slack_token") or ""),
            slack_signing_secret=str(credentials.get("slack_signing_secret") or ""),
            slack_api_url=credentials.get("slack_api_url") or None,
            conversation_granularity=credentials.get("conversation_granularity") or "sender",
            dedup_redis_url=credentials.get("dedup_redis_url") or None,
        )

    def __init__(
        self,
        slack_token: str,
        slack_signing_secret: str,
        slack_api_url: str | None = None,
        conversation_granularity: str = "sender",
        dedup_redis_url: str | None = None,
    ) -> None:
        """`dedup_redis_url` (e.g. redis://127.0.0.1:6379/0): keep the record of answered
        events in that Redis, shared by every replica; without it, in this process's memory."""
        if conversation_granularity not in GRANULARITIES:
            raise InvalidConfigException(
                f"Slack: conversation_granularity {conversation_granularity!r} is not one of "
                f"{', '.join(GRANULARITIES)}."
            )
        self.slack_token = slack_token
        self.slack_api_url = slack_api_url or AsyncWebClient.BASE_URL
        self.conversation_granularity = conversation_granularity
        self.verifier = SignatureVerifier(slack_signing_secret)
        self.seen_events: RecentKeys | RedisKeys = answered_events(dedup_redis_url)
        self.background_tasks: set[asyncio.Task] = set()
        self.configured = bool(slack_token and slack_signing_secret)
        if self.configured:
            logger.info("Slack is on: %s (Web API %s)", WEBHOOK_PATH, self.slack_api_url)
            logger.info("Slack: answered events are recorded in %s.", self.seen_events.where)
        elif not slack_token and not slack_signing_secret:
            logger.info("Slack is off: %s answers 503 until it is configured.", WEBHOOK_PATH)
        else:
            missing = "SLACK_SIGNING_SECRET" if slack_token else "SLACK_BOT_TOKEN"
            option = "slack_signing_secret" if slack_token else "slack_token"
            raise InvalidConfigException(
                f"Slack is half configured: {missing} ({option} in credentials.yml) is empty. "
                f"Set both SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET, or neither."
            )

    def is_signed_by_slack(self, request: Request) -> bool:
        """Slack's signature over the body, with a timestamp within five minutes."""
        try:
            return self.verifier.is_valid(
                body=request.body,
                timestamp=request.headers.get("x-slack-request-timestamp"),
                signature=request.headers.get("x-slack-signature"),
            )
        except (ValueError, UnicodeDecodeError):
            return False  # a timestamp that is not a number, a body that is not text

    def get_output_channel(
        self, channel: str | None = None, thread_id: str | None = None
    ) -> SlackReply:
        """Posts each message at once, to `channel` or else to the recipient id Rasa gives."""
        return SlackReply(self.slack_token, channel, thread_id, base_url=self.slack_api_url)

    def _answer(
        self,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        text: str,
        sender_id: str,
        metadata: dict[str, Any],
    ) -> None:
        """Hand the message to Rasa in the background and post the turn when it is done."""
        reply = SlackReply(
            self.slack_token,
            metadata.get("out_channel"),
            metadata.get("thread_id"),
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
        self.background_tasks.add(task)
        task.add_done_callback(self.background_tasks.discard)

    async def _on_event(
        self,
        request: Request,
        body: dict[str, Any],
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> HTTPResponse:
        if body.get("type") == "url_verification":
            return response.json({"challenge": body.get("challenge")})
        if body.get("type") != "event_callback" or not is_message_to_answer(body):
            return response.text("Not a direct message or a mention to answer.")
        event = body["event"]
        keys = event_keys(body.get("event_id"), event.get("channel"), event.get("ts"))
        try:
            first_time = await self.seen_events.first_time(keys)
        except UNAVAILABLE as error:
            # Not answered from memory instead (channels/slack_dedup.py says why): Slack
            # retries a non-2xx answer, by which time Redis may be back.
            logger.error(
                "Slack: event %s not answered: %s, where answered events are recorded, "
                "failed (%s: %s); Slack will retry it.",
                body.get("event_id"),
                self.seen_events.where,
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
                request.headers.get("x-slack-retry-num"),
                request.headers.get("x-slack-retry-reason"),
            )
            return response.text("Already answered.", headers={"X-Slack-No-Retry": "1"})

        bot_ids = bot_user_ids(body)
        text = clean_text(event["text"], bot_ids, mention=event.get("type") == "app_mention")
        if not text:
            return response.text("Nothing to answer.")
        channel, thread = reply_place(event)
        metadata = {
            "out_channel": channel,
            "thread_id": thread,
            "users": bot_ids,
            "event_id": body.get("event_id"),
            "team_id": body.get("team_id"),
        }
        user = str(event["user"])
        sender_id = conversation_id(self.conversation_granularity, user, channel, thread)
        self._answer(on_new_message, text, sender_id, metadata)
        return response.text("")

    async def _on_interaction(
        self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        try:
            payload = json.loads(request.form.get("payload") or "")
        except (TypeError, ValueError):
            payload = None
        if not isinstance(payload, dict):
            return response.text("No interaction payload.", status=HTTPStatus.BAD_REQUEST)
        text = clicked_value(payload)
        user = (payload.get("user") or {}).get("id")
        if text is None or not user:
            return response.text("")  # e.g. a link button: nothing to answer
        container = payload.get("container") or {}
        message = payload.get("message") or {}
        channel = (payload.get("channel") or {}).get("id") or container.get("channel_id")
        thread = message.get("thread_ts") or container.get("thread_ts")
        metadata = {
            "out_channel": channel,
            "thread_id": thread,
            "users": [user],
            "team_id": (payload.get("team") or {}).get("id"),
        }
        sender_id = conversation_id(self.conversation_granularity, str(user), channel, thread)
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
            if not self.is_signed_by_slack(request):
                return response.text(NOT_SIGNED, status=HTTPStatus.UNAUTHORIZED)
            kind = media_type(request)
            if kind == "application/json":
                body = request.json
                if not isinstance(body, dict):
                    return response.text("Expected a JSON object.", status=HTTPStatus.BAD_REQUEST)
                return await self._on_event(request, body, on_new_message)
            if kind == "application/x-www-form-urlencoded":
                return await self._on_interaction(request, on_new_message)
            return response.text(
                "Expected a Slack event (JSON) or interaction (form).",
                status=HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
            )

        return slack_webhook
