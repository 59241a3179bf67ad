"""A subject the sources don't speak of, read with the trained model (components/reading_rules.py):
asked of the job it is said so, with what they say nearest; named in an errand it is not. The
topic said beside it (actions/subject_topics.asked_beside) is the one the question asks.
"""

from __future__ import annotations

import pytest
from rasa.core.agent import Agent

from actions.subject_topics import asked_beside
from knowledge.loader import DEFAULT_KNOWLEDGE_FILE, load_knowledge
from tests.trained_nlu import entities, parsed


@pytest.mark.parametrize(
    "text",
    ["do they travel abroad for work", "could i be a tpm working part-time"],
)
def test_a_subject_asked_of_the_job_is_a_question_on_it(agent: Agent, text: str) -> None:
    assert parsed(agent, text)["intent"]["name"] == "ask_uncovered"


def test_a_subject_named_in_an_errand_is_not(agent: Agent) -> None:
    assert parsed(agent, "book me a vacation in hawaii")["intent"]["name"] != "ask_uncovered"


@pytest.mark.parametrize(
    "text",
    [
        # "how much" reads as pay, but no pay is named.
        "how much holiday time do tpms get",
        "how much parental leave does a tpm get",
        # Whether the job suits someone, not whether it is worth it.
        "would this job suit an introvert",
    ],
)
def test_a_subject_is_asked_not_the_reading_its_words_lean_to(agent: Agent, text: str) -> None:
    assert parsed(agent, text)["intent"]["name"] == "ask_uncovered"


@pytest.mark.parametrize(
    ("text", "reading", "subject", "topic"),
    [
        # Pay named beside a subject: the pay is asked.
        ("do remote tpms make less", "ask_salary", "remote work", "salary"),
        ("do women get paid less as tpms", "ask_salary", "who gets hired", "salary"),
        # Not named: the subject's own nearest topic.
        ("how much pto do tpms get", "ask_salary", "time off", None),
        # Whether it is worth it, of a subject not near it: the subject's nearest topic ...
        ("is it an ok job for introverts", "ask_outlook", "personality", None),
        # ... and of one near it, kept.
        ("are tpms happy in their jobs", "ask_outlook", "job satisfaction", "outlook"),
    ],
)
def test_the_topic_asked_beside_a_subject(
    text: str, reading: str, subject: str, topic: str | None
) -> None:
    knowledge = load_knowledge(DEFAULT_KNOWLEDGE_FILE)
    message = {"text": text, "intent_ranking": [{"name": reading, "confidence": 0.8}]}
    asked = asked_beside(knowledge, message, knowledge.uncovered.subjects[subject])
    assert (asked.key if asked else None) == topic


def test_who_gets_hired_in_other_words(agent: Agent) -> None:
    assert entities(agent, "is project management still male-dominated")["subject"] == (
        "who gets hired"
    )


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("does the job come with a pension", "benefits"),
        ("could chatgpt replace tpms", "automation"),
    ],
)
def test_subjects_in_their_everyday_names(agent: Agent, text: str, subject: str) -> None:
    assert entities(agent, text)["subject"] == subject


@pytest.mark.parametrize(
    "text", ["how long until i can become a tpm", "junior scheduler here, how long until im a tpm"]
)
def test_how_long_to_get_into_the_job_asks_the_experience_not_a_promotion(
    agent: Agent, text: str
) -> None:
    """The sources give the years it takes (three of management in IT); how long a promotion
    takes, which they don't give, is not what is asked."""
    assert parsed(agent, text)["intent"]["name"] == "ask_experience"
    assert "subject" not in entities(agent, text)


def test_how_long_until_a_promotion_is_the_subject_they_leave_out(agent: Agent) -> None:
    assert entities(agent, "how many years until i can be promoted to senior tpm")["subject"] == (
        "promotion timeline"
    )
