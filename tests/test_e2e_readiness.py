"""The readiness check end to end over REST: the real Rasa server, action server and model.

Profiles get different results, each citing the requirements it rests on, with a verdict only
where the sources give one (no IT years threshold, a field they don't name, an associate
degree, a typed quality's name, management experience as "useful"); bad
answers are asked again with an example; a hesitation is no answer and gets the question again;
"never mind" leaves; a question in between is answered and the check goes on where it was.
"""

from __future__ import annotations

import uuid

import pytest
import yaml

from actions.readiness_form import inform_payload
from knowledge.loader import Knowledge
from knowledge.records import distinct_quotes
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


def result(messages: list[str], knowledge: Knowledge) -> tuple[str, str]:
    """The result's messages: the one that says every point, then the sources line."""
    summary, sources = messages
    intro = knowledge.messages["readiness_result_intro"].format(
        role=knowledge.requirements.role.called
    )
    assert summary.startswith(intro)
    assert sources.startswith(("Source: ", "Sources: "))
    return summary, sources


def every_page(stack: Stack, sender: str, knowledge: Knowledge) -> str:
    """Every page of details, asking "tell me more" until the result offers the answers that
    hold the rest."""
    pages = []
    while True:
        reply = stack.send(sender, "tell me more")
        if len(reply) == 1:
            assert reply[0]["text"] == knowledge.messages["more_related"]
            assert reply[0]["buttons"]
            return "\n".join(pages)
        pages.append(reply[0]["text"])
        assert len(pages) < 20, "Tell me more never ends"


def test_no_degree_and_no_experience(stack: Stack, knowledge: Knowledge) -> None:
    requirements = knowledge.requirements
    sender = new_sender()
    start(stack, knowledge, sender, "could I become a technical project manager?")
    # No degree: no field of study to ask about.
    assert answer(stack, sender, "no degree") == [question(knowledge, "it_experience_years")]
    assert answer(stack, sender, "none") == [question(knowledge, "management_experience_years")]
    assert answer(stack, sender, "none") == [question(knowledge, "skills")]
    summary, sources = result(answer(stack, sender, "none"), knowledge)

    assert "You have:" not in summary
    assert "Not yet, which they expect: Degree, IT experience, Communication" in summary
    assert "Not yet, which they call useful or good to have: Management experience" in summary
    gaps = every_page(stack, sender, knowledge)
    assert "• Degree: you have no degree. " + requirements.degree.text in gaps
    assert "• IT experience: you said none. " + requirements.it_experience.text in gaps
    assert (
        "• Management experience: you said none. " + requirements.management_experience.text in gaps
    )
    label = knowledge.messages["suggestion_label"]
    for requirement in (
        requirements.degree,
        requirements.it_experience,
        requirements.management_experience,
        *(skill.requirement for skill in requirements.skills.values()),
    ):
        assert requirement.text in gaps
        assert requirement.helps_text in gaps
        if requirement.suggestion:
            assert f"{label} {requirement.suggestion}" in gaps
    assert "Indeed" in sources


def test_associate_degree_with_several_years(stack: Stack, knowledge: Knowledge) -> None:
    requirements = knowledge.requirements
    sender = new_sender()
    start(stack, knowledge, sender)
    # The buttons' payloads, as a click in the web chat or Slack sends them.
    associate = inform_payload("education_level", "associate")
    assert answer(stack, sender, associate) == [question(knowledge, "education_field")]
    assert answer(stack, sender, "computer science") == [question(knowledge, "it_experience_years")]
    assert answer(stack, sender, "5 years") == [question(knowledge, "management_experience_years")]
    assert answer(stack, sender, "about 1") == [question(knowledge, "skills")]
    picked = stack.send(sender, inform_payload("skills", "communication"))
    assert texts(picked) == [
        knowledge.messages["readiness_skills_so_far"].format(skills="Communication")
    ]
    titles = [button["title"] for button in picked[0]["buttons"]]
    assert "Communication" not in titles and titles[-1] == knowledge.messages["readiness_done"]
    stack.send(sender, inform_payload("skills", "problem_solving"))
    summary, _ = result(answer(stack, sender, inform_payload("skills", "done")), knowledge)

    assert "You have: Field of study, Communication, Analysis and problem solving." in summary
    # Some businesses accept it; most expect a bachelor's: partly, never "everything".
    assert "Partly: Degree." in summary
    assert "Yours to judge: IT experience." in summary
    details = every_page(stack, sender, knowledge)
    assert requirements.associate_route.text in details
    assert requirements.associate_route.helps_text in details
    assert "you have an associate degree and 5 years of IT experience" in details
    assert "I count 3 years or more, which is my reading, not the source's." in details
    assert "• Field of study: you studied computer science." in details
    assert "• Management experience: you said 1 year. " in details
    for key in ("organisation", "project_management", "leadership", "self_motivation"):
        assert requirements.skills[key].requirement.text in details
    assert knowledge.messages["readiness_result_no_gaps"] not in details


