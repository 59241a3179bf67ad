"""The readiness check end to end over REST: the real Rasa server, action server and model.

Three profiles get three different results, each citing the requirements it rests on; bad
answers are asked again with an example; "never mind" leaves; a question in between is answered
and the check goes on where it was.
"""

from __future__ import annotations

import uuid

import pytest
import yaml

from actions.knowledge import Knowledge
from actions.readiness_form import inform_payload
from tests.servers import ROOT, Stack

# Every test here starts the real servers (`make test-unit` leaves them out).
pytestmark = pytest.mark.server

DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
GOODBYE = DOMAIN["responses"]["utter_goodbye"][0]["text"]


def new_sender() -> str:
    return f"readiness-{uuid.uuid4().hex[:12]}"


def texts(messages: list[dict]) -> list[str]:
    return [message.get("text", "") for message in messages]


def question(knowledge: Knowledge, slot: str) -> str:
    return knowledge.messages[f"readiness_ask_{slot}"]


def start(stack: Stack, knowledge: Knowledge, sender: str, text: str = "Am I ready to be a TPM?"):
    messages = stack.send(sender, text)
    assert texts(messages) == [
        knowledge.messages["readiness_intro"],
        question(knowledge, "education_level"),
    ]
    assert [button["title"] for button in messages[1]["buttons"]] == [
        level.label for level in knowledge.requirements.levels.values()
    ]
    return messages


def answer(stack: Stack, sender: str, text: str) -> list[str]:
    return texts(stack.send(sender, text))


def result(messages: list[str], knowledge: Knowledge) -> tuple[str, str, str]:
    """The result's parts: what is met, the gaps (or the all-met note), the sources line."""
    *body, sources = messages
    intro = knowledge.messages["readiness_result_intro"].format(
        role=knowledge.requirements.role.name
    )
    assert body[0].startswith(intro)
    assert sources.startswith(("Source: ", "Sources: "))
    return body[0], "\n".join(body[1:]), sources


def test_no_degree_and_no_experience(stack: Stack, knowledge: Knowledge) -> None:
    requirements = knowledge.requirements
    sender = new_sender()
    start(stack, knowledge, sender, "could I become a technical project manager?")
    # No degree: no field of study to ask about.
    assert answer(stack, sender, "no degree") == [question(knowledge, "it_experience_years")]
    assert answer(stack, sender, "none") == [question(knowledge, "management_experience_years")]
    assert answer(stack, sender, "none") == [question(knowledge, "skills")]
    met, gaps, sources = result(answer(stack, sender, "none"), knowledge)

    assert knowledge.messages["readiness_result_meets"] not in met
    assert gaps.startswith(knowledge.messages["readiness_result_gaps"])
    assert "• Degree: you have no degree. " + requirements.degree.text in gaps
    assert "• IT experience: none. " + requirements.it_experience.text in gaps
    assert "• Management experience: none. " + requirements.management_experience.text in gaps
    for requirement in (
        requirements.degree,
        requirements.it_experience,
        requirements.management_experience,
        *(skill.requirement for skill in requirements.skills.values()),
    ):
        assert requirement.text in gaps
        assert f"Next step: {requirement.next_step.text}" in gaps
    assert "Indeed" in sources


def test_associate_degree_with_several_years(stack: Stack, knowledge: Knowledge) -> None:
    requirements = knowledge.requirements
    sender = new_sender()
    start(stack, knowledge, sender)
    # The buttons' payloads, as a click in the web chat or Slack sends them.
    associate = inform_payload("education_level", "associate")
    assert answer(stack, sender, associate) == [question(knowledge, "education_field")]
    assert answer(stack, sender, "information technology") == [
        question(knowledge, "it_experience_years")
    ]
    assert answer(stack, sender, "5 years") == [question(knowledge, "management_experience_years")]
    assert answer(stack, sender, "about 1") == [question(knowledge, "skills")]
    picked = stack.send(sender, inform_payload("skills", "communication"))
    assert texts(picked) == [
        knowledge.messages["readiness_skills_so_far"].format(skills="Communication")
    ]
    titles = [button["title"] for button in picked[0]["buttons"]]
    assert "Communication" not in titles and titles[-1] == knowledge.messages["readiness_done"]
    stack.send(sender, inform_payload("skills", "problem_solving"))
    met, gaps, _ = result(answer(stack, sender, inform_payload("skills", "done")), knowledge)

    assert requirements.associate_route.text in met
    assert "you have an associate degree and 5 years of IT experience" in met
    assert "The source says “several years” without a number; I count 3 years or more." in met
    assert requirements.field.text in met and "you studied information technology" in met
    assert requirements.skills["communication"].requirement.text in met
    assert requirements.skills["problem_solving"].requirement.text in met
    assert "• Management experience: 1 year. " + requirements.management_experience.text in gaps
    for key in ("organisation", "project_management", "leadership"):
        assert requirements.skills[key].requirement.next_step.text in gaps
    assert requirements.skills["communication"].requirement.text not in gaps
    assert requirements.degree.next_step.text not in gaps


