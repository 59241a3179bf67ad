"""Who asks and what they ask, read apart with the trained model: the question after an
introduction, the asker's own job named again or set beside the TPM, a job named as a level,
and someone who already is a TPM (components/question_frame.py, components/reading_rules.py).
"""

from __future__ import annotations

import re

import pytest
from rasa.core.agent import Agent

from components.asker_parse import question_after_intro
from tests.trained_nlu import entities, parsed


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("i'm a data analyst, would my skills matter as a tpm", "would my skills matter as a tpm"),
        ("nurse here - what does a tpm earn", "what does a tpm earn"),
        ("im a teacher. is it worth it", "is it worth it"),
        # The job not in the first clause, or nothing after it: no question apart.
        ("so, im a teacher. is it worth it", ""),
        ("im a teacher", ""),
    ],
)
def test_the_question_after_a_first_clause_naming_the_askers_job(text: str, rest: str) -> None:
    job = re.search(r"data analyst|nurse|teacher", text)
    assert job is not None
    assert question_after_intro(text, job.start(), job.end()) == rest


def test_an_introduction_does_not_turn_a_topic_question_into_the_check(agent: Agent) -> None:
    """The words about the asker lean to the readiness check; the question asks about skills."""
    text = "i'm a data analyst, would my analytics skills matter as a tpm"
    assert parsed(agent, text)["intent"]["name"] == "ask_skills"


def test_the_askers_own_job_set_beside_the_tpm_is_a_job_asked_about(agent: Agent) -> None:
    found = entities(agent, "im a nurse, does a nurse earn more than a tpm")
    assert found.get("other_role") == "nurse"
    assert "other_role" not in entities(agent, "im a nurse, do tpms ever work with nurse teams")


def test_a_job_named_as_a_level_is_no_other_role(agent: Agent) -> None:
    assert "other_role" not in entities(agent, "director level tpm compensation")
    assert entities(agent, "does a director earn more than a tpm").get("other_role") == "director"


@pytest.mark.parametrize(
    "text",
    [
        "im a tpm, what could i do next",
        "i am a tpm now, where do i go from here",
    ],
)
def test_someone_who_does_the_job_is_never_offered_the_check(agent: Agent, text: str) -> None:
    """Their words lean to the readiness check (a job, then "could i", "where do i go")."""
    ranking = [guess["name"] for guess in parsed(agent, text)["intent_ranking"]]
    assert [name for name in ranking if name != "nlu_fallback"][0] == "ask_career_advancement"


@pytest.mark.parametrize(
    ("text", "origin"),
    [
        ("can a qa tester become a tpm", "QA tester"),
        ("backend dev thinking of jumping to tpm, what's the job really like", "backend dev"),
    ],
)
def test_the_job_one_would_leave_is_not_the_job_asked_about(
    agent: Agent, text: str, origin: str
) -> None:
    found = entities(agent, text)
    assert found.get("origin_role") == origin
    assert found.get("role") == "technical project manager"


def test_getting_into_the_job_is_not_moving_up_from_it(agent: Agent) -> None:
    """Both read as "ROLE become a ROLE": from another job it is getting in, from a TPM it is
    where the career leads."""
    assert parsed(agent, "can a qa tester become a tpm")["intent"]["name"] != (
        "ask_career_advancement"
    )
    assert parsed(agent, "how does a tpm become a cto")["intent"]["name"] == (
        "ask_career_advancement"
    )


@pytest.mark.parametrize(
    ("text", "difference"),
    [
        ("what is a project co-ordinator anyway", False),
        ("who are project cordinators and what do they do", False),
        ("what separates tpms from coordinators", True),
        ("are coordinators the same as tpms", True),
    ],
)
def test_a_difference_needs_two_sides(agent: Agent, text: str, difference: bool) -> None:
    """One job named, nothing set beside it: what the job is, not how it differs."""
    intent = parsed(agent, text)["intent"]["name"]
    assert (intent == "ask_difference_coordinator") is difference


