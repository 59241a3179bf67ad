"""End to end over REST: the real Rasa server, the real action server, the trained model.

`rasa test` never calls the action server; these tests prove the answers users actually get.
"""

from __future__ import annotations

import uuid

import pytest

from actions.replies import answer_buttons_for
from knowledge.loader import Knowledge
from scripts.sync_topics import answering_role
from tests.declared import TOPICS
from tests.servers import Stack

# Every test here starts the real servers (`make test-unit` leaves them out).
pytestmark = pytest.mark.server


def new_sender() -> str:
    return f"e2e-{uuid.uuid4().hex[:12]}"


def texts(messages: list[dict]) -> str:
    return "\n".join(message.get("text", "") for message in messages)


# Each topic's question from the knowledge file, answered for the role it names.
@pytest.mark.parametrize("topic", TOPICS)
def test_every_topic_is_answered_with_its_facts_and_sources(
    stack: Stack, knowledge: Knowledge, topic: str
) -> None:
    asked = knowledge.topics[topic]
    messages = stack.send(new_sender(), asked.question)
    role = answering_role(knowledge, asked)
    answer = role.answers[topic]
    assert messages[0]["text"] == answer.text
    sources_message = messages[1]
    for source in answer.sources:
        assert source.title in sources_message["text"]
    assert sources_message["buttons"] == answer_buttons_for(knowledge, role, asked, answer)


def test_salary_shows_both_figures_each_with_its_source(stack: Stack) -> None:
    reply = texts(stack.send(new_sender(), "what's the salary of a technical project manager?"))
    assert "$99,910" in reply and "$88,000" in reply
    assert "Bureau of Labor Statistics" in reply and "Indeed" in reply
    assert "Technical Project Manager Career Profile" in reply


def test_follow_up_keeps_the_role(stack: Stack, knowledge: Knowledge) -> None:
    sender = new_sender()
    coordinator = knowledge.roles["project_coordinator"]
    first = stack.send(sender, "What does a project coordinator do?")
    assert first[0]["text"] == coordinator.answers["overview"].text
    second = stack.send(sender, "who do they report to?")
    assert second[0]["text"] == coordinator.answers["reports_to"].text
    third = stack.send(sender, "how much do they earn?")
    assert "don't cover salary for a project coordinator" in third[0]["text"]
    fourth = stack.send(sender, "and what does a TPM earn?")
    assert fourth[0]["text"] == knowledge.default_role.answers["salary"].text


def test_unknown_role_is_not_answered_for_another_role(stack: Stack) -> None:
    reply = texts(stack.send(new_sender(), "How much does a data scientist earn?"))
    assert "I don't know the role" in reply
    assert "$" not in reply


@pytest.mark.parametrize(
    ("question", "job"),
    [
        ("what does a system administrator do?", "system administrator"),
        ("how much do programmers make", "programmer"),
    ],
)
def test_a_job_named_in_passing_gets_what_the_sources_say_of_it(
    stack: Stack, knowledge: Knowledge, question: str, job: str
) -> None:
    mentioned = knowledge.uncovered.mentioned[job]
    reply = stack.send(new_sender(), question)
    assert reply[0]["text"].startswith(
        knowledge.messages["mentioned_only"].format(job=mentioned.called)
    )
    assert mentioned.says.text in reply[0]["text"]
    assert "Career Profile" in reply[1]["text"]


def test_a_step_of_the_career_named_in_passing_gets_where_the_career_leads(
    stack: Stack, knowledge: Knowledge
) -> None:
    reply = stack.send(new_sender(), "been a tpm 12 years, do consultants earn more?")
    advancement = knowledge.topics["career_advancement"]
    assert reply[0]["text"] == knowledge.messages["mentioned_topic"].format(
        job="a consultant", topic=advancement.in_a_sentence
    )
    assert reply[1]["text"] == knowledge.default_role.answers["career_advancement"].text


def test_a_type_of_tpm_is_told_what_the_sources_say_of_tpms(
    stack: Stack, knowledge: Knowledge
) -> None:
    telecom = knowledge.roles["telecom_project_manager"]
    sender = new_sender()
    pay = stack.send(sender, "what does a telecom project manager earn?")
    assert pay[0]["text"].startswith(f"My sources give no figure for {telecom.called}")
    assert pay[1]["text"] == knowledge.default_role.answers["salary"].text
    day = stack.send(sender, "whats a typical day like for one")
    note = knowledge.messages["not_specific"].format(qualifier=telecom.called)
    assert day[0]["text"] == note
    assert day[1]["text"] == knowledge.default_role.answers["daily_duties"].text


