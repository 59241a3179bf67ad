"""The readiness check in the web chat: a real browser on the real page, quick replies clicked.

Uses the browser, page server and chat fixtures of tests/browser_chat.py (same Chromium, same
servers); the answers are typed into the widget or clicked as its quick replies.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from actions.replies import sources_line
from knowledge.loader import Knowledge
from tests.browser_chat import Chat

# Every test here starts the real servers (`make test-unit` leaves them out).
pytestmark = pytest.mark.server


def test_readiness_check_with_quick_replies(chat: Chat, knowledge: Knowledge) -> None:
    requirements = knowledge.requirements
    messages = knowledge.messages
    skills = [skill.label for skill in requirements.skills.values()]

    chat.ask("Am I ready to be a TPM?")
    chat.expect_reply(
        [messages["readiness_intro"], messages["readiness_ask_education_level"]],
        [level.label for level in requirements.levels.values()],
    )
    chat.quick_reply(requirements.levels["associate"].label).click()
    chat.expect_reply([messages["readiness_ask_education_field"]], [])
    chat.ask("information technology")
    chat.expect_reply([messages["readiness_ask_it_experience_years"]], [])
    chat.ask("banana")
    chat.expect_reply(
        [messages["readiness_retry_years"], messages["readiness_ask_it_experience_years"]], []
    )
    chat.ask("5 years")
    chat.expect_reply([messages["readiness_ask_management_experience_years"]], [])
    chat.ask("about 1")
    chat.expect_reply(
        [messages["readiness_ask_skills"]], [*skills, messages["readiness_no_skills"]]
    )
    chat.expect_accessible()  # inside the check, its skill buttons on screen
    chat.quick_reply("Communication").click()
    chat.expect_reply(
        [messages["readiness_skills_so_far"].format(skills="Communication")],
        [*skills[1:], messages["readiness_done"]],
    )
    chat.quick_reply(messages["readiness_done"]).click()

    result = chat.groups.last
    expect(result).to_contain_text("You have: Communication.")
    expect(result).to_contain_text("Partly: Degree.")
    expect(result).to_contain_text("Yours to judge: Field of study, IT experience.")
    expect(result.locator(".rw-message-text").last).to_have_text(
        sources_line((knowledge.sources["job_description"],))
    )
    assert chat.errors == []
