"""Clean a user's message before NLU sees it, and say what was changed.

People paste essays, send nothing, or send control characters. None of that may crash the
assistant or vanish without an answer, and a message must not cost NLU more than a question's
worth of work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A question about a career fits in a few sentences; anything longer is cut to this.
MAX_MESSAGE_CHARS = 1000
# C0/C1 control characters except tab and newline, plus zero-width and bidi controls.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class CleanedInput:
    """The text NLU should see, and a note for the user when it differs from what they sent."""

    text: str
    note: str | None


EMPTY_MESSAGE_REPLY = (
    "Your message was empty. Ask me a question about the Technical Project Manager career, "
    'for example "What does a TPM do?"'
)


def clean(text: str) -> CleanedInput:
    """Drop control characters and cut overlong text, keeping intent syntax ("/greet") intact."""
    stripped = _CONTROL.sub("", text).strip()
    if len(stripped) <= MAX_MESSAGE_CHARS:
        return CleanedInput(stripped, None)
    note = (
        f"Your message was {len(stripped):,} characters long; I read only the first "
        f"{MAX_MESSAGE_CHARS:,}. Short questions work best."
    )
    return CleanedInput(stripped[:MAX_MESSAGE_CHARS], note)
