"""A subject the sources don't speak of, read with the trained model (components/reading_rules.py):
asked of the job it is said so, with what they say nearest; named in an errand it is not.
"""

from __future__ import annotations

import pytest
from rasa.core.agent import Agent

from tests.trained_nlu import parsed


@pytest.mark.parametrize(
    "text",
    ["do they travel abroad for work", "could i be a tpm working part-time"],
)
def test_a_subject_asked_of_the_job_is_a_question_on_it(agent: Agent, text: str) -> None:
    assert parsed(agent, text)["intent"]["name"] == "ask_uncovered"


def test_a_subject_named_in_an_errand_is_not(agent: Agent) -> None:
    assert parsed(agent, "book me a vacation in hawaii")["intent"]["name"] != "ask_uncovered"
