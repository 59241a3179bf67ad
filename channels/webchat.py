"""The socket.io channel of the web chat page, with CORS limited to the page's own origin.

Rasa's SocketIOInput builds its socket.io server with `cors_allowed_origins=[]`, which turns
socket.io's CORS handling off altogether: no Origin check, so any web site may open a socket to
the assistant from its visitors' browsers, and no CORS headers, so a browser on our chat page
(another port, hence another origin) cannot use socket.io's HTTP long-polling transport, the one
socket.io-client starts with. Rasa has no setting for it, so this subclass sets the allowed origins
on the server Rasa builds. Everything else (events, session persistence, `metadata_key`) stays
Rasa's and is set in credentials.yml, which registers this class as `channels.webchat.WebChatInput`.

Allowed origins: $WEB_ALLOWED_ORIGINS, a comma- or space-separated list of origins such as
`https://chat.example.org`, or `*` for any origin. Unset, they are the chat page's own addresses,
http://127.0.0.1:$WEB_PORT and http://localhost:$WEB_PORT (WEB_PORT defaults to 8080).
"""

from __future__ import annotations

import os
import re
from collections.abc import Awaitable, Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint

ALLOWED_ORIGINS_ENV = "WEB_ALLOWED_ORIGINS"
WEB_PORT_ENV = "WEB_PORT"
DEFAULT_WEB_PORT = "8080"
ANY_ORIGIN = "*"


class OriginsError(ValueError):
    """The configured origins are not usable; the message names the variable and the value."""


def _origin(value: str) -> str:
    """`value` as a browser sends it in the Origin header: scheme://host[:port], nothing more."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise OriginsError(
            f"{ALLOWED_ORIGINS_ENV}: {value!r} is not an origin like http://127.0.0.1:8080"
        )
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        raise OriginsError(
            f"{ALLOWED_ORIGINS_ENV}: {value!r} must be scheme://host[:port], without a path"
        )
    return f"{parts.scheme}://{parts.netloc}".lower()


def allowed_origins(environ: Mapping[str, str] = os.environ) -> list[str] | str:
    """The origins whose pages may talk to the assistant over socket.io (`*`: any)."""
    configured = environ.get(ALLOWED_ORIGINS_ENV, "").strip()
    if not configured:
        port = environ.get(WEB_PORT_ENV, "").strip() or DEFAULT_WEB_PORT
        if not port.isdigit():
            raise OriginsError(f"{WEB_PORT_ENV}: {port!r} is not a port number")
        return [f"http://127.0.0.1:{port}", f"http://localhost:{port}"]
    if configured == ANY_ORIGIN:
        return ANY_ORIGIN
    return list(dict.fromkeys(_origin(item) for item in re.split(r"[,\s]+", configured) if item))


class WebChatInput(SocketIOInput):
    """Rasa's socket.io channel, accepting connections only from the allowed origins."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        socketio_blueprint = super().blueprint(on_new_message)
        # super() has just built self.sio with CORS handling off; the engine.io server reads this
        # attribute on every request, both to refuse other origins (400, for polling and
        # WebSocket alike) and to send Access-Control-Allow-Origin to the allowed ones.
        # Read here, at start-up: a bad value stops the server instead of failing each request.
        self.sio.eio.cors_allowed_origins = allowed_origins()
        return socketio_blueprint