def test_bachelor_with_four_years_of_management(stack: Stack, knowledge: Knowledge) -> None:
    requirements = knowledge.requirements
    sender = new_sender()
    start(stack, knowledge, sender, "what do I still need?")
    # The field comes with the degree, so it is not asked.
    assert answer(stack, sender, "I have a bachelor's in management") == [
        question(knowledge, "it_experience_years")
    ]
    assert answer(stack, sender, "6") == [question(knowledge, "management_experience_years")]
    assert answer(stack, sender, "4 years") == [question(knowledge, "skills")]
    summary, _ = result(answer(stack, sender, "all of them"), knowledge)

    assert "Not yet" not in summary
    details = every_page(stack, sender, knowledge)
    # It claims no more than it checked.
    assert details.startswith(knowledge.messages["readiness_result_no_gaps"])
    assert requirements.graduate_study.text in details
    assert "• Degree: you have a bachelor's degree." in details
    assert "• Management experience: you said 4 years." in details
    assert "you studied management" in details
    assert requirements.it_experience.text in details
    assert knowledge.messages["readiness_judge_experience"] in details


def test_where_does_it_say_that_after_the_result_quotes_its_requirements(
    stack: Stack, knowledge: Knowledge
) -> None:
    sender = new_sender()
    start(stack, knowledge, sender)
    answer(stack, sender, "no degree")
    answer(stack, sender, "none")
    answer(stack, sender, "none")
    result(answer(stack, sender, "none"), knowledge)
    shown = "\n".join(answer(stack, sender, "where does it say that?"))
    degree = knowledge.requirements.degree
    assert knowledge.sources["job_description"].title in shown
    for quote in distinct_quotes(degree.says):
        assert f"“{quote.text}”" in shown


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
    result(answer(stack, sender, "communication and leadership"), knowledge)
    details = every_page(stack, sender, knowledge)
    assert "• IT experience: you said 5 years." in details
    assert "• Management experience: you said 3 years." in details


def test_a_hesitation_is_no_answer_and_gets_the_question_again(
    stack: Stack, knowledge: Knowledge
) -> None:
    sender = new_sender()
    start(stack, knowledge, sender)
    no_rush = knowledge.messages["hesitate_in_check"]
    assert answer(stack, sender, "hmm") == [no_rush, question(knowledge, "education_level")]
    assert answer(stack, sender, "bachelor's degree") == [question(knowledge, "education_field")]
    assert answer(stack, sender, "not sure") == [no_rush, question(knowledge, "education_field")]
    assert answer(stack, sender, "computer science") == [question(knowledge, "it_experience_years")]
    assert answer(stack, sender, "let me think") == [
        no_rush,
        question(knowledge, "it_experience_years"),
    ]
    assert answer(stack, sender, "4") == [question(knowledge, "management_experience_years")]


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


def finish(stack: Stack, knowledge: Knowledge, sender: str, answers: list[str]) -> str:
    """Start the check, give `answers` in turn, and return the result's first message."""
    start(stack, knowledge, sender)
    replies = [answer(stack, sender, text) for text in answers]
    summary, _ = result(replies[-1], knowledge)
    return summary


