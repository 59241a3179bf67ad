"""Per-message work that Rasa 3.6 repeats on every message, done once instead.

Validating the action server's answer: `RemoteAction._validate_action_result` calls
`jsonschema.validate`, which first checks Rasa's response schema against the JSON Schema
metaschema and builds a new validator, on every custom action call: the largest single cost
of a message in the Rasa server (its gain today is measured in docs/RASA_SEAM.md). Here one
validator is built, its schema checked once, and every answer is validated against it; an
invalid answer is handed to Rasa's own check, so the error raised and logged is Rasa's.

Behaviour is unchanged: the same results pass and fail. The function here builds the
replacement from Rasa's original; serving.rasa_seam lists it and puts it in place
(`python -m serving`, before Rasa starts).
"""

from __future__ import annotations

import functools
from typing import Any

from jsonschema.protocols import Validator
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction


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
