"""What a message asks, read past words that lean elsewhere, with the trained model: the "ok"
a question opens with, a place, what the asker tells of themselves before asking, and subjects
named beside the job (components/asides.py, components/qualifiers.py,
components/asker_parse.py, components/reading_rules.py, components/career_steps.py)."""

from __future__ import annotations

import pytest
from rasa.core.agent import Agent

from components.asides import without_asides
from tests.trained_nlu import entities, first_reading


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("ok then what do they earn in a year", "what do they earn in a year"),
        ("fine, and how long are their days", "how long are their days"),
        ("thanks! what about the education", "what about the education"),
        ("ok thanks", None),
        ("and in germany?", None),
        ("good morning how are you", None),
        ("whats the usual working time then?", "whats the usual working time"),
        ("ok and the pay though", None),
    ],
)
def test_an_acknowledgement_and_a_last_particle_are_taken_off_a_question(
    text: str, rest: str | None
) -> None:
    assert without_asides(text) == rest


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("ok cool and whats the usual working time then", "ask_working_hours"),
        ("alright, so what else counts apart from experience", "ask_experience"),
    ],
)
def test_a_question_after_an_ok_is_read_as_the_question(
    agent: Agent, text: str, intent: str
) -> None:
    assert first_reading(agent, text) == intent


def test_a_place_never_turns_a_question_into_an_errand(agent: Agent) -> None:
    """ "outlook … in australia" is nearer a weather forecast than any career question."""
    assert first_reading(agent, "hows the outlook for it in australia") == "ask_outlook"
    assert first_reading(agent, "whats the weather in australia") == "out_of_scope"


def test_what_the_asker_tells_of_themselves_names_no_subject(agent: Agent) -> None:
    told = "Hello! I'm in Canada on a work visa. What degree do TPMs need?"
    assert "subject" not in entities(agent, told)
    claimed = "My friend says TPMs are stressed all the time. Is that true?"
    assert entities(agent, claimed)["subject"] == "stress"


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("which employers pay tpms the most", "pay by employer"),
        ("how big is the team a tpm usually runs", "team size"),
        ("how many job openings for tpms are there these days", "job growth"),
    ],
)
def test_subjects_that_hold_the_job_or_count_things(agent: Agent, text: str, subject: str) -> None:
    assert entities(agent, text)["subject"] == subject


def test_a_count_of_openings_is_a_question_not_a_job_search(agent: Agent) -> None:
    text = "how many job openings for tpms are there these days"
    assert first_reading(agent, text) == "ask_uncovered"
    assert first_reading(agent, "find me tpm job openings") == "request_service"


def test_a_subject_asked_of_it_is_asked_of_the_job(agent: Agent) -> None:
    assert first_reading(agent, "does it stress people out?") == "ask_uncovered"


def test_moving_into_the_job_is_not_moving_up_from_it(agent: Agent) -> None:
    assert first_reading(agent, "so how do i get promoted into tpm") != "ask_career_advancement"


def test_two_levels_set_side_by_side_ask_where_the_career_leads(agent: Agent) -> None:
    text = "whats a principal tpm vs a senior one"
    assert first_reading(agent, text) == "ask_career_advancement"


@pytest.mark.parametrize(
    ("text", "job"),
    [
        ("and hourly contractor rates?", "contractor"),
        ("is the path here the same, senior then consultant?", "consultant"),
    ],
)
def test_words_of_time_and_pay_are_no_part_of_a_job(agent: Agent, text: str, job: str) -> None:
    found = entities(agent, text)
    assert job in (found.get("role"), found.get("other_role")), found
