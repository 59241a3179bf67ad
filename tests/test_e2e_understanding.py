"""End to end over REST: short replies, commands, follow-ups and role typos on the real servers.

These are the conversations that used to break: "yes" filled the chat with ten fallbacks,
"/restart" got no reply, "and a project coordinator?" got the wrong topic, a misspelt role was
unknown, and a declined request's word was carried into the next question as a role.
"""

from __future__ import annotations

import uuid

import pytest

from knowledge.loader import Knowledge
from tests.servers import Stack

# Every test here starts the real servers (`make test-unit` leaves them out).
pytestmark = pytest.mark.server


def new_sender() -> str:
    return f"short-{uuid.uuid4().hex[:12]}"


def texts(messages: list[dict]) -> list[str]:
    return [message.get("text", "") for message in messages]


def test_yes_out_of_the_blue_gets_one_reply(stack: Stack, knowledge: Knowledge) -> None:
    sender = new_sender()
    assert texts(stack.send(sender, "yes")) == [knowledge.messages["affirm_nothing_offered"]]
    # The next question is answered normally: nothing of the "yes" is left over.
    answer = knowledge.default_role.answers["salary"].text
    assert texts(stack.send(sender, "What does a TPM earn?"))[0] == answer


def test_a_stray_answer_offers_the_check_and_yes_starts_it(
    stack: Stack, knowledge: Knowledge
) -> None:
    sender = new_sender()
    assert texts(stack.send(sender, "5")) == [knowledge.messages["offer_readiness"]]
    started = texts(stack.send(sender, "yes"))
    assert started == [
        knowledge.messages["readiness_intro"],
        knowledge.messages["readiness_ask_education_level"],
    ]


def test_no_to_the_offer_declines_it(stack: Stack, knowledge: Knowledge) -> None:
    sender = new_sender()
    stack.send(sender, "computer science")
    assert texts(stack.send(sender, "no thanks")) == [knowledge.messages["declined_offer"]]


def test_a_hesitation_is_no_yes_and_the_offer_still_stands(
    stack: Stack, knowledge: Knowledge
) -> None:
    sender = new_sender()
    [offer] = stack.send(sender, "5")
    [again] = stack.send(sender, "hmm")
    assert again["text"] == knowledge.messages["hesitate_offered"]
    assert again["buttons"] == offer["buttons"]
    assert texts(stack.send(sender, "yes"))[0] == knowledge.messages["readiness_intro"]
    # With nothing offered, a hesitation points to what can be asked.
    sender = new_sender()
    assert texts(stack.send(sender, "let me think")) == [
        knowledge.messages["hesitate_nothing_offered"]
    ]


def test_the_offer_button_starts_the_check(stack: Stack, knowledge: Knowledge) -> None:
    sender = new_sender()
    [offer] = stack.send(sender, "bachelor's degree")
    yes = offer["buttons"][0]["payload"]
    assert texts(stack.send(sender, yes))[0] == knowledge.messages["readiness_intro"]


def test_restart_session_start_and_back_are_answered(stack: Stack, knowledge: Knowledge) -> None:
    sender = new_sender()
    stack.send(sender, "What does a TPM earn?")
    assert texts(stack.send(sender, "/restart")) == [knowledge.messages["greeting"]]
    assert texts(stack.send(sender, "/session_start")) == [knowledge.messages["greeting"]]
    stack.send(sender, "What does a TPM earn?")
    [back] = stack.send(sender, "/back")
    assert back["text"].startswith("All right, I've gone back one step")


def test_a_follow_up_naming_only_a_role_keeps_the_topic(stack: Stack, knowledge: Knowledge) -> None:
    sender = new_sender()
    stack.send(sender, "Whom does a TPM report to?")
    coordinator = knowledge.roles["project_coordinator"]
    reply = texts(stack.send(sender, "and a project coordinator?"))
    assert reply[0] == coordinator.answers["reports_to"].text


