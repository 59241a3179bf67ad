"""What a message asks once who asks is read (components/reading_rules.py): a graduate degree
asked as a requirement is the education needed, and an introduction that NLU reads as the
readiness check only unsurely, with a topic close behind, asks that topic.
"""

from __future__ import annotations

from typing import Any

import pytest
from rasa.core.agent import Agent
from rasa.shared.nlu.training_data.message import Message

from components.classifier_settings import DEFAULTS
from components.reading_rules import degree_required, unsure_check_beside_topic
from tests.trained_nlu import entities, first_reading


@pytest.mark.parametrize(
    ("text", "required"),
    [
        ("do you need a master's to be a tpm", True),
        ("in germany is a masters required for tpm jobs?", True),
        ("do tpms have to hold a phd", True),
        ("should i get a masters", False),
        ("is a master's worth it for a tpm", False),
        # An MBA is a business credential, asked of as one: certification and graduate study.
        ("do i need an mba to be a tpm", False),
        ("do i need a bachelor's degree", False),
    ],
)
def test_a_graduate_degree_asked_as_a_requirement(text: str, required: bool) -> None:
    assert degree_required(text) is required


@pytest.mark.parametrize(
    "text",
    ["do you need a masters for tpm", "i'm studying in india, do tpm jobs here need a master's?"],
)
def test_a_required_graduate_degree_asks_the_education_needed(agent: Agent, text: str) -> None:
    assert first_reading(agent, text) == "ask_education"


def test_whether_a_graduate_degree_is_worth_it_stays_certification(agent: Agent) -> None:
    assert first_reading(agent, "should i get a masters") == "ask_certification"


def introduction(text: str, asker: str | None) -> Message:
    found: list[dict[str, Any]] = []
    if asker is not None:
        start = text.index(asker)
        found.append(
            {"entity": "asker_role", "start": start, "end": start + len(asker), "value": asker}
        )
    return Message(data={"text": text, "entities": found})


def ranking(*readings: tuple[str, float]) -> list[dict[str, Any]]:
    return [{"name": name, "confidence": confidence} for name, confidence in readings]


MESSAGE = "im a coordinator rn, so would i be on the tpm's team?"


@pytest.mark.parametrize(
    ("readings", "asker", "yields"),
    [
        # Unsure of the check, a topic close behind, and an asker: the topic is asked.
        ((("ask_readiness", 0.45), ("ask_who_reports", 0.34)), "coordinator", True),
        # No introduction: the check's own question ("could i become a tpm") stays the check.
        ((("ask_readiness", 0.45), ("ask_who_reports", 0.34)), None, False),
        # Sure of the check.
        ((("ask_readiness", 0.8), ("ask_who_reports", 0.15)), "coordinator", False),
        # The topic far behind.
        ((("ask_readiness", 0.45), ("ask_who_reports", 0.1)), "coordinator", False),
        # Close behind, but no topic question.
        ((("ask_readiness", 0.45), ("ask_uncovered", 0.4)), "coordinator", False),
        ((("ask_readiness", 0.45), ("affirm", 0.4)), "coordinator", False),
        # Not the check first.
        ((("ask_salary", 0.45), ("ask_readiness", 0.4)), "coordinator", False),
    ],
)
def test_an_unsure_check_beside_a_topic_asks_the_topic(
    readings: tuple[tuple[str, float], ...], asker: str | None, yields: bool
) -> None:
    message = introduction(MESSAGE, asker)
    assert unsure_check_beside_topic(ranking(*readings), message, DEFAULTS) is yields


def test_an_introduction_with_a_question_on_a_topic_is_not_the_check(agent: Agent) -> None:
    text = "i work as a scheduler and my degree is in history, would that be enough for tpm roles"
    assert entities(agent, text).get("asker_role") == "project scheduler"
    assert first_reading(agent, text) == "ask_education"


@pytest.mark.parametrize(
    ("text", "service"),
    [
        ("please prepare a powerpoint about the tpm role for my class", "writing"),
        ("make me some slides on what a tpm does", "writing"),
        ("send me a link to a good scrum course", "links"),
    ],
)
def test_slides_and_links_are_services(agent: Agent, text: str, service: str) -> None:
    assert entities(agent, text).get("service") == service


def test_i_guess_alone_is_a_hesitation(agent: Agent) -> None:
    assert first_reading(agent, "i guess?") == "hesitate"


def test_a_verb_before_a_job_is_not_part_of_its_name(agent: Agent) -> None:
    """ "end up doing sysadmin work": no job called "doing sysadmin" is named beside the TPM."""
    found = entities(agent, "sysadmin here, do TPMs end up doing sysadmin work?")
    assert "other_role" not in found


@pytest.mark.parametrize(
    "text",
    [
        "director of technical project management, what's the pay like",
        "how long does it take to become head of the pmo",
    ],
)
def test_a_rank_over_project_management_is_a_level(agent: Agent, text: str) -> None:
    found = entities(agent, text)
    assert "seniority" in found
    assert found.get("other_role") is None
    assert found.get("role") not in ("head", "director")


def test_a_referral_asked_for_is_a_service(agent: Agent) -> None:
    text = "refer me to a company hiring TPMs in toronto"
    assert entities(agent, text).get("service") == "introductions"
    assert first_reading(agent, text) == "request_service"


def test_tax_beside_the_pay_is_a_subject_the_sources_leave_out(agent: Agent) -> None:
    assert entities(agent, "how much tax does a tpm pay on that salary").get("subject") == "tax"


@pytest.mark.parametrize(
    "text",
    [
        "i work as a scheduler, would switching to tpm mean a big jump in pay?",
        "coder here, would moving into tpm lower my pay",
    ],
)
def test_pay_named_is_the_pay_asked(agent: Agent, text: str) -> None:
    """Not whether they could become one, nor whether it is worth it: the pay."""
    assert first_reading(agent, text) == "ask_salary"


def test_making_it_is_no_pay(agent: Agent) -> None:
    assert first_reading(agent, "see if i could make it as a technical project manager") != (
        "ask_salary"
    )


@pytest.mark.parametrize("text", ["could be", "might be?", "hmm right"])
def test_a_shrug_is_a_hesitation(agent: Agent, text: str) -> None:
    assert first_reading(agent, text) == "hesitate"


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("what does a tpm take home every two weeks", True),
        ("how much is that per paycheck", True),
        ("what would a tpm get for one month", True),
        ("what does a tpm earn", False),
    ],
)
def test_pay_periods_in_other_words(agent: Agent, text: str, period: bool) -> None:
    assert ("period" in entities(agent, text)) is period


@pytest.mark.parametrize(
    ("text", "service"),
    [
        ("can you look it up on glassdoor for me", "web search"),
        ("write an essay for my college application about becoming a tpm", "writing"),
    ],
)
def test_web_searches_and_essays_are_services(agent: Agent, text: str, service: str) -> None:
    assert entities(agent, text).get("service") == service


def test_an_online_degree_is_a_subject_beside_the_education(agent: Agent) -> None:
    assert entities(agent, "would an online degree count for tpm jobs").get("subject") == "courses"
