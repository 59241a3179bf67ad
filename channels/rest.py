"""The REST channel, with the request checked before it reaches the assistant.

Rasa's RestInput passes whatever JSON it gets on: a number as the message or a list as the body
ends in a 500 and a stack trace. Here a malformed request is answered with 400 and a sentence
saying what is wrong. The URL stays /webhooks/rest/webhook.
"""

from __future__ import annotations

from typing import Any

from rasa.core.channels.rest import RestInput
from sanic.exceptions import InvalidUsage
from sanic.request import Request

# Ids longer than this are not conversation ids a client would make; refuse them early.
MAX_SENDER_LENGTH = 128


def _body(request: Request) -> dict[str, Any]:
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


class CheckedRestInput(RestInput):
    """RestInput that answers 400, not 500, to malformed requests."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    async def _extract_sender(self, req: Request) -> str | None:
        sender = _body(req).get("sender")
        if sender is None:
            return None
        if isinstance(sender, bool) or not isinstance(sender, (str, int)):
            raise InvalidUsage('"sender" must be a string.')
        sender = str(sender)
        if not sender or len(sender) > MAX_SENDER_LENGTH:
            raise InvalidUsage(f'"sender" must be 1 to {MAX_SENDER_LENGTH} characters long.')
        return sender

    def _extract_message(self, req: Request) -> str | None:
        message = _body(req).get("message")
        if not isinstance(message, str):
            raise InvalidUsage('"message" must be a string.')
        return message

    def get_metadata(self, request: Request) -> dict[str, Any] | None:
        metadata = _body(request).get("metadata")
        if metadata is not None and not isinstance(metadata, dict):
            raise InvalidUsage('"metadata" must be a JSON object.')
        return metadata
