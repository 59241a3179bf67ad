"""The asker's own job, end to end: remembered, never taken for the role asked about, and offered
to the readiness check; over REST and in the web chat, on the real servers and model."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from knowledge.loader import Knowledge
from tests.browser_chat import Chat
from tests.servers import Stack

# Every test here starts the real servers (`make test-unit` leaves them out).
pytestmark = pytest.mark.server

QUESTION = "I work as a project scheduler. What would it take to become a TPM?"


def texts(messages: list[dict]) -> list[str]:
    return [message.get("text", "") for message in messages]


def test_the_askers_role_reaches_the_readiness_check_over_rest(
    stack: Stack, knowledge: Knowledge
) -> None:
    sender = f"asker-{uuid.uuid4().hex[:12]}"
    messages = knowledge.messages
    reply = stack.send(sender, QUESTION)
    said = texts(reply)
    # Answered for the TPM (what it takes to become one), not for the scheduler.
    tpm = knowledge.default_role
    becoming = {tpm.answers[key].first.text for key in ("education", "experience")}
    assert becoming & set(said), said
    assert not any("project scheduler" in text.lower() for text in said[:-1]), said
    offer = messages["offer_readiness_asker"].format(asker="a project scheduler")
    assert said[-1] == offer
    assert [b["title"] for b in reply[-1]["buttons"]] == [
        messages["offer_readiness_yes"],
        messages["offer_readiness_no"],
    ]
    # "yes" starts the check, which says it heard the asker's job.
    started = texts(stack.send(sender, "yes"))
    assert started == [
        messages["readiness_asker"].format(asker="a project scheduler"),
        messages["readiness_intro"],
        messages["readiness_ask_education_level"],
    ]
    # The asker's job is remembered: asked for the check later, it is said again.
    stack.send(sender, "stop")
    again = texts(stack.send(sender, "Am I ready to be a TPM?"))
    assert again[0] == messages["readiness_asker"].format(asker="a project scheduler")


def test_a_job_wished_for_is_not_the_askers(stack: Stack, knowledge: Knowledge) -> None:
    sender = f"asker-{uuid.uuid4().hex[:12]}"
    said = texts(stack.send(sender, "What degree do I need to become a TPM?"))
    prefix = knowledge.messages["offer_readiness_asker"].split("{", 1)[0]
    assert not any(text.startswith(prefix) for text in said), said


def test_the_askers_role_reaches_the_readiness_check_in_the_web_chat(
    chat: Chat, knowledge: Knowledge
) -> None:
    messages = knowledge.messages
    chat.ask("As a project coordinator, what experience do I need to become a TPM?")
    turn = chat.groups.last
    offer = messages["offer_readiness_asker"].format(asker="a project coordinator")
    expect(turn.locator(".rw-message-text").last).to_have_text(offer)
    answer = knowledge.default_role.answers["experience"].first.text
    expect(turn.locator(".rw-message-text").first).to_have_text(answer)
    chat.quick_reply(messages["offer_readiness_yes"]).click()
    chat.expect_reply(
        [
            messages["readiness_asker"].format(asker="a project coordinator"),
            messages["readiness_intro"],
            messages["readiness_ask_education_level"],
        ],
        [level.label for level in knowledge.requirements.levels.values()],
    )
    assert chat.errors == []


def test_two_questions_with_a_note_stay_within_four_messages(stack: Stack) -> None:
    """An answer that opens with what the sources leave out is three messages: a message asking
    two things is then answered as one, never in five."""
    sender = f"asker-{uuid.uuid4().hex[:12]}"
    reply = stack.send(sender, "how much do tpms make in the uk and do they need a degree")
    assert 1 <= len(reply) <= 4, texts(reply)
    # Either question may be the one answered; its note says the sources leave out the UK.
    notes = ("My sources give no figure for the UK", "My sources don't speak of the UK")
    assert texts(reply)[0].startswith(notes), texts(reply)
    # Without a note, both questions are still answered.
    both = stack.send(sender, "how much do tpms make and do they need a degree")
    assert len(both) == 4, texts(both)


def test_someone_weighing_a_move_is_offered_the_check_after_the_weighing_up(
    stack: Stack, knowledge: Knowledge
) -> None:
    """ "Is the move worth it?" from someone who said their job: what the sources say of the
    career, then the offer to compare that job's background with what a TPM needs."""
    sender = f"asker-{uuid.uuid4().hex[:12]}"
    said = texts(stack.send(sender, "im a network engineer. is tpm a good career to move into?"))
    assert said[0] == knowledge.default_role.answers["outlook"].text
    assert said[-1] == knowledge.messages["offer_readiness_asker"].format(
        asker="a network engineer"
    )


def test_saying_only_what_one_does_is_offered_the_check(stack: Stack, knowledge: Knowledge) -> None:
    """ "i work as a scheduler" asks nothing of working hours: the check is offered to them."""
    sender = f"asker-{uuid.uuid4().hex[:12]}"
    said = texts(stack.send(sender, "i work as a scheduler"))
    assert said == [knowledge.messages["offer_readiness_asker"].format(asker="a project scheduler")]


def test_how_to_become_one_after_saying_what_one_does_is_about_the_tpm(
    stack: Stack, knowledge: Knowledge
) -> None:
    """The conversation turned to the asker's own job; "one" they would become is the TPM."""
    sender = f"asker-{uuid.uuid4().hex[:12]}"
    stack.send(sender, "im a coordinator")
    stack.send(sender, "what does a coordinator do")
    said = texts(stack.send(sender, "so how would i become one"))
    tpm = knowledge.default_role
    becoming = {tpm.answers[key].first.text for key in ("education", "experience")}
    assert becoming & set(said), said
