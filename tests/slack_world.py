"""The Slack end-to-end tests' world and how they read what the bot posted.

tests/test_e2e_slack.py runs the real servers with Slack on against the fake Slack Web API
(tests/fake_slack.py); what its tests share is here, so the test module holds only the tests:
the world they run in (servers, fake API, signed requests), the parts of a post a person sees
(its text, sources line and buttons), the check that a post is the TPM's answer on a topic, and
`settle`, which waits until nothing more will be posted.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from actions.replies import answer_buttons_for, sources_line
from knowledge.loader import Knowledge
from tests.fake_slack import (
    FakeSlackApi,
    SlackEvents,
    blocks_of,
    fake_slack_api,
    mention_event,
    message_event,
    shown_text,
)
from tests.servers import Stack, running_stack

# Made up per run, so nothing that looks like a real credential is ever committed.
TOKEN = "xoxb-" + secrets.token_hex(8)
SECRET = secrets.token_hex(16)
WEBHOOK = "/webhooks/slack/webhook"
# How long to keep watching for a post that must not come, once the last expected one is in.
QUIET_SECONDS = 1.5


@dataclass
class SlackWorld:
    stack: Stack
    api: FakeSlackApi
    events: SlackEvents


@contextmanager
def slack_world(work: Path) -> Iterator[SlackWorld]:
    """Both servers with Slack on, its Web API being the fake one."""
    with (
        fake_slack_api() as api,
        running_stack(
            work,
            SLACK_BOT_TOKEN=TOKEN,
            SLACK_SIGNING_SECRET=SECRET,
            SLACK_API_URL=api.url,
        ) as stack,
    ):
        yield SlackWorld(stack, api, SlackEvents(stack.rasa_url + WEBHOOK, SECRET))


def section_text(post: dict[str, Any]) -> str:
    return shown_text(post, lambda kind: kind == "section")


def context_text(post: dict[str, Any]) -> str:
    return shown_text(post, lambda kind: kind == "context")


def buttons(post: dict[str, Any]) -> list[dict[str, str]]:
    return [
        {"title": element["text"]["text"], "payload": element["value"]}
        for block in blocks_of(post, "actions")
        for element in block["elements"]
    ]


def assert_answer(post: dict[str, Any], knowledge: Knowledge, topic_key: str) -> None:
    """`post` is the TPM's answer on `topic_key`: text, sources line, follow-up buttons."""
    role = knowledge.default_role
    answer = role.answers[topic_key]
    # Not a test module, so pytest does not rewrite these asserts: each says what it got.
    assert section_text(post) == answer.text, section_text(post)
    assert context_text(post) == sources_line(answer.sources), context_text(post)
    expected = answer_buttons_for(knowledge, role, knowledge.topics[topic_key], answer)
    assert buttons(post) == expected, buttons(post)


def settle(world: SlackWorld, channel: str, user: str, knowledge: Knowledge) -> list[dict]:
    """Ask one last question in `channel`; once it is answered, return all of `channel`'s posts.

    Anything the requests before it were going to post is posted by then: each message of a
    conversation is handled in turn, so a stray answer cannot come after this one's.
    """
    before = len(world.api.posts(channel))
    question = "What are the working hours of a TPM?"
    if channel.startswith("D"):
        event = message_event(channel, user, question)
    else:
        event = mention_event(channel, user, question)
    response = world.events.send_event(event)
    assert response.status_code == 200, (response.status_code, response.text)
    world.api.wait_for_posts(channel, before + 1)
    time.sleep(QUIET_SECONDS)
    posts = world.api.posts(channel)
    assert_answer(posts[-1], knowledge, "working_hours")
    return posts


def clicked_topic(payload: str, knowledge: Knowledge) -> str:
    """The topic a button payload such as `/ask_salary{"role": "..."}` asks about."""
    intent, _, entities = payload[1:].partition("{")
    assert json.loads("{" + entities)["role"] in knowledge.default_role.aliases, payload
    topic = knowledge.topic_for_intent(intent)
    assert topic is not None, payload
    return topic.key
