"""Two questions in one message: "What does a TPM earn and what degree do I need?"

NLU gives a message one intent, so the second question would go unanswered. A message is split
where a second question starts: after a question mark, at a semicolon, or at "and"/"also"/"plus"
followed by a question word. The split is kept only when both parts are questions of different
intents (serving/processor.py checks that with the loaded model), so "the difference between a
TPM and a project coordinator" stays one question. At most two questions are answered, which
keeps the reply within four messages; a longer list is answered as one message.
"""

from __future__ import annotations

import re

MAX_QUESTIONS = 2
MIN_WORDS = 2
QUESTION_WORDS = (
    "what|how|who|whom|whose|where|when|which|why|do|does|did|is|are|can|could|should|would|will"
)
SPLIT = re.compile(
    r"(?<=\?)\s+|\s*;\s*|[,\s]+(?:and|also|plus|&)\s+(?=(?:" + QUESTION_WORDS + r")\b)",
    re.IGNORECASE,
)

# "…? And who do they report to?": the second question without its joining word.
LEADING_JOINER = re.compile(r"^(?:and|also|plus|&)\s+", re.IGNORECASE)


def question_parts(text: str) -> list[str]:
    """The questions `text` asks, if it looks like exactly two; otherwise the text alone."""
    parts = [LEADING_JOINER.sub("", part.strip(" ,.")) for part in SPLIT.split(text)]
    parts = [part for part in parts if part]
    if len(parts) != MAX_QUESTIONS or any(len(part.split()) < MIN_WORDS for part in parts):
        return [text]
    return parts