def test_how_many_report_to_a_tpm_says_a_large_team(stack: Stack) -> None:
    reply = stack.send(new_sender(), "how many people report to a TPM?")
    assert reply[0]["text"].startswith("TPMs manage a large team of people.")


def test_off_topic_request_gets_scope_and_topic_buttons(stack: Stack, knowledge: Knowledge) -> None:
    messages = stack.send(new_sender(), "What's the weather in Paris tomorrow?")
    assert messages[0]["text"] == knowledge.messages["out_of_scope"]
    assert len(messages[0]["buttons"]) == len(knowledge.menu)


def test_button_payload_is_answered(stack: Stack, knowledge: Knowledge) -> None:
    messages = stack.send(new_sender(), '/ask_types{"role":"technical project manager"}')
    assert messages[0]["text"] == knowledge.default_role.answers["types"].text


def test_where_does_it_say_that_quotes_the_last_answer_word_for_word(
    stack: Stack, knowledge: Knowledge
) -> None:
    sender = new_sender()
    stack.send(sender, "What are the working hours of a TPM?")
    hours = knowledge.default_role.answers["working_hours"]
    for asked in ("where does it say that?", "show me the source", "is that true?"):
        reply = texts(stack.send(sender, asked))
        for quote in hours.first.quotes:
            assert f"“{quote.text}”" in reply, asked
            assert quote.source.title in reply, asked
    # The button under the answer sends the same request.
    salary = stack.send(sender, "How much does a TPM earn?")
    [evidence_button] = [b for b in salary[-1]["buttons"] if b["title"] == "Show the source text"]
    shown = texts(stack.send(sender, evidence_button["payload"]))
    answer = knowledge.default_role.answers["salary"]
    for quote in answer.first.quotes:
        assert f"“{quote.text}”" in shown
    assert knowledge.sources["job_description"].title in shown
    assert knowledge.sources["career_profile"].title in shown
    # Only the passages behind what was said: the working hours are not quoted again.
    assert hours.first.quotes[0].text not in shown


def test_tell_me_more_gives_the_rest_of_a_long_answer_part_by_part(
    stack: Stack, knowledge: Knowledge
) -> None:
    sender = new_sender()
    daily = knowledge.default_role.answers["daily_duties"]
    first = stack.send(sender, "What does a TPM do on a typical day?")
    assert first[0]["text"] == daily.text
    tell_more = first[-1]["buttons"][0]
    assert tell_more["title"] == "Tell me more"
    assert tell_more["payload"].startswith('/tell_more{"answer_part":')
    shown = [first[0]["text"]]
    reply = first

    def reply_button(messages: list[dict]) -> str:
        [button] = [b for b in messages[-1]["buttons"] if b["title"] == "Tell me more"]
        return button["payload"]

    for index, part in enumerate(daily.more):
        # Typed and clicked alike.
        reply = stack.send(sender, "tell me more" if index % 2 == 0 else reply_button(reply))
        assert reply[0]["text"] == part.text
        shown.append(reply[0]["text"])
        titles = [button["title"] for button in reply[-1]["buttons"]]
        assert ("Tell me more" in titles) == (index < len(daily.more) - 1)
    assert shown == [part.text for part in daily.parts]
    # The evidence is now the last part's.
    evidence = texts(stack.send(sender, "where does it say that?"))
    for quote in daily.more[-1].quotes:
        assert f"“{quote.text}”" in evidence
    done = stack.send(sender, "tell me more")
    assert done[0]["text"] == knowledge.messages["more_related"]


def test_follow_ups_carry_the_conversation_on_without_loops(
    stack: Stack, knowledge: Knowledge
) -> None:
    """ "and after that?" gives the next part once; a short reply holding the period the sources
    cover asks the topic again; "a senior one" is the senior TPM. Each turn 1–4 messages."""
    sender = new_sender()
    salary = knowledge.default_role.answers["salary"]
    turns = [
        ("how much does a tpm make", salary.text),
        ("and after that?", salary.more[0].text),
        ("fine, yearly then", salary.text),
        ("what about a senior one", knowledge.messages["no_figure"].split("{")[0]),
        ("tpm vs project manager, same thing?", knowledge.default_role.answers["overview"].text),
    ]
    for text, first in turns:
        reply = stack.send(sender, text)
        assert 1 <= len(reply) <= 4, (text, reply)
        assert reply[0]["text"].startswith(first), (text, reply[0]["text"])
