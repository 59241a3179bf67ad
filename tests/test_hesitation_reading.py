"""A reply that opens hedging is a hesitation, read with the trained model
(components/reading_rules.py): never a "yes", nor the readiness check started.
"""

from __future__ import annotations

import pytest
from rasa.core.agent import Agent

from tests.trained_nlu import first_reading


@pytest.mark.parametrize(
    "text", ["perhaps", "not sure im ready for that yet", "hmm not sure", "dunno, maybe"]
)
def test_a_hedge_is_a_hesitation(agent: Agent, text: str) -> None:
    assert first_reading(agent, text) == "hesitate"


def test_a_hedge_about_becoming_a_tpm_asks_whether_one_could(agent: Agent) -> None:
    """ "idk if im ready to be a tpm" names the job: the question of the readiness check."""
    assert first_reading(agent, "not sure if im ready to be a tpm") == "ask_readiness"


def test_undecided_between_jobs_is_a_question_not_a_hesitation(agent: Agent) -> None:
    assert first_reading(agent, "tpm or software engineer, cant decide") != "hesitate"


@pytest.mark.parametrize("text", ["alright fine, lets do the check", "yeah ok, start the check"])
def test_the_check_named_as_the_thing_to_do_is_the_check(agent: Agent, text: str) -> None:
    """Not a "yes" to whatever was said last: the check is asked for, offered or not."""
    assert first_reading(agent, text) == "ask_readiness"