def test_half_a_year_of_it_beside_three_of_management_is_not_a_gap(
    stack: Stack, knowledge: Knowledge
) -> None:
    """The sources name no number of IT years: half a year is the person's to judge."""
    sender = new_sender()
    summary = finish(
        stack, knowledge, sender, ["bachelor's in computer science", "6 months", "3", "all"]
    )
    assert "Not yet" not in summary
    assert "Yours to judge: IT experience." in summary
    details = every_page(stack, sender, knowledge)
    assert "• IT experience: you said 0.5 years." in details
    assert knowledge.messages["readiness_judge_experience"] in details


@pytest.mark.parametrize("field", ["information technology", "software engineering"])
def test_a_field_the_sources_do_not_name_is_left_to_the_person(
    stack: Stack, knowledge: Knowledge, field: str
) -> None:
    sender = new_sender()
    summary = finish(stack, knowledge, sender, [f"bachelor's in {field}", "4", "3", "all"])
    assert "Field of study" in summary.split("Yours to judge:")[1]
    assert "Field of study" not in summary.split("Yours to judge:")[0]
    assert knowledge.messages["readiness_judge_field"] in every_page(stack, sender, knowledge)


def test_typing_analytical_thinking_counts_as_having_it(stack: Stack, knowledge: Knowledge) -> None:
    sender = new_sender()
    summary = finish(stack, knowledge, sender, ["master's in CS", "5", "4", "analytical thinking"])
    assert "Analytical and abstract thinking" in summary.split("Not yet")[0]


def test_a_degree_named_when_asking_is_not_asked_again(stack: Stack, knowledge: Knowledge) -> None:
    """ "I have a bachelors in IT and 2 years as a team lead, am i ready to be a tpm?": the
    check says it heard the degree and asks the field next, and the result weighs it."""
    sender = new_sender()
    said = texts(
        stack.send(sender, "I have a bachelors in IT and 2 years as a team lead, am i ready?")
    )
    bachelor = knowledge.requirements.levels["bachelor"]
    known = knowledge.messages["readiness_known_education"].format(level=bachelor.called)
    assert any(known in text for text in said), said
    assert said[-1] == question(knowledge, "education_field")
    assert question(knowledge, "education_level") not in said
    # A question there, however it opens, is answered and the field asked again; it is no field.
    pay = knowledge.default_role.answers["salary"].first.text
    for asked in ("whats the pay tho", "ok, and what's the pay"):
        said = texts(stack.send(sender, asked))
        assert pay in said and said[-1] == question(knowledge, "education_field"), said
    # "no idea" names no degree: the check starts from the first question.
    start(stack, knowledge, new_sender(), "no idea if im ready, am i ready to be a tpm?")


def test_an_off_topic_request_in_between_is_declined_and_the_check_goes_on(
    stack: Stack, knowledge: Knowledge
) -> None:
    """Not "I'm not sure what you're asking": the request was understood, and is outside what
    the assistant does; the question of the check is asked again and nothing is lost."""
    sender = new_sender()
    start(stack, knowledge, sender)
    declined = knowledge.messages["readiness_off_topic"]
    assert answer(stack, sender, "bachelors") == [question(knowledge, "education_field")]
    assert answer(stack, sender, "whats the weather in paris") == [
        declined,
        question(knowledge, "education_field"),
    ]
    assert answer(stack, sender, "computer science") == [question(knowledge, "it_experience_years")]
    assert answer(stack, sender, "what time is it") == [
        declined,
        question(knowledge, "it_experience_years"),
    ]
    assert answer(stack, sender, "3") == [question(knowledge, "management_experience_years")]


def test_a_follow_up_of_the_checks_question_is_answered_from_its_topic(
    stack: Stack, knowledge: Knowledge
) -> None:
    """ "how long would all that take" at the years question asks about the experience the check
    is asking for, not something the assistant failed to understand."""
    sender = new_sender()
    start(stack, knowledge, sender)
    assert answer(stack, sender, "bachelors") == [question(knowledge, "education_field")]
    assert answer(stack, sender, "computer science") == [question(knowledge, "it_experience_years")]
    replies = answer(stack, sender, "how long would all that take")
    assert replies[0] == knowledge.default_role.answers["experience"].text
    assert replies[-1] == question(knowledge, "it_experience_years")
