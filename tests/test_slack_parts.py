"""The Slack channel's parts on their own: rendering by data, options, text, signatures."""

from __future__ import annotations

import asyncio
import time
from types import SimpleNamespace
from typing import Any

import pytest
from rasa.shared.exceptions import InvalidConfigException
from rasa_sdk.executor import CollectingDispatcher
from slack_sdk.signature import SignatureVerifier

from actions.dispatching import send
from actions.replies import answer_messages
from actions.short_replies import ActionShortReply
from channels.slack import (
    SlackChannel,
    SlackReply,
    clean_text,
    conversation_id,
    is_message_to_answer,
)
from channels.slack_blocks import posts, text_blocks
from knowledge.loader import Knowledge
from knowledge.message_fields import DISPLAY_KEY, FOOTNOTE
from tests.fake_slack import envelope, mention_event, message_event, slack_id
from tests.trackers import in_conversation

DOMAIN: dict[str, Any] = {"session_config": {"carry_over_slots_to_new_session": True}}


class RecordingReply(SlackReply):
    """A buffered SlackReply that records chat.postMessage arguments instead of calling Slack."""

    def __init__(self) -> None:
        super().__init__("xoxb-test", "D0CHANNEL", buffered=True)
        self.posted: list[dict[str, Any]] = []

    async def post_message(self, channel: str, **kwargs: Any) -> None:
        self.posted.append({"channel": channel, **kwargs})


def rendered(messages: list[dict[str, Any]]) -> list[str]:
    """The block types of one turn of `messages`, as Rasa hands them to the channel."""
    reply = RecordingReply()

    async def run() -> None:
        for message in messages:
            await reply.send_response("U0USER", dict(message))
        await reply.flush()

    asyncio.run(run())
    return [block["type"] for post in reply.posted for block in post["blocks"]]


def test_a_footnote_is_known_by_its_mark_not_by_its_wording() -> None:
    button = {"title": "Show the source text", "payload": '/show_source{"source":"profile"}'}
    marked = {"text": "Quellen: ein Artikel", "buttons": [button], DISPLAY_KEY: FOOTNOTE}
    assert rendered([{"text": "An answer."}, marked]) == ["section", "context", "actions"]
    # Worded like a sources line but not marked: an ordinary section.
    assert rendered([{"text": "Source: a line someone typed"}]) == ["section"]


def test_any_button_is_drawn_alike_whatever_it_does() -> None:
    reply = RecordingReply()
    button = {"title": "Show the source text", "payload": '/show_source{"source":"profile"}'}
    asyncio.run(reply.send_text_with_buttons("U0USER", "Read it yourself:", [button]))
    asyncio.run(reply.flush())
    [post] = reply.posted
    [element] = post["blocks"][1]["elements"]
    assert element["text"]["text"] == button["title"] and element["value"] == button["payload"]


def test_the_answers_sources_line_carries_the_footnote_mark(knowledge: Knowledge) -> None:
    role = knowledge.default_role
    topic = knowledge.topics["salary"]
    answer, sources = answer_messages(knowledge, role, topic, role.answers["salary"])
    assert DISPLAY_KEY not in answer and sources[DISPLAY_KEY] == FOOTNOTE
    # rasa_sdk sends the mark to Rasa with the message (serving.rasa_seam relies on it).
    dispatcher = CollectingDispatcher()
    send(dispatcher, [answer, sources])
    assert dispatcher.messages[1][DISPLAY_KEY] == FOOTNOTE


def test_a_repeated_sources_line_is_still_a_footnote() -> None:
    before = [
        {"text": "An answer.", "data": {}, "metadata": {}},
        {"text": "Sources: two", "data": {"buttons": []}, "metadata": {DISPLAY_KEY: FOOTNOTE}},
    ]
    dispatcher = CollectingDispatcher()
    tracker = in_conversation("repeat", "say that again", before=before)
    asyncio.run(ActionShortReply().run(dispatcher, tracker, DOMAIN))
    assert [m.get(DISPLAY_KEY) for m in dispatcher.messages] == [None, FOOTNOTE]


def test_a_long_turn_is_cut_into_posts_of_fifty_blocks() -> None:
    parts = [("D1", text_blocks(f"line {n}"), f"line {n}") for n in range(60)]
    parts.append(("D2", text_blocks("elsewhere"), "elsewhere"))
    assert [(post.channel, len(post.blocks)) for post in posts(parts)] == [
        ("D1", 50),
        ("D1", 10),
        ("D2", 1),
    ]


def test_options_the_channel_does_not_use_are_refused() -> None:
    with pytest.raises(InvalidConfigException, match="proxy, use_threads"):
        SlackChannel.from_credentials(
            {"slack_token": "", "slack_signing_secret": "", "proxy": "x", "use_threads": True}
        )
    with pytest.raises(InvalidConfigException, match="conversation_granularity 'team'"):
        SlackChannel.from_credentials({"conversation_granularity": "team"})


def test_text_reaches_the_nlu_without_slack_markup() -> None:
    bot = "U0BOT"
    assert clean_text(f"<@{bot}> what does a TPM earn?", [bot], mention=True) == (
        "what does a TPM earn?"
    )
    assert clean_text("<@U0BOT|tpm> hi", [], mention=True) == "hi"
    assert clean_text("see <https://example.org/a|example.org> &amp; more", [], False) == (
        "see example.org & more"
    )
    assert clean_text("<mailto:ada@example.org|ada@example.org> &lt;3", [], False) == (
        "ada@example.org <3"
    )


def test_conversations_follow_the_configured_granularity() -> None:
    assert conversation_id("sender", "U1", "C1", "1.0") == "U1"
    assert conversation_id("channel", "U1", "C1", "1.0") == "U1_C1"
    assert conversation_id("thread", "U1", "C1", "1.0") == "U1_C1_1.0"
    assert conversation_id("thread", "U1", "D1", None) == "U1"


def test_only_direct_messages_and_mentions_are_answered() -> None:
    channel, user = slack_id("C"), slack_id("U")
    assert is_message_to_answer(envelope(mention_event(channel, user, "what is a TPM?")))
    assert is_message_to_answer(envelope(message_event(slack_id("D"), user, "hi")))
    in_channel = message_event(channel, user, "chatting with colleagues", channel_type="channel")
    assert not is_message_to_answer(envelope(in_channel))


def signed_request(secret: str, body: bytes, timestamp: str) -> Any:
    signature = SignatureVerifier(secret).generate_signature(timestamp=timestamp, body=body)
    headers = {"x-slack-request-timestamp": timestamp, "x-slack-signature": signature}
    return SimpleNamespace(body=body, headers=headers)


def test_the_signature_is_checked_by_slack_sdk() -> None:
    channel = SlackChannel.from_credentials({"slack_token": "xoxb-1", "slack_signing_secret": "s"})
    now = str(int(time.time()))
    body = b'{"type": "event_callback"}'
    assert channel.is_signed_by_slack(signed_request("s", body, now))
    assert not channel.is_signed_by_slack(signed_request("other secret", body, now))
    assert not channel.is_signed_by_slack(signed_request("s", body, str(int(now) - 301)))
    not_a_number = signed_request("s", body, now)
    not_a_number.headers["x-slack-request-timestamp"] = "soon"
    assert not channel.is_signed_by_slack(not_a_number)
    assert not channel.is_signed_by_slack(SimpleNamespace(body=body, headers={}))
