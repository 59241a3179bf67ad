"""Levels above the job and jobs named in other words, read with the trained model
(components/career_steps.py, components/role_mentions.py, components/asker_parse.py)."""

from __future__ import annotations

import pytest
from rasa.core.agent import Agent

from tests.trained_nlu import entities, first_reading


@pytest.mark.parametrize(
    "text",
    [
        "how would i become a head of technical project management",
        "whats a principal tpm",
        "how do you get promoted to director of tpm",
    ],
)
def test_reaching_a_level_above_the_job_asks_where_the_career_leads(
    agent: Agent, text: str
) -> None:
    assert first_reading(agent, text) == "ask_career_advancement"
    assert "seniority" in entities(agent, text)


def test_what_a_level_above_needs_stays_that_topic(agent: Agent) -> None:
    """Not how to reach it: what every TPM's education is, said to be that."""
    assert first_reading(agent, "what education does a principal tpm need") == "ask_education"


@pytest.mark.parametrize(
    ("text", "job"),
    [
        ("do scrum masters get paid more", "scrum masters"),
        ("what does a project sponsor do all day", "project sponsor"),
    ],
)
def test_job_phrases_in_the_plural_and_sponsors(agent: Agent, text: str, job: str) -> None:
    assert entities(agent, text).get("role") == job


def test_sponsoring_is_no_job(agent: Agent) -> None:
    found = entities(agent, "do companies sponsor visas for tpms")
    assert found.get("role") == "technical project manager"
    assert "other_role" not in found


def test_there_is_no_field_of_a_job(agent: Agent) -> None:
    found = entities(agent, "are there project managers just for network rollouts?")
    assert "other_role" not in found
    assert found.get("role") != "there project managers"


def test_a_job_opening_the_message_before_a_comparison_of_two_others_is_the_askers(
    agent: Agent,
) -> None:
    text = "recruiter. how is a tpm different from a project coordinator, I have to pick one"
    found = entities(agent, text)
    assert found.get("asker_role") == "recruiter"
    assert "other_role" not in found


def test_a_question_naming_jobs_is_no_request_to_explain_again(agent: Agent) -> None:
    text = "im a tpm and my coordinator asks how our jobs differ, how do i explain that"
    assert first_reading(agent, text) != "explain"
    assert first_reading(agent, "can you explain that again") == "explain"


def test_a_level_that_holds_the_jobs_name_leaves_the_job_asked(agent: Agent) -> None:
    """Read without the level, "what does a director of tpm make" still asks a TPM's pay."""
    text = "what does a director of technical project management earn"
    assert first_reading(agent, text) == "ask_salary"


@pytest.mark.parametrize(
    "text",
    ["im a tpm, what do your sources say about my pay", "as a tpm is that true about the pay"],
)
def test_a_question_naming_a_job_is_no_question_about_the_sources(agent: Agent, text: str) -> None:
    assert first_reading(agent, text) not in ("ask_sources", "ask_evidence")


@pytest.mark.parametrize(
    ("text", "service"),
    [
        ("recommend some courses for becoming a tpm", "links"),
        ("look up what amazon pays its tpms", "web search"),
    ],
)
def test_courses_recommended_and_pay_looked_up_are_services(
    agent: Agent, text: str, service: str
) -> None:
    assert entities(agent, text).get("service") == service


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("does this job burn people out", "stress"),
        ("is there flexible scheduling for tpms", "work-life balance"),
        ("how do i negotiate a higher salary as a tpm", "salary negotiation"),
    ],
)
def test_subjects_in_other_words(agent: Agent, text: str, subject: str) -> None:
    assert entities(agent, text).get("subject") == subject


def test_a_parent_asking_names_no_family_life(agent: Agent) -> None:
    text = "as a parent i want to know if tpm is a solid career for my daughter"
    assert "subject" not in entities(agent, text)


def test_which_one_after_an_answer_follows_it_up(agent: Agent) -> None:
    assert "follows_up" in entities(agent, "which one is right")


def test_an_associate_tpm_is_a_level(agent: Agent) -> None:
    assert entities(agent, "what does an associate tpm earn").get("seniority") == "associate"


@pytest.mark.parametrize(
    ("text", "service"),
    [("write a job posting for our tpm opening", "writing"), ("can you tutor me", "study plan")],
)
def test_postings_and_tutoring_are_services(agent: Agent, text: str, service: str) -> None:
    assert entities(agent, text).get("service") == service


def test_a_tpm_asking_when_they_make_senior_asks_where_the_career_leads(agent: Agent) -> None:
    assert first_reading(agent, "been a tpm 5 yrs now. when do i get to be senior?") == (
        "ask_career_advancement"
    )


def test_which_one_fits_me_however_long_follows_up(agent: Agent) -> None:
    text = "which one suits me best? i do network cabling and server installs all day"
    assert "follows_up" in entities(agent, text)
