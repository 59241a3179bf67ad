"""Two questions in one message: "What does a TPM earn and what degree do I need?"

NLU gives a message one intent, so the second question would go unanswered. A message is split
where a second question starts: after a question mark, at a semicolon, or at "and"/"also"/"plus"
followed by a question word. The split is kept only when both parts are questions of different
intents (serving/processor.py checks that with the loaded model), so "the difference between a
TPM and a project coordinator" stays one question. At most two questions are answered, which
keeps the reply within four messages; a longer list is answered as one message.

A list of topics is questions too: "quick rundown: pay, hours, path up", "pay, hours, growth?".
Its items are a few words each, after a colon or dash, or at least three of them; the first two
are the questions (each then checked as above), the rest are offered by the answers' buttons.

So are two words joined by "and" in one short question: "whats the pay and hours like" asks
"whats the pay like" and "whats the hours like"; "what skills and education do I need", both.
Each is the question with one of the two words (checked as above: "the difference between a
TPM and a coordinator" is one question, and is not split at all).
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


# A list's lead-in ("gimme the full picture -", "quick rundown pls:") and its separators.
LIST_LEAD = re.compile(r"^[^:\-–—]*?(?::|\s[-–—]+)\s+")
LIST_LEAD_AFTER = re.compile(r"\s[-–—:]+\s+[^,]*$")
LIST_SEPARATOR = re.compile(r"\s*(?:,|&|\+|/|\band\b)\s*", re.IGNORECASE)
MAX_ITEM_WORDS = 3
MAX_LATER_ITEM_WORDS = 6
MIN_ITEMS_WITHOUT_LEAD = 3


# Two words joined by "and" in a question of at most MAX_JOINED_WORDS words.
JOINED = re.compile(
    r"^(?P<left>.*?)\b(?P<x>[a-z]+)\s+(?:and|&)\s+(?P<y>[a-z]+)\b(?P<right>.*)$", re.IGNORECASE
)
MAX_JOINED_WORDS = 10
# Words that set two things side by side, or join two of a kind: one question, not two.
ONE_QUESTION = re.compile(
    r"\b(?:between|vs|versus|differ\w*|compar\w*|pros|cons|ups|downs|both|either)\b",
    re.IGNORECASE,
)
# Words that join no topic to another: articles, pronouns, determiners (a closed class).
NOT_A_TOPIC = frozenset(
    """a an the my your his her its our their this that these those some any all i you he she
    it we they me him them us what who how which when where why is are am was be so then""".split()
)


def question_parts(text: str) -> list[str]:
    """The questions `text` asks, if it looks like exactly two; otherwise the text alone."""
    parts = [LEADING_JOINER.sub("", part.strip(" ,.")) for part in SPLIT.split(text)]
    parts = [part for part in parts if part]
    if len(parts) != MAX_QUESTIONS or any(len(part.split()) < MIN_WORDS for part in parts):
        return listed_topics(text) or joined_topics(text) or [text]
    return parts


def joined_topics(text: str) -> list[str]:
    """The two questions of one that joins two words with "and" ("whats the pay and hours
    like"), each with one of the words; or none. A clause after a comma makes it a sentence,
    not one short question."""
    words = text.split()
    text = " ".join(words)
    if len(words) > MAX_JOINED_WORDS or "," in text or ONE_QUESTION.search(text):
        return []
    if len(re.findall(r"\band\b|&", text, re.IGNORECASE)) != 1:
        return []
    joined = JOINED.match(text)
    if joined is None or {joined["x"].casefold(), joined["y"].casefold()} & NOT_A_TOPIC:
        return []
    left, right = joined["left"], joined["right"]
    return [f"{left}{joined['x']}{right}".strip(), f"{left}{joined['y']}{right}".strip()]


def listed_topics(text: str) -> list[str]:
    """The first two items of a list of topics ("pay, hours, growth"), or none."""
    lead = LIST_LEAD.match(text)
    if lead is not None and "," not in text[lead.end() :]:
        # "hours, pay, growth - give me the rundown": the lead-in after the list.
        lead = LIST_LEAD_AFTER.search(text)
    if lead is None:
        tail = text
    elif lead.start() == 0:
        tail = text[lead.end() :]
    else:
        tail = text[: lead.start()]
    items = [item.strip(" .?!") for item in LIST_SEPARATOR.split(tail)]
    items = [item for item in items if item]
    enough = MAX_QUESTIONS if lead else MIN_ITEMS_WITHOUT_LEAD
    if "," not in tail or len(items) < enough:
        return []
    # The two answered are a topic's name each; after a lead-in, a later item may be a short
    # question ("what u need to get in"), offered by the answers' buttons. Without one, every
    # item is a name: "one message and its answer, as the user saw it" is a sentence.
    later_words = MAX_LATER_ITEM_WORDS if lead else MAX_ITEM_WORDS
    if any(len(item.split()) > MAX_ITEM_WORDS for item in items[:MAX_QUESTIONS]):
        return []
    if any(len(item.split()) > later_words for item in items[MAX_QUESTIONS:]):
        return []
    return items[:MAX_QUESTIONS]
