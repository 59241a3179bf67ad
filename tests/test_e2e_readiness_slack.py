"""The readiness check in Slack, without Slack's servers: buttons clicked, answers typed.

The real servers with Slack on talk to the fake Slack Web API (tests/fake_slack.py); the test
posts signed events and `block_actions` clicks as Slack does, and reads what the bot posted.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from knowledge.loader import Knowledge
from tests.fake_slack import (
    FakeSlackApi,
    SlackEvents,
    blocks_of,
    button_click,
    fake_slack_api,
    message_event,
    shown_text,
    slack_id,
)
from tests.servers import running_stack

# Every test here starts the real servers (`make test-unit` leaves them out).
pytestmark = pytest.mark.server

# Made up per run, so nothing that looks like a real credential is ever committed.
TOKEN = "xoxb-" + secrets.token_hex(8)
SECRET = secrets.token_hex(16)
WEBHOOK = "/webhooks/slack/webhook"


@dataclass
class Conversation:
    """A direct message conversation of one user with the bot."""

    api: FakeSlackApi
    events: SlackEvents
    channel: str
    user: str

    def posts(self) -> list[dict[str, Any]]:
        return self.api.posts(self.channel)

    def say(self, text: str) -> dict[str, Any]:
        """Type `text`; return the bot's post in answer."""
        before = len(self.posts())
        assert (
            self.events.send_event(message_event(self.channel, self.user, text)).status_code == 200
        )
        return self.api.wait_for_posts(self.channel, before + 1)[before]

    def click(self, post: dict[str, Any], title: str) -> dict[str, Any]:
        """Click the button called `title` on `post`; return the bot's post in answer."""
        index = [button["title"] for button in buttons(post)].index(title)
        before = len(self.posts())
        assert self.events.send_click(button_click(post, self.user, index)).status_code == 200
        return self.api.wait_for_posts(self.channel, before + 1)[before]


@pytest.fixture(scope="module")
def slack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FakeSlackApi, SlackEvents]]:
    with (
        fake_slack_api() as api,
        running_stack(
            tmp_path_factory.mktemp("readiness-slack"),
            SLACK_BOT_TOKEN=TOKEN,
            SLACK_SIGNING_SECRET=SECRET,
            SLACK_API_URL=api.url,
        ) as stack,
    ):
        yield api, SlackEvents(stack.rasa_url + WEBHOOK, SECRET)


def buttons(post: dict[str, Any]) -> list[dict[str, str]]:
    return [
        {"title": element["text"]["text"], "payload": element["value"]}
        for block in blocks_of(post, "actions")
        for element in block["elements"]
    ]


def sections(post: dict[str, Any]) -> str:
    return shown_text(post, lambda kind: kind == "section")


def test_readiness_check_in_a_direct_message(slack, knowledge: Knowledge) -> None:
    api, events = slack
    chat = Conversation(api, events, slack_id("D"), slack_id("U"))
    requirements = knowledge.requirements
    messages = knowledge.messages

    first = chat.say("Am I ready to be a TPM?")
    assert messages["readiness_intro"] in sections(first)
    assert messages["readiness_ask_education_level"] in sections(first)
    assert [b["title"] for b in buttons(first)] == [
        level.label for level in requirements.levels.values()
    ]

    field = chat.click(first, requirements.levels["associate"].label)
    assert messages["readiness_ask_education_field"] in sections(field)
    assert messages["readiness_ask_it_experience_years"] in sections(chat.say("IT"))
    assert messages["readiness_ask_management_experience_years"] in sections(chat.say("four"))
    skills = chat.say("none")
    assert messages["readiness_ask_skills"] in sections(skills)
    picked = chat.click(skills, requirements.skills["leadership"].label)
    assert "So far: Leadership." in sections(picked)
    result = chat.click(picked, messages["readiness_done"])

    shown = sections(result)
    assert "You have: Leadership." in shown
    assert "Partly: Degree." in shown
    assert "Yours to judge: Field of study, IT experience." in shown
    context = shown_text(result, lambda kind: kind == "context")
    assert context.startswith(("Source: ", "Sources: "))
    assert [b["payload"].split("{")[0] for b in buttons(result)] == [
        "/tell_more",
        "/ask_evidence",
        "/ask_education",
        "/ask_experience",
        "/ask_skills",
    ]
    # The rest of the findings, one click at a time, and the passages behind them.
    more = chat.click(result, messages["tell_more_button"])
    details = sections(more)
    while "/tell_more" in [b["payload"].split("{")[0] for b in buttons(more)]:
        more = chat.click(more, messages["tell_more_button"])
        details += "\n" + sections(more)
    assert requirements.associate_route.text in details
    assert "• Field of study: you studied IT." in details
    assert requirements.field.text in details
    assert "you have an associate degree and 4 years of IT experience" in details
    assert requirements.management_experience.suggestion in details
    assert "• You said you have: Leadership." in details
    evidence = sections(chat.click(more, messages["evidence_button"]))
    assert knowledge.sources["job_description"].title in evidence
    leadership = requirements.skills["leadership"].requirement
    assert f"“{leadership.says[0].quotes[0].text}”" in evidence
