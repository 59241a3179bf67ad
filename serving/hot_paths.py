"""Per-message work that Rasa 3.6 repeats on every message, done once instead.

Profiling the Rasa server under load (py-spy, 400 messages) showed three pieces of Rasa's
per-message code that redo work whose result never changes:

- Validating the action server's answer: `RemoteAction._validate_action_result` calls
  `jsonschema.validate`, which first checks Rasa's response schema against the JSON Schema
  metaschema and builds a new validator, on every custom action call. That was 46% of the
  server's CPU time per message (about 20 ms on two cores). Here one validator is built, its
  schema checked once, and every answer is validated against it; an invalid answer is handed
  to Rasa's own check, so the error raised and logged is Rasa's.
- Reading a conversation from the tracker store: each stored event's class is looked up by
  `Event.resolve_by_type`, which walks every Event subclass and asks `inspect` whether it is
  abstract, for every event of the conversation (4% of CPU time, growing with its length).
  Here the classes found are remembered by type name.
- Calling the action server: `EndpointConfig.request` opens a new aiohttp session, and so a
  new TCP connection, for every request (3% of CPU time, more on the action server's side).
  Here each endpoint keeps one session whose connections stay open between requests, for less
  time than the action server keeps them (Sanic's default keep-alive is 5 s), so a request
  never goes out on a connection the server is closing. Its requests are written with ujson
  (which Rasa already requires) instead of the standard library's json: each request carries
  the whole conversation, and writing it was 4% of CPU time, growing with the conversation.

Behaviour is unchanged: same validation, same event classes, same requests with the same
headers, authentication and timeout. Each function here builds a replacement from Rasa's
original; serving.rasa_seam lists them and puts them in place (`python -m serving`, before Rasa
starts).
"""

from __future__ import annotations

import asyncio
import functools
from types import TracebackType
from typing import Any

import aiohttp
import ujson
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event
from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, EndpointConfig

# Idle connections to an endpoint are closed after this long, before the server closes them.
KEEP_ALIVE_S = 2.0


@functools.cache
def action_response_validator() -> Validator:
    """A validator for Rasa's action server response schema, the schema checked once."""
    schema = RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate_action_result(original: Any, action: RemoteAction, result: dict[str, Any]) -> bool:
    """Rasa's validation, with the prepared validator; invalid results get Rasa's error."""
    if action_response_validator().is_valid(result):
        return True
    return original(action, result)


def validating_with_one_validator(original: Any) -> Any:
    """`RemoteAction._validate_action_result` that validates with the prepared validator."""

    def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
        return validate_action_result(original, self, result)

    return _validate_action_result


def remembering_resolve_by_type(original: Any) -> Any:
    """`Event.resolve_by_type` that remembers each class it found (misses are not cached)."""
    found: dict[str, type[Event]] = {}

    def resolve_by_type(type_name: str, default: type[Event] | None = None) -> Any:
        cls = found.get(type_name)
        if cls is None:
            cls = original(type_name, default)
            if cls is not None and cls is not default:
                found[type_name] = cls
        return cls

    return resolve_by_type


class KeptAliveSession:
    """What `EndpointConfig.session()` returns here: a shared session that `async with` keeps.

    Rasa uses the session as `async with endpoint.session() as session:`, which would close
    it; here leaving the block leaves it open for the next request. Everything else is the
    aiohttp session's own.
    """

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self.session = session

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self.session

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        return None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.session, name)


def kept_alive_session(original: Any) -> Any:
    """`EndpointConfig.session` that reuses one session per endpoint and event loop."""

    def session(self: EndpointConfig) -> Any:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return original(self)
        kept = self.__dict__.get("_kept_alive")
        if kept is None or kept[0] is not loop or kept[1].closed:
            auth = (
                aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"])
                if self.basic_auth
                else None
            )
            # As Rasa's `session()`, plus a connection pool that keeps connections open and ujson.
            shared = aiohttp.ClientSession(
                headers=self.headers,
                auth=auth,
                timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
                connector=aiohttp.TCPConnector(keepalive_timeout=KEEP_ALIVE_S),
                json_serialize=ujson.dumps,
            )
            kept = (loop, shared)
            self.__dict__["_kept_alive"] = kept
        return KeptAliveSession(kept[1])

    return session
