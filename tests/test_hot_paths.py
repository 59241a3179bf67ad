"""serving.hot_paths: Rasa's check of the action server's answer, unchanged, done once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from serving import hot_paths, rasa_seam

VALID = {"events": [{"event": "slot", "name": "role", "value": "tpm"}], "responses": []}
INVALID = {"events": [{"event": "slot", "name": 42}], "responses": "not a list"}


@pytest.fixture()
def installed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """hot_paths installed for one test, Rasa's originals restored afterwards."""
    monkeypatch.setattr(
        RemoteAction, "_validate_action_result", RemoteAction._validate_action_result
    )
    assert len(rasa_seam.install("serving.hot_paths")) == 1
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


def test_install_twice_wraps_once(installed: None) -> None:
    method = RemoteAction._validate_action_result
    assert rasa_seam.install("serving.hot_paths") == []
    assert RemoteAction._validate_action_result is method
