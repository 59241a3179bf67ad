"""What a Slack event or button click says: who wrote what, to whom, and where to answer.

Pure functions over the JSON Slack posts (an Events API envelope, a `block_actions` payload),
kept apart from channels/slack.py so the webhook reads as the steps it takes (check the
signature, drop what was answered, answer in the background) and these rules can be tested on
plain dicts: which messages are a person writing to the bot (never the bot itself, an edit or
another bot), the text the NLU gets (the bot's mention and Slack's markup taken out), the
conversation a message belongs to and the channel and thread its answer goes to.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

# Message subtypes that are still a person writing to the bot; every other subtype is an edit
# (message_changed), a deletion, a join, a bot post, ... and is never answered.
USER_SUBTYPES = frozenset({None, "file_share", "thread_broadcast"})
LEADING_MENTION = re.compile(r"^\s*<@[A-Z0-9]+(\|[^>]*)?>[\s,:]*")
# Slack's markup in message text: a link <url|label> or <url>, a mention <@U123|name>.
LINK = re.compile(r"<((?:https?|mailto):[^|>]*)(?:\|([^>]*))?>")


def bot_user_ids(body: Mapping[str, Any]) -> list[str]:
    """The bot's own user ids, as Slack names them in an event (`authorizations`)."""
    ids = [
        authorization.get("user_id")
        for authorization in body.get("authorizations") or []
        if isinstance(authorization, dict) and authorization.get("is_bot", True)
    ]
    ids += [user for user in body.get("authed_users") or [] if isinstance(user, str)]
    return [user_id for user_id in dict.fromkeys(ids) if user_id]


def clean_text(text: str, bot_ids: list[str], mention: bool) -> str:
    """What a person wrote, for the NLU: the bot's mention taken out, links as their text,
    Slack's &, < and > entities as the characters."""
    for bot_id in bot_ids:
        text = re.sub(rf"\s*<@{re.escape(bot_id)}(\|[^>]*)?>\s*", " ", text)
    if mention and not bot_ids:
        # No `authorizations` to name the bot: its mention is the one the text starts with.
        text = LEADING_MENTION.sub("", text, count=1)
    text = LINK.sub(lambda link: link.group(2) or link.group(1), text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip()


def conversation_id(granularity: str, user: str, channel: str | None, thread: str | None) -> str:
    """The Rasa conversation a Slack message belongs to (credentials.yml says which)."""
    if granularity == "channel" and channel:
        return f"{user}_{channel}"
    if granularity == "thread" and channel and thread:
        return f"{user}_{channel}_{thread}"
    return user


def is_message_to_answer(body: Mapping[str, Any]) -> bool:
    """A person's direct message to the bot, or a mention of it; nothing the bot wrote."""
    event = body.get("event")
    if not isinstance(event, dict) or event.get("type") not in ("message", "app_mention"):
        return False
    if event.get("subtype") not in USER_SUBTYPES:
        return False  # edits, deletions, joins, bot posts
    if event.get("bot_id") or event.get("bot_profile"):
        return False  # this bot's own messages, and other bots'
    if event.get("user") in bot_user_ids(body) or not event.get("user"):
        return False
    if event.get("type") == "message" and event.get("channel_type") != "im":
        return False  # a channel message that does not mention the bot
    return isinstance(event.get("text"), str) and bool(event["text"].strip())


def reply_place(event: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """Where to answer an event: its channel, and the thread (None: the channel itself)."""
    channel = event.get("channel")
    # `app_mention` events carry no channel_type; direct message channel ids start with D.
    direct = event.get("channel_type") == "im" or str(channel or "").startswith("D")
    thread = event.get("thread_ts") if direct else (event.get("thread_ts") or event.get("ts"))
    return channel, thread


def clicked_value(payload: Mapping[str, Any]) -> str | None:
    """The value of the button (or menu option) a `block_actions` payload reports."""
    actions = payload.get("actions")
    if not isinstance(actions, list) or not actions or not isinstance(actions[0], dict):
        return None
    action = actions[0]
    value = action.get("value") or (action.get("selected_option") or {}).get("value")
    return value if isinstance(value, str) and value else None