@pytest.mark.parametrize(
    ("text", "intent", "service"),
    [
        # Being tested on whether one could be a TPM is the readiness check the assistant offers.
        ("quiz me and tell me if i could be a technical project manager", "ask_readiness", None),
        ("do i have what it takes to be a tpm? test me", "ask_readiness", None),
        # A quiz on the job's facts is a quiz, which it doesn't offer.
        ("quiz me on tpm stuff", None, "quiz"),
        ("can you test me on tpm interview questions", "request_service", "quiz"),
    ],
)
def test_a_quiz_of_whether_one_could_be_a_tpm_is_the_readiness_check(
    agent: Agent, text: str, intent: str | None, service: str | None
) -> None:
    if intent is not None:
        assert parsed(agent, text)["intent"]["name"] == intent
    assert entities(agent, text).get("service") == service


@pytest.mark.parametrize(
    "text", ["i work as a scheduler", "hi, im a network operator, been doing it 5 yrs"]
)
def test_saying_what_one_does_and_nothing_more_asks_no_topic(agent: Agent, text: str) -> None:
    """ "scheduler" and "work" lean to working hours; only the asker's job was said."""
    ranking = [guess["name"] for guess in parsed(agent, text)["intent_ranking"]]
    assert [name for name in ranking if name != "nlu_fallback"][0] == "inform"


@pytest.mark.parametrize(
    "text",
    [
        "tpm for 8 years now, what comes next",
        "as a tpm, where can i go from here",
        "i am already a TPM. where can i go from here?",
    ],
)
def test_a_tpm_asking_whats_next_asks_where_the_career_leads(agent: Agent, text: str) -> None:
    assert parsed(agent, text)["intent"]["name"] == "ask_career_advancement"


def test_a_subject_in_what_the_asker_says_of_themselves_is_not_asked(agent: Agent) -> None:
    """ "coding" and "python" say what the asker does; the question is whether they are ready."""
    for text in (
        "been coding 6 yrs as a programmer, am i ready to be a tpm",
        "working as a developer, mostly python, how do i know if im ready to be a tpm",
    ):
        assert "subject" not in entities(agent, text), text
    # Asked in the question itself, it is.
    assert entities(agent, "im a developer, do tpms need to know python")["subject"] == "tools"


@pytest.mark.parametrize(
    ("text", "asker"),
    [
        ("scheduler at a software firm, what do tpms earn", "project scheduler"),
        ("assistant pm rn - what does my tpm do all day", "assistant project manager"),
    ],
)
def test_a_first_clause_naming_only_ones_job_is_the_askers(
    agent: Agent, text: str, asker: str
) -> None:
    """No verb, no question: the job that opens the message is the asker's; the TPM is asked."""
    found = entities(agent, text)
    assert (found.get("asker_role"), found.get("role")) == (asker, "technical project manager")


def test_two_jobs_weighed_against_each_other_are_neither_the_askers(agent: Agent) -> None:
    found = entities(agent, "should i become a data analyst or a tpm")
    assert "asker_role" not in found


def test_the_job_one_is_not_yet_is_the_one_asked_about(agent: Agent) -> None:
    found = entities(agent, "junior scheduler here, how long until i'm a proper tpm")
    assert (found.get("asker_role"), found.get("role")) == (
        "project scheduler",
        "technical project manager",
    )


@pytest.mark.parametrize("text", ["do you think im tpm material", "is she tpm material"])
def test_a_job_naming_a_quality_is_no_ones_job(agent: Agent, text: str) -> None:
    assert "asker_role" not in entities(agent, text)


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        (
            "My team has a coordinator, a scheduler and five engineers. "
            "What comes after being a TPM?",
            "technical project manager",
        ),
        (
            "Our founders can't agree on the budget. What does a TPM get paid?",
            "technical project manager",
        ),
    ],
)
def test_the_jobs_of_a_story_told_before_the_question_are_not_asked_about(
    agent: Agent, text: str, asked: str
) -> None:
    found = entities(agent, text)
    assert found.get("role") == asked
    assert "other_role" not in found