def test_a_misspelt_role_is_answered_for_the_role_meant(stack: Stack, knowledge: Knowledge) -> None:
    reply = texts(stack.send(new_sender(), "how much does a techincal project manager make"))
    assert reply[0] == knowledge.default_role.answers["salary"].text


def test_another_job_is_still_unknown(stack: Stack) -> None:
    reply = texts(stack.send(new_sender(), "what does a nurse earn?"))
    assert reply[0].startswith("I don't know the role “nurse”")


def test_a_declined_request_leaves_no_role_behind(stack: Stack, knowledge: Knowledge) -> None:
    sender = new_sender()
    assert texts(stack.send(sender, "how much money is in my account"))[0] in {
        knowledge.messages["out_of_scope"],
        knowledge.messages["fallback"],
    }
    answer = knowledge.default_role.answers["salary"].text
    assert texts(stack.send(sender, "and what does it pay?"))[0] == answer


def test_two_questions_in_one_message_get_both_answers(stack: Stack, knowledge: Knowledge) -> None:
    tpm = knowledge.default_role
    reply = texts(stack.send(new_sender(), "What does a TPM earn and what degree do I need?"))
    assert tpm.answers["salary"].text in reply
    assert tpm.answers["education"].text in reply
    assert len(reply) <= 4


def test_the_readiness_check_is_never_split_from_another_question(stack: Stack) -> None:
    """The check opens with two messages of its own: beside another answer, five."""
    reply = texts(stack.send(new_sender(), "am i ready to be a tpm? and what does a tpm earn?"))
    assert 1 <= len(reply) <= 4
    assert len(set(reply)) == len(reply)


def test_one_question_naming_two_roles_is_not_split(stack: Stack, knowledge: Knowledge) -> None:
    reply = texts(
        stack.send(new_sender(), "what is the difference between a TPM and a project coordinator")
    )
    assert reply[0] == knowledge.default_role.answers["difference_coordinator"].text


def test_a_question_likening_an_unknown_job_to_the_tpm_is_not_split(
    stack: Stack, knowledge: Knowledge
) -> None:
    """Its halves alone would be "I don't know the role" and an unrelated answer to "is it"."""
    sender = new_sender()
    reply = texts(stack.send(sender, "whats a release manager and is it like a tpm"))
    assert reply[0].startswith("My sources don't describe the release manager, so I can't compare")
    assert reply[1] == knowledge.default_role.answers["overview"].text
    assert len(reply) <= 4
    # A currency after it asks the pay, the only topic with one, said in no other currency.
    reply = texts(stack.send(sender, "how much is that in euros"))
    assert reply[0].startswith("Sorry, I can't convert pay into euros")
    assert reply[1] == knowledge.default_role.answers["salary"].text


def test_an_uncovered_question_gets_the_closest_answer_labelled(
    stack: Stack, knowledge: Knowledge
) -> None:
    """The sources say what a coordinator is, not its duties: that is said, then what they say."""
    coordinator = knowledge.roles["project_coordinator"]
    reply = texts(stack.send(new_sender(), "What is a project coordinator responsible for?"))
    assert reply[0].startswith("My sources don't cover duties and responsibilities for a project")
    assert reply[1] == coordinator.answers["overview"].text


def test_things_the_sources_never_speak_of_asked_for_are_declined_as_a_request(
    stack: Stack, knowledge: Knowledge
) -> None:
    """ "suggest a bootcamp" asks the assistant to do something, not what the sources say."""
    courses = knowledge.uncovered.subjects["courses"]
    nearest = knowledge.topics[courses.near[0]]
    reply = texts(stack.send(new_sender(), "pls suggest a good bootcamp for future tpms"))
    assert reply[0] == knowledge.messages["uncovered_request"].format(
        subject=courses.called, topic=nearest.in_a_sentence
    )
    assert reply[1] == knowledge.default_role.answers[nearest.key].text
    # Asked about, the same subject is answered with what the sources say nearest to it.
    told = texts(stack.send(new_sender(), "do tpms usually take bootcamps?"))
    assert told[0].startswith(f"My sources don't speak of {courses.called}")


