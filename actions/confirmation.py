"""When a topic question is confirmed before it is answered.

A message that names a role is about the job, and is answered. One that names none is answered
when NLU is sure of its topic and it is not spoken to the assistant itself; otherwise the
assistant asks "Did you mean: <the topic's question>?" with that question as a button, the way
Rasa's two-stage fallback asks for an affirmation:

- an unsure guess ("what's next" reads as career advancement, but only just) may be anything;
- "your salary", "what's your day like" ask the assistant about its own life, which a career
  answer would not fit; "your" in a question about a job ("what fills your calendar in this
  job") is the generic one.

A wrong confirmation costs one click, a wrong answer costs trust.
"""

from __future__ import annotations

import re
from typing import Any

from actions.slot_names import ROLE_SLOT

# A role-less topic guess below this confidence is confirmed first. The FallbackClassifier's
# threshold (config.yml) is lower: below it nothing is guessed at all.
CONFIRM_BELOW = 0.4
SECOND_PERSON = re.compile(r"\b(your|ur|yours)\b", re.IGNORECASE)
# Words that put "your" inside a question about a job rather than about the assistant.
# "what happens to your hours when a project hits a crisis": a project, a team or a company
# is work, which the assistant has none of. "what salary figure do your sources give": its
# sources are what it answers from, not its life.
JOB_FRAME = re.compile(
    r"\b(job|jobs|role|roles|career|careers|position|profession|occupation|field|industry"
    r"|projects?|teams?|company|companies|employers?|clients?|stakeholders?"
    r"|sources?|articles?|data)\b",
    re.IGNORECASE,
)


def names_a_role(latest_message: dict[str, Any]) -> bool:
    """Whether the message itself names a role (not only the conversation before it)."""
    entities = latest_message.get("entities") or []
    return any(entity.get("entity") == ROLE_SLOT for entity in entities)


def addressed_to_assistant(text: str) -> bool:
    """Whether a question with no role asks the assistant about itself ("your salary")."""
    return bool(SECOND_PERSON.search(text)) and not JOB_FRAME.search(text)


def needs_confirmation(latest_message: dict[str, Any]) -> bool:
    """Whether the topic the message was read as should be confirmed before it is answered."""
    if names_a_role(latest_message):
        return False
    intent = latest_message.get("intent") or {}
    confidence = intent.get("confidence")
    unsure = isinstance(confidence, (int, float)) and confidence < CONFIRM_BELOW
    return unsure or addressed_to_assistant(str(latest_message.get("text") or ""))
