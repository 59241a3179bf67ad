"""End to end over Slack, without Slack's servers.

The real action server and Rasa server (with the project's credentials.yml) talk to a fake Slack
Web API on loopback (SLACK_API_URL); the tests post to the Slack request URL exactly what Slack
posts: signed event envelopes and button-click payloads, retries included. What the bot says is
what it posted to the fake `chat.postMessage`.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from knowledge.loader import Knowledge
from tests.fake_slack import (
    BOT_ID,
    BOT_USER_ID,
    button_click,
    envelope,
    mention_event,
    message_event,
    shown_text,
    slack_id,
    slack_ts,
)
from tests.servers import Stack
from tests.slack_world import (
    TOKEN,
    WEBHOOK,
    SlackWorld,
    assert_answer,
    buttons,
    clicked_topic,
    context_text,
    section_text,
    settle,
    slack_world,
)

# Every test here starts the real servers (`make test-unit` leaves them out).
pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def slack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SlackWorld]:
    """Both servers with Slack on, its Web API being the fake one."""
    with slack_world(tmp_path_factory.mktemp("slack")) as world:
        yield world


def test_direct_message_is_answered_with_its_sources_and_buttons(
    slack: SlackWorld, knowledge: Knowledge
) -> None:
    channel, user = slack_id("D"), slack_id("U")
    response = slack.events.send_event(message_event(channel, user, "How much does a TPM earn?"))
    assert response.status_code == 200

    [post] = slack.api.wait_for_posts(channel)
    # One Slack message: the answer, its sources as a context line, the follow-ups as buttons.
    assert [block["type"] for block in post["blocks"]] == ["section", "context", "actions"]
    assert_answer(post, knowledge, "salary")
    shown = shown_text(post)
    assert "$99,910" in shown and "$88,000" in shown
    for source in knowledge.default_role.answers["salary"].sources:
        assert source.title in context_text(post)
    # In the DM itself, not in a thread; with the bot token; a notification text for phones.
    assert "thread_ts" not in post
    [call] = [c for c in slack.api.calls if c.arguments.get("channel") == channel]
    assert call.authorization == f"Bearer {TOKEN}"
    assert "$99,910" in post["text"]


def test_mention_in_a_channel_is_answered_in_its_thread(
    slack: SlackWorld, knowledge: Knowledge
) -> None:
    channel, user = slack_id("C"), slack_id("U")
    event = mention_event(channel, user, "What does a technical project manager do?")
    assert slack.events.send_event(event).status_code == 200
    [post] = slack.api.wait_for_posts(channel)
    assert post["thread_ts"] == event["ts"]
    assert_answer(post, knowledge, "overview")

    # Mentioned again inside an existing thread: answered in that thread.
    root = slack_ts()
    reply = mention_event(channel, user, "How much does a TPM earn?", thread_ts=root)
    assert slack.events.send_event(reply).status_code == 200
    posts = slack.api.wait_for_posts(channel, 2)
    assert posts[1]["thread_ts"] == root
    assert_answer(posts[1], knowledge, "salary")


def test_button_click_is_answered_like_a_typed_question(
    slack: SlackWorld, knowledge: Knowledge
) -> None:
    channel, user = slack_id("D"), slack_id("U")
    slack.events.send_event(message_event(channel, user, "How much does a TPM earn?"))
    [answer] = slack.api.wait_for_posts(channel)

    # The salary answer has more: "Tell me more" and "Show the source text" come first.
    click = button_click(answer, user, button_index=3)
    response = slack.events.send_click(click)
    assert response.status_code == 200
    posts = slack.api.wait_for_posts(channel, 2)
    topic_key = clicked_topic(click["actions"][0]["value"], knowledge)
    assert_answer(posts[1], knowledge, topic_key)
    assert "thread_ts" not in posts[1]


def test_button_click_in_a_thread_is_answered_in_that_thread(
    slack: SlackWorld, knowledge: Knowledge
) -> None:
    channel, user = slack_id("C"), slack_id("U")
    event = mention_event(channel, user, "How much does a TPM earn?")
    slack.events.send_event(event)
    [answer] = slack.api.wait_for_posts(channel)

    # Anyone in the channel may click; the first follow-up after "Tell me more" and the source.
    click = button_click(answer, slack_id("U"), button_index=2)
    assert slack.events.send_click(click).status_code == 200
    posts = slack.api.wait_for_posts(channel, 2)
    assert posts[1]["thread_ts"] == event["ts"]
    assert_answer(posts[1], knowledge, clicked_topic(click["actions"][0]["value"], knowledge))


def test_tell_me_more_and_the_source_text_are_buttons_in_slack_too(
    slack: SlackWorld, knowledge: Knowledge
) -> None:
    channel, user = slack_id("D"), slack_id("U")
    slack.events.send_event(message_event(channel, user, "What does a TPM do on a typical day?"))
    [answer] = slack.api.wait_for_posts(channel)
    daily = knowledge.default_role.answers["daily_duties"]
    assert section_text(answer) == daily.text
    titles = [button["title"] for button in buttons(answer)]
    assert titles[:2] == ["Tell me more", "Show the source text"]

    assert slack.events.send_click(button_click(answer, user, button_index=0)).status_code == 200
    more = slack.api.wait_for_posts(channel, 2)[1]
    assert section_text(more) == daily.more[0].text
    assert context_text(more).startswith(("Source: ", "Sources: "))

    evidence_index = [b["title"] for b in buttons(more)].index("Show the source text")
    click = button_click(more, user, button_index=evidence_index)
    assert slack.events.send_click(click).status_code == 200
    shown = section_text(slack.api.wait_for_posts(channel, 3)[2])
    for quote in daily.more[0].quotes:
        assert f"“{quote.text}”" in shown
        assert quote.source.title in shown
    # Typed, in the same conversation, it is the same request.
    slack.events.send_event(message_event(channel, user, "where does it say that?"))
    again = section_text(slack.api.wait_for_posts(channel, 4)[3])
    assert again == shown
    # Slack keeps the buttons of older messages: the first answer's follows up the first answer.
    first_index = [b["title"] for b in buttons(answer)].index("Show the source text")
    click = button_click(answer, user, button_index=first_index)
    assert slack.events.send_click(click).status_code == 200
    first_shown = section_text(slack.api.wait_for_posts(channel, 5)[4])
    for quote in daily.first.quotes:
        assert f"“{quote.text}”" in first_shown
    assert daily.more[0].quotes[0].text not in first_shown


UNSIGNED = {
    "bad signature": {"secret": "not-the-signing-secret"},
    "missing signature": {"signed": False},
    "timestamp older than five minutes": {"timestamp": -301},
}


@pytest.mark.parametrize("case", list(UNSIGNED))
def test_requests_not_signed_by_slack_are_rejected_and_not_answered(
    slack: SlackWorld, knowledge: Knowledge, case: str
) -> None:
    options = dict(UNSIGNED[case])
    if "timestamp" in options:
        # Correctly signed, but for a time more than five minutes ago: a replay.
        options["timestamp"] += int(time.time())
    channel, user = slack_id("D"), slack_id("U")

    event = slack.events.send_event(
        message_event(channel, user, "How much does a TPM earn?"), **options
    )
    assert event.status_code == 401
    fake_post = {
        "channel": channel,
        "text": "Source: ...",
        "blocks": [
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "action_id": "ask_0",
                        "text": {"type": "plain_text", "text": "What does a TPM earn?"},
                        "value": '/ask_salary{"role":"technical project manager"}',
                    }
                ],
            }
        ],
    }
    click = slack.events.send_click(button_click(fake_post, user), **options)
    assert click.status_code == 401
    challenge = slack.events.send_json(
        {"type": "url_verification", "challenge": "abc", "token": "x"}, **options
    )
    assert challenge.status_code == 401 and "abc" not in challenge.text

    # Only the one signed question afterwards gets an answer.
    assert len(settle(slack, channel, user, knowledge)) == 1


def test_url_verification_challenge_is_answered(slack: SlackWorld) -> None:
    challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"
    response = slack.events.send_json(
        {"token": "unused", "challenge": challenge, "type": "url_verification"}
    )
    assert response.status_code == 200
    assert response.json() == {"challenge": challenge}


def test_an_event_delivered_three_times_is_answered_once(
    slack: SlackWorld, knowledge: Knowledge
) -> None:
    channel, user = slack_id("D"), slack_id("U")
    event = message_event(channel, user, "How much does a TPM earn?")
    event_id = slack_id("Ev")

    def deliver(retry: int | None = None, reason: str = "http_error") -> requests.Response:
        # Slack signs every delivery afresh; a retry carries the same event and event id.
        headers = {} if retry is None else {"X-Slack-Retry-Num": str(retry)}
        if retry is not None:
            headers["X-Slack-Retry-Reason"] = reason
        return slack.events.send_event(event, event_id, headers=headers)

    # A retry while the first delivery is still being answered (Rasa would answer it again:
    # it only drops retries whose reason is http_timeout) ...
    assert deliver().status_code == 200
    first_retry = deliver(1, "http_error")
    assert first_retry.status_code == 200
    slack.api.wait_for_posts(channel)
    # ... and one after the answer was posted.
    second_retry = deliver(2, "http_timeout")
    assert second_retry.status_code == 200
    assert first_retry.headers.get("X-Slack-No-Retry") == "1"
    assert second_retry.headers.get("X-Slack-No-Retry") == "1"

    posts = settle(slack, channel, user, knowledge)
    assert len(posts) == 2
    assert_answer(posts[0], knowledge, "salary")


def test_one_message_delivered_as_two_events_is_answered_once(
    slack: SlackWorld, knowledge: Knowledge
) -> None:
    """A mention in a DM can arrive as `message` and as `app_mention`, with two event ids."""
    channel, user = slack_id("D"), slack_id("U")
    question = message_event(channel, user, f"<@{BOT_USER_ID}> How much does a TPM earn?")
    as_mention = {k: v for k, v in question.items() if k != "channel_type"}
    as_mention["type"] = "app_mention"  # app_mention events carry no channel_type
    assert slack.events.send_event(as_mention).status_code == 200
    assert slack.events.send_event(question).status_code == 200
    posts = settle(slack, channel, user, knowledge)
    assert len(posts) == 2
    assert_answer(posts[0], knowledge, "salary")
    assert "thread_ts" not in posts[0]  # a direct message, mention or not: no thread


def test_the_bots_own_messages_and_edits_are_ignored(
    slack: SlackWorld, knowledge: Knowledge
) -> None:
    channel, user = slack_id("D"), slack_id("U")
    question = "How much does a TPM earn?"
    profile = {"id": BOT_ID, "name": "TPM assistant", "team_id": "T0TESTTEAM"}

    def edit(author: dict[str, Any]) -> dict[str, Any]:
        ts = slack_ts()
        return {
            "type": "message",
            "subtype": "message_changed",
            "hidden": True,
            "channel": channel,
            "channel_type": "im",
            "ts": slack_ts(),
            "event_ts": slack_ts(),
            "message": {"type": "message", "text": question, "ts": ts, **author},
            "previous_message": {"type": "message", "text": "How much?", "ts": ts, **author},
        }

    bot_fields = {"bot_id": BOT_ID, "bot_profile": profile}
    bot = {"user": BOT_USER_ID, **bot_fields}
    ignored = {
        "the bot's own answer": message_event(channel, BOT_USER_ID, question, **bot_fields),
        "the bot's user without a bot id": message_event(channel, BOT_USER_ID, question),
        "another app's bot_message": message_event(
            channel, "", question, subtype="bot_message", bot_id="B0OTHERBOT"
        ),
        "an edit of the bot's message": edit(bot),
        "an edit of the user's question": edit({"user": user}),
        "a deletion": {
            "type": "message",
            "subtype": "message_deleted",
            "hidden": True,
            "channel": channel,
            "channel_type": "im",
            "ts": slack_ts(),
            "deleted_ts": slack_ts(),
            "previous_message": {"type": "message", "user": user, "text": question},
        },
    }
    for name, event in ignored.items():
        response = slack.events.send_event(event)
        assert response.status_code == 200, name

    posts = settle(slack, channel, user, knowledge)
    assert len(posts) == 1, [section_text(post) for post in posts]


def test_slack_is_off_without_its_variables_and_the_rest_runs(stack: Stack) -> None:
    """The default stack has SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET empty."""
    body = envelope(message_event(slack_id("D"), slack_id("U"), "How much does a TPM earn?"))
    response = requests.post(stack.rasa_url + WEBHOOK, json=body, timeout=30)
    assert response.status_code == 503
    assert "Slack is not configured" in response.text
    health = requests.get(stack.rasa_url + "/webhooks/slack/", timeout=30)
    assert health.json() == {"status": "ok", "configured": False}
    assert "$99,910" in stack.send(slack_id("rest-"), "How much does a TPM earn?")[0]["text"]
