"""What each job a message names is to its question, and where a question looks past the job.

components/role_reading.py (a job likened to the TPM), components/career_steps.py (a level
above it, what comes after it) and the pay rules of components/reading_rules.py (a conversion
of pay, a day rate), run in-process on the trained model as the Rasa server runs them.
"""

from __future__ import annotations

import pytest
from rasa.core.agent import Agent

from knowledge.currencies import converts_pay
from tests.trained_nlu import parsed


@pytest.mark.parametrize(
    ("text", "other", "compared"),
    [
        ("is a tpm the same as a program manager", "program manager", True),
        ("tpm vs product manager, which should i go for", "product manager", True),
        ("whats a release manager and is it like a tpm", "release manager", True),
        ("any difference vs a solutions engineer?", "solutions engineer", True),
        ("which pays more, tpm or data scientist", "data scientist", True),
        ("do tpms work with business analysts", "business analysts", False),
    ],
)
def test_a_job_likened_to_the_one_asked_about_is_marked_compared(
    agent: Agent, text: str, other: str, compared: bool
) -> None:
    found = [e for e in parsed(agent, text)["entities"] if e["entity"] == "other_role"]
    assert [e["value"] for e in found] == [other]
    assert (found[0].get("role") == "compared") is compared


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("is principal tpm a thing i could aim for?", "ask_career_advancement"),
        ("could i start my own business after being a tpm", "ask_career_advancement"),
        ("could i become a tpm after being a coordinator", "ask_readiness"),
        ("can i become a tpm", "ask_readiness"),
    ],
)
def test_a_question_past_the_job_is_about_where_it_leads(
    agent: Agent, text: str, intent: str
) -> None:
    assert parsed(agent, text)["intent"]["name"] == intent


@pytest.mark.parametrize(
    "text",
    [
        "convert 99910 dollars into euros for me",
        "whats 88k in pounds",
        "whats a typical day rate then",
        "what is the hourly rate for a tpm",
    ],
)
def test_pay_in_another_currency_or_by_the_day_is_a_question_of_pay(
    agent: Agent, text: str
) -> None:
    assert parsed(agent, text)["intent"]["name"] == "ask_salary"


@pytest.mark.parametrize(
    ("text", "pay"),
    [
        ("can u convert the us number to rupees", True),
        ("how much is the salary in yen", True),
        ("convert 100 dollars to euros", False),
        ("whats the exchange rate for yen", False),
        ("how many pesos is 50 dollars", False),
        ("what would that be in reais", True),
        ("tpm salary in zlotys?", True),
    ],
)
def test_only_pay_is_a_conversion_of_pay(text: str, pay: bool) -> None:
    """An exchange rate or a small sum is an errand, declined as off-topic."""
    assert converts_pay(text) is pay
