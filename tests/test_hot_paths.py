"""serving.hot_paths: Rasa's checks and lookups, unchanged, only done once."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered
from rasa.utils.endpoints import EndpointConfig

from serving import hot_paths, rasa_seam

VALID = {"events": [{"event": "slot", "name": "role", "value": "tpm"}], "responses": []}
INVALID = {"events": [{"event": "slot", "name": 42}], "responses": "not a list"}


@pytest.fixture()
def installed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """hot_paths installed for one test, Rasa's originals restored afterwards."""
    monkeypatch.setattr(
        RemoteAction, "_validate_action_result", RemoteAction._validate_action_result
    )
    monkeypatch.setattr(Event, "resolve_by_type", Event.__dict__["resolve_by_type"])
    monkeypatch.setattr(EndpointConfig, "session", EndpointConfig.session)
    assert len(rasa_seam.install("serving.hot_paths")) == 3
    yield


def remote_action() -> RemoteAction:
    return RemoteAction("action_answer_topic", None)


def test_valid_action_results_pass(installed: None) -> None:
    assert remote_action()._validate_action_result(VALID) is True


def test_invalid_action_results_get_rasas_error(installed: None) -> None:
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        remote_action()._validate_action_result(INVALID)


def test_the_schema_is_checked_once(installed: None, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    validator = hot_paths.action_response_validator()
    monkeypatch.setattr(type(validator), "check_schema", lambda schema: calls.append(schema))
    for _ in range(3):
        remote_action()._validate_action_result(VALID)
    assert calls == []


def test_event_classes_are_resolved_as_rasa_resolves_them(installed: None) -> None:
    for name, cls in [("user", UserUttered), ("slot", SlotSet), ("action", ActionExecuted)]:
        assert Event.resolve_by_type(name) is cls
        assert Event.resolve_by_type(name) is cls  # remembered
    assert Event.resolve_by_type("no such event", default=SlotSet) is SlotSet
    with pytest.raises(ValueError, match="Unknown event name"):
        Event.resolve_by_type("no such event")


def test_install_twice_wraps_once(installed: None) -> None:
    method = RemoteAction._validate_action_result
    assert rasa_seam.install("serving.hot_paths") == []
    assert RemoteAction._validate_action_result is method


def test_an_endpoint_keeps_its_session_open_between_requests(installed: None) -> None:
    endpoint = EndpointConfig("http://127.0.0.1:1/webhook", headers={"X-Test": "yes"})

    async def two_requests() -> list[object]:
        sessions = []
        for _ in range(2):
            async with endpoint.session() as session:
                sessions.append(session)
        assert not sessions[0].closed
        assert sessions[0].headers["X-Test"] == "yes"
        await sessions[0].close()
        async with endpoint.session() as session:
            sessions.append(session)
        await session.close()
        return sessions

    first, second, after_close = asyncio.run(two_requests())
    assert first is second
    assert after_close is not first
