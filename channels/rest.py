"""The REST channel, with the request checked before it reaches the assistant.

Rasa's RestInput passes whatever JSON it gets on: a number as the message or a list as the body
ends in a 500 and a stack trace. Here a malformed request is answered with 400 and a sentence
saying what is wrong. The URL stays /webhooks/rest/webhook, and the answer is RestInput's: the
bot's messages as a JSON list (or streamed, one per line, with `?stream=true`).

Only public parts of Rasa's channel API are used: `blueprint` is ours, built from
`InputChannel`, `CollectingOutputChannel`, `UserMessage` and RestInput's `stream_response`.
"""

from __future__ import annotations

import logging
from asyncio import CancelledError
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.utils.endpoints import bool_arg
from sanic import Blueprint, response
from sanic.exceptions import InvalidUsage
from sanic.request import Request
from sanic.response import HTTPResponse, ResponseStream

logger = logging.getLogger(__name__)

# Ids longer than this are not conversation ids a client would make; refuse them early.
MAX_SENDER_LENGTH = 128


def body_of(request: Request) -> dict[str, Any]:
    """The JSON object of the request, or a 400 naming the problem."""
    try:
        body = request.json
    except InvalidUsage:
        raise InvalidUsage("The request body is not valid JSON.") from None
    if not isinstance(body, dict):
        raise InvalidUsage(
            'The request body must be a JSON object: {"sender": ..., "message": ...}.'
        )
    return body


def sender_of(body: dict[str, Any]) -> str | None:
    """The conversation id: a string (or number) of 1 to MAX_SENDER_LENGTH characters."""
    sender = body.get("sender")
    if sender is None:
        return None
    if isinstance(sender, bool) or not isinstance(sender, (str, int)):
        raise InvalidUsage('"sender" must be a string.')
    sender = str(sender)
    if not sender or len(sender) > MAX_SENDER_LENGTH:
        raise InvalidUsage(f'"sender" must be 1 to {MAX_SENDER_LENGTH} characters long.')
    return sender


def message_of(body: dict[str, Any]) -> str:
    """The person's message, which must be a string."""
    message = body.get("message")
    if not isinstance(message, str):
        raise InvalidUsage('"message" must be a string.')
    return message


class CheckedRestInput(RestInput):
    """RestInput that answers 400, not 500, to malformed requests."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def get_metadata(self, request: Request) -> dict[str, Any] | None:
        metadata = body_of(request).get("metadata")
        if metadata is not None and not isinstance(metadata, dict):
            raise InvalidUsage('"metadata" must be a JSON object.')
        return metadata

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        """RestInput's two routes, with the request checked first."""
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> ResponseStream | HTTPResponse:
            body = body_of(request)
            sender, text = sender_of(body), message_of(body)
            metadata = self.get_metadata(request)
            input_channel = body.get("input_channel") or self.name()
            if bool_arg(request, "stream", default=False):
                return response.stream(
                    self.stream_response(on_new_message, text, sender, input_channel, metadata),
                    content_type="text/event-stream",
                )
            collector = CollectingOutputChannel()
            try:
                await on_new_message(
                    UserMessage(
                        text, collector, sender, input_channel=input_channel, metadata=metadata
                    )
                )
            except CancelledError:
                logger.error("REST message timed out: %r", text[:200])
            except Exception:
                logger.exception("REST message failed: %r", text[:200])
            return response.json(collector.messages)

        return webhook