def test_bachelor_with_four_years_of_management(stack: Stack, knowledge: Knowledge) -> None:
    requirements = knowledge.requirements
    sender = new_sender()
    start(stack, knowledge, sender, "what do I still need?")
    # The field comes with the degree, so it is not asked.
    assert answer(stack, sender, "I have a bachelor's in business administration") == [
        question(knowledge, "it_experience_years")
    ]
    assert answer(stack, sender, "6") == [question(knowledge, "management_experience_years")]
    assert answer(stack, sender, "4 years") == [question(knowledge, "skills")]
    met, rest, _ = result(answer(stack, sender, "all of them"), knowledge)

    assert "• Degree: you have a bachelor's degree. " + requirements.degree.text in met
    assert "• Management experience: 4 years. " + requirements.management_experience.text in met
    assert "you studied business administration" in met
    assert knowledge.messages["readiness_result_gaps"] not in rest
    assert rest.startswith(knowledge.messages["readiness_result_no_gaps"])
    assert requirements.graduate_study.next_step.text in rest


def test_bad_answers_are_asked_again_with_an_example(stack: Stack, knowledge: Knowledge) -> None:
    sender = new_sender()
    start(stack, knowledge, sender)
    retry_level = knowledge.messages["readiness_retry_education_level"]
    assert answer(stack, sender, "banana") == [retry_level, question(knowledge, "education_level")]
    assert answer(stack, sender, inform_payload("education_level", "astronaut")) == [
        retry_level,
        question(knowledge, "education_level"),
    ]
    assert answer(stack, sender, "bachelor's degree") == [question(knowledge, "education_field")]
    assert answer(stack, sender, "skip") == [question(knowledge, "it_experience_years")]

    again = [
        knowledge.messages["readiness_retry_years"],
        question(knowledge, "it_experience_years"),
    ]
    for bad in ("banana", "-3", "200 years", '/inform{"it_experience_years": 999}'):
        assert answer(stack, sender, bad) == again, bad
    assert answer(stack, sender, "five") == [question(knowledge, "management_experience_years")]
    assert answer(stack, sender, "about 3") == [question(knowledge, "skills")]
    assert answer(stack, sender, "juggling") == [
        knowledge.messages["readiness_retry_skills"],
        question(knowledge, "skills"),
    ]
    met, _, _ = result(answer(stack, sender, "communication and leadership"), knowledge)
    assert "• IT experience: 5 years." in met
    assert "• Management experience: 3 years." in met


def test_stop_leaves_politely_and_forgets(stack: Stack, knowledge: Knowledge) -> None:
    sender = new_sender()
    start(stack, knowledge, sender)
    assert answer(stack, sender, "master's degree") == [question(knowledge, "education_field")]
    [stopped] = stack.send(sender, "never mind")
    assert stopped["text"] == knowledge.messages["readiness_stopped"]
    assert stopped["buttons"]
    # The check is over: questions are answered as usual, a number is not taken as an answer.
    salary = stack.send(sender, "How much does a TPM earn?")
    assert salary[0]["text"] == knowledge.default_role.answers["salary"].text
    # A new check starts from the first question.
    start(stack, knowledge, sender)
    assert answer(stack, sender, "stop") == [knowledge.messages["readiness_stopped"]]


def test_a_question_in_between_is_answered_and_the_check_goes_on(
    stack: Stack, knowledge: Knowledge
) -> None:
    sender = new_sender()
    start(stack, knowledge, sender)
    assert answer(stack, sender, "associate degree in networking") == [
        question(knowledge, "it_experience_years")
    ]
    salary = answer(stack, sender, "How much does a TPM earn?")
    assert salary[0] == knowledge.default_role.answers["salary"].text
    assert salary[-1] == question(knowledge, "it_experience_years")
    education = answer(stack, sender, "what degree do I need?")
    assert education[0] == knowledge.default_role.answers["education"].text
    assert education[-1] == question(knowledge, "it_experience_years")
    assert answer(stack, sender, "2") == [question(knowledge, "management_experience_years")]
    # "bye" ends the check like any conversation.
    assert answer(stack, sender, "bye") == [GOODBYE]