def test_someone_who_hires_is_told_what_a_tpm_needs(stack: Stack, knowledge: Knowledge) -> None:
    tpm = knowledge.default_role
    reply = texts(
        stack.send(new_sender(), "hiring manager here, what do i screen tpm candidates for?")
    )
    assert reply[0] in {tpm.answers["skills"].text, tpm.answers["good_qualities"].text}
    # No readiness check for the asker: they hire, they don't apply.
    assert not any("compare your education" in text for text in reply)


def test_a_short_follow_up_read_alone_as_off_topic_follows_the_answer(
    stack: Stack, knowledge: Knowledge
) -> None:
    """ "wait is that per month?" after the pay is about the pay; "tell me a joke then" and
    "what time is it" are still declined."""
    sender = new_sender()
    answer = knowledge.default_role.answers["salary"].text
    assert texts(stack.send(sender, "how much does a tpm make"))[0] == answer
    reply = texts(stack.send(sender, "wait is that per month?"))
    assert reply[0].startswith(knowledge.messages["no_figure"].format(qualifier="per month"))
    assert answer in reply
    assert texts(stack.send(sender, "ok what's the overall average then"))[0] == answer
    for request in ("tell me a joke then", "what time is it"):
        assert texts(stack.send(sender, request))[0] == knowledge.messages["out_of_scope"]


def test_there_points_back_to_the_place_asked_about(stack: Stack, knowledge: Knowledge) -> None:
    """ "what about the pay over there" after a question about India is about India; "is there
    demand for tpms" names no place."""
    sender = new_sender()
    stack.send(sender, "is tpm a good career in india")
    reply = texts(stack.send(sender, "what do they earn over there"))
    assert reply[0].startswith(knowledge.messages["no_figure"].format(qualifier="for India"))
    assert knowledge.default_role.answers["salary"].text in reply
    other = new_sender()
    stack.send(other, "how much do tpms make in india")
    assert "India" not in " ".join(texts(stack.send(other, "is there demand for tpms")))


def test_a_year_ahead_is_said_to_be_beyond_the_sources(stack: Stack, knowledge: Knowledge) -> None:
    reply = texts(stack.send(new_sender(), "job outlook for tpms in 2030?"))
    assert reply[0] == knowledge.messages["not_specific"].format(qualifier="2030")


def test_a_subject_asked_beside_becoming_one_is_said_then_the_check_offered(
    stack: Stack, knowledge: Knowledge
) -> None:
    """ "could i do the tpm job part-time": the sources say nothing of part-time work; what they
    say of hours follows, then the check is offered, and "yes" starts it."""
    sender = new_sender()
    said = texts(stack.send(sender, "could i become a tpm and work part-time"))
    overtime = knowledge.uncovered.subjects["overtime"]
    assert said[0].startswith(f"My sources don't speak of {overtime.called}."), said
    assert knowledge.default_role.answers["working_hours"].text in said
    assert said[-1] == knowledge.messages["offer_readiness_check"]
    assert texts(stack.send(sender, "yes"))[0] == knowledge.messages["readiness_intro"]


def test_a_period_read_as_tell_me_more_is_still_a_period(
    stack: Stack, knowledge: Knowledge
) -> None:
    """ "and after 15 years?" after the pay reads like "and then?": the same topic, for a
    period the sources give no figure for, not the pay's next part."""
    sender = new_sender()
    answer = knowledge.default_role.answers["salary"].text
    stack.send(sender, "how much does a tpm make")
    reply = texts(stack.send(sender, "and what about after 15 years?"))
    assert reply[0].startswith(knowledge.messages["no_figure"].format(qualifier="after 15 years"))
    assert answer in reply
