"""components/hierarchy.py: the place of "who" tells up from down, whatever the words around it."""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rasa.core.agent import Agent

from components.hierarchy import ABOVE, BELOW, directed, direction
from tests.servers import MODEL

AUXILIARIES = ["do", "does", "would", "will", "should", "could", "did"]
SUBJECTS = ["a tpm", "the technical project manager", "i", "they", "a senior TPM", "you"]
SUPERVISING = ["supervise", "oversee", "manage", "lead", "direct"]
SUPERVISES = ["supervises", "oversees", "manages", "leads", "directs"]
REPORTING = ["report to", "answer to", "report up to", "report directly to"]
REPORTS = ["reports to", "answers to", "reports up to"]
TAILS = ["", "?", " in this role", " as a tpm", " on a project"]


@given(
    st.sampled_from(["who", "whom"]),
    st.sampled_from(AUXILIARIES),
    st.sampled_from(SUBJECTS),
    st.sampled_from(SUPERVISING),
    st.sampled_from(TAILS),
)
def test_who_as_the_object_of_supervising_looks_down(
    who: str, auxiliary: str, subject: str, verb: str, tail: str
) -> None:
    assert direction(f"{who} {auxiliary} {subject} {verb}{tail}") == BELOW


@given(st.sampled_from(SUPERVISES), st.sampled_from(SUBJECTS), st.sampled_from(TAILS))
def test_who_as_the_subject_of_supervising_looks_up(verb: str, obj: str, tail: str) -> None:
    assert direction(f"who {verb} {obj}{tail}") == ABOVE


@given(
    st.sampled_from(AUXILIARIES),
    st.sampled_from(SUBJECTS),
    st.sampled_from(REPORTING),
    st.sampled_from(TAILS),
)
def test_who_as_the_object_of_reporting_looks_up(
    auxiliary: str, subject: str, verb: str, tail: str
) -> None:
    assert direction(f"who {auxiliary} {subject} {verb}{tail}") == ABOVE


@given(st.sampled_from(REPORTS), st.sampled_from(SUBJECTS), st.sampled_from(TAILS))
def test_who_as_the_subject_of_reporting_looks_down(verb: str, obj: str, tail: str) -> None:
    assert direction(f"who {verb} {obj}{tail}") == BELOW


def test_auxiliaries_before_the_verb_keep_who_the_subject() -> None:
    assert direction("who would report to me") == BELOW
    assert direction("who will be reporting to me if I take this job") == BELOW
    assert direction("who is going to manage me") == ABOVE
    assert direction("who would I be managing") == BELOW
    assert direction("who will end up managing the tpm") == ABOVE
    assert direction("who would eventually report to me") == BELOW
    assert direction("who is usually supervising a tpm") == ABOVE


def test_other_questions_have_no_direction() -> None:
    for text in [
        "what does a tpm do",
        "who hires tpms",
        "who would be my boss",
        "who is my supervisor as a TPM",
        "does a tpm manage project coordinators",
        "how much does a project manager make",
    ]:
        assert direction(text) is None, text


def ranking(*pairs: tuple[str, float]) -> list[dict[str, object]]:
    return [{"name": name, "confidence": confidence} for name, confidence in pairs]


def test_the_direction_decides_between_the_two_topics() -> None:
    unsure = ranking(("ask_reports_to", 0.56), ("ask_who_reports", 0.43), ("ask_duties", 0.01))
    assert directed(unsure, BELOW) == ranking(
        ("ask_who_reports", 0.99), ("ask_duties", 0.01), ("ask_reports_to", 0.0)
    )
    assert directed(unsure, ABOVE)[0] == {"name": "ask_reports_to", "confidence": 0.99}
    assert directed(unsure, None) == unsure


def test_other_topics_keep_their_ranking() -> None:
    duties = ranking(("ask_duties", 0.7), ("ask_daily_duties", 0.2), ("ask_who_reports", 0.1))
    assert directed(duties, ABOVE) == duties
    # One of the two first, the other not ranked: it takes its place, the ranking keeps its size.
    alone = ranking(("ask_who_reports", 0.6), ("ask_duties", 0.3), ("ask_skills", 0.1))
    decided = directed(alone, ABOVE)
    assert [guess["name"] for guess in decided] == ["ask_reports_to", "ask_duties", "ask_skills"]
    assert len(decided) == len(alone)


@pytest.fixture(scope="module")
def agent() -> Agent:
    return Agent.load(MODEL)


def test_the_model_answers_each_way_of_a_reporting_line(agent: Agent) -> None:
    """Through the trained model: the same words, in both orders, reach both topics."""
    asked = {
        "who does a tpm supervise": "ask_who_reports",
        "who supervises a tpm": "ask_reports_to",
        "who would report to me as a technical project manager": "ask_who_reports",
        "who would I report to as a technical project manager": "ask_reports_to",
        "whom does the TPM oversee": "ask_who_reports",
        "who oversees the TPM": "ask_reports_to",
    }
    got = {text: asyncio.run(agent.parse_message(text))["intent"]["name"] for text in asked}
    assert got == asked
