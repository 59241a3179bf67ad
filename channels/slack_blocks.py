"""Rasa's bot messages as Slack Block Kit: what the Slack channel posts, without posting it.

Generic on purpose: a message's text becomes mrkdwn sections (cut at paragraph or word
boundaries to fit), its buttons an actions block whose clicks send each button's payload back,
an image an image block. How a message is shown is decided by data the action set, never by
its wording: a message marked as a footnote (knowledge/message_fields.py; the sources line under an
answer) becomes a context line, small and grey. Text is escaped, so what the knowledge file
or a user wrote is shown literally, never read as Slack markup.

Block Kit's limits (https://api.slack.com/reference/block-kit) are kept here: buttons over 25
go to a second actions block, a turn of over 50 blocks is posted as several messages.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from knowledge.message_fields import DISPLAY_KEY, FOOTNOTE

logger = logging.getLogger(__name__)

Block = dict[str, Any]

MESSAGE_MAX_BLOCKS = 50
SECTION_MAX_CHARS = 3000
CONTEXT_MAX_CHARS = 3000
ACTIONS_MAX_ELEMENTS = 25
BUTTON_TEXT_MAX_CHARS = 75
BUTTON_VALUE_MAX_CHARS = 2000
# Slack shows a message's `text` in notifications and where blocks cannot be shown.
FALLBACK_MAX_CHARS = 3000


def escape_mrkdwn(text: str) -> str:
    """Text as Slack shows it literally: &, < and > are Slack's markup characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def chunks(text: str, limit: int) -> list[str]:
    """`text` in pieces of at most `limit` characters, cut at paragraph or word boundaries."""
    pieces: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        cut = rest.rfind("\n\n", 0, limit)
        if cut <= 0:
            cut = rest.rfind(" ", 0, limit)
        if cut <= 0:
            cut = limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def shorten(text: str, limit: int) -> str:
    """`text`, cut to `limit` characters with an ellipsis when longer."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def text_blocks(text: str, display: str | None = None) -> list[Block]:
    """A text message: mrkdwn sections, or a context line when it is marked as a footnote."""
    shown = escape_mrkdwn(text.strip())
    if not shown:
        return []
    if display == FOOTNOTE and len(shown) <= CONTEXT_MAX_CHARS:
        return [{"type": "context", "elements": [{"type": "mrkdwn", "text": shown}]}]
    return [
        {"type": "section", "text": {"type": "mrkdwn", "text": piece}}
        for piece in chunks(shown, SECTION_MAX_CHARS)
    ]


def button_blocks(buttons: Iterable[dict[str, Any]]) -> list[Block]:
    """Rasa buttons (`title`, `payload`) as actions blocks; a click sends the payload back."""
    elements = []
    for button in buttons:
        title = str(button.get("title") or button.get("payload") or "").strip()
        payload = button.get("payload")
        if not title or not isinstance(payload, str) or len(payload) > BUTTON_VALUE_MAX_CHARS:
            logger.warning("Slack: skipped a button Slack cannot show: %r", button)
            continue
        elements.append(
            {
                "type": "button",
                "text": {
                    "type": "plain_text",
                    "text": shorten(title, BUTTON_TEXT_MAX_CHARS),
                    "emoji": True,
                },
                "value": payload,
            }
        )
    blocks = []
    for start in range(0, len(elements), ACTIONS_MAX_ELEMENTS):
        group = elements[start : start + ACTIONS_MAX_ELEMENTS]
        # Slack wants action ids unique within a block; the value tells clicks apart anyway.
        for index, element in enumerate(group):
            element["action_id"] = f"ask_{start + index}"
        blocks.append({"type": "actions", "elements": group})
    return blocks


def image_blocks(url: str) -> list[Block]:
    """An image, described by its address (Rasa's messages carry no other description)."""
    return [{"type": "image", "image_url": url, "alt_text": url}]


def display_of(fields: dict[str, Any]) -> str | None:
    """The display mark among the fields Rasa hands over with a message, if any."""
    display = fields.get(DISPLAY_KEY)
    return display if isinstance(display, str) else None


@dataclass
class Post:
    """One Slack message: where it goes, its blocks, and its plain text for notifications."""

    channel: str
    blocks: list[Block] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return escape_mrkdwn(shorten("\n\n".join(t for t in self.texts if t), FALLBACK_MAX_CHARS))


def posts(parts: Iterable[tuple[str, list[Block], str]]) -> list[Post]:
    """Consecutive (channel, blocks, text) parts as few posts as Block Kit's limits allow.

    Parts for one channel are joined while they fit in one message; a part over the limit on
    its own is cut into several.
    """
    result: list[Post] = []
    for channel, blocks, text in parts:
        if not blocks:
            continue
        last = result[-1] if result else None
        if (
            last is None
            or last.channel != channel
            or len(last.blocks) + len(blocks) > MESSAGE_MAX_BLOCKS
        ):
            last = Post(channel)
            result.append(last)
        last.texts.append(text)
        for block in blocks:
            if len(last.blocks) == MESSAGE_MAX_BLOCKS:
                last = Post(channel, texts=[text])
                result.append(last)
            last.blocks.append(block)
    return result
