"""components/follow_ups.py marks the short messages that can only lean on the answer before
them ("wait is that per month?"), and never an off-topic request ("tell me a joke then")."""

from __future__ import annotations

from typing import Any

import pytest
from rasa.core.agent import Agent
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.follow_ups import content_words, folded, follow_up_mark, vocabulary
from tests.servers import MODEL
from tests.trained_nlu import entities

# Shares of the career's questions and of the off-topic requests that use each word.
CAREER = {
    **dict.fromkeys(("average", "tpm", "long", "take", "roughly", "consulting", "graduate"), 0.01),
    "list": 0.001,
    "play": 0.001,
}
OFF_TOPIC = {
    **dict.fromkeys(("joke", "weather", "remind", "tomorrow", "wait", "month", "time"), 0.01),
    "list": 0.02,
    "play": 0.05,
}


def period(text: str, words: str) -> list[dict[str, Any]]:
    start = text.index(words)
    return [{"entity": "period", "start": start, "end": start + len(words), "value": words}]


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        ("ok what's the overall average then", True),
        ("fine just give me the tpm number", False),  # nothing points back
        ("how long would that take roughly", True),
        ("what about consulting", True),
        ("and after i graduate?", True),
        ("tell me a joke then", False),
        ("remind me about it tomorrow", False),
        ("where is that from", False),  # no word about the career
        ("what is that on the list", False),  # a word of both, used more in requests
        ("how long would that take roughly if i study hard every single day", False),  # long
    ],
)
def test_a_short_message_about_the_career_that_points_back_is_marked(
    text: str, marked: bool
) -> None:
    assert (follow_up_mark(text, [], CAREER, OFF_TOPIC) is not None) is marked


def test_a_qualifier_is_not_read_as_an_off_topic_word() -> None:
    """ "month" is in off-topic requests ("remind me next month"); as the pay period asked
    about, it is a qualifier, and the message can follow up the pay."""
    text = "is that per month?"
    mark = follow_up_mark(text, period(text, "per month"), CAREER, OFF_TOPIC)
    assert mark is not None and mark["value"] == "that"


def test_a_qualifier_beside_a_word_of_requests_is_a_request() -> None:
    text = "play it in spanish"
    place = [{"entity": "place", "start": 11, "end": 18, "value": "spanish"}]
    assert follow_up_mark(text, place, CAREER, OFF_TOPIC) is None


def test_the_word_that_points_back_is_the_entity() -> None:
    text = "how long would that take roughly"
    mark = follow_up_mark(text, [], CAREER, OFF_TOPIC)
    assert mark is not None
    assert text[mark["start"] : mark["end"]] == "that"
    assert mark["entity"] == "follows_up"


def test_words_are_folded_so_plurals_count() -> None:
    assert folded("Averages") == "average"
    assert folded("salaries") == "salary"
    assert folded("TPM's") == "tpm"
    assert content_words("ok so what's the average then") == ["average"]


def test_the_vocabularies_come_from_the_training_examples() -> None:
    data = TrainingData(
        [
            Message(data={"text": "what is the average salary", "intent": "ask_salary"}),
            Message(data={"text": "tell me a joke", "intent": "out_of_scope"}),
        ]
    )
    assert vocabulary(data, lambda name: name.startswith("ask_")) == {"average": 1, "salary": 1}
    assert vocabulary(data, lambda name: name == "out_of_scope") == {"tell": 1, "joke": 1}


@pytest.fixture(scope="module")
def trained_agent() -> Agent:
    return Agent.load(MODEL)


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        ("wait is that per month?", True),
        ("ok what's the overall average then", True),
        ("how long would that take roughly", True),
        ("tell me a joke then", False),
        ("whats the weather like there", False),
        ("remind me about it tomorrow", False),
        ("send that to my email", False),
    ],
)
def test_the_trained_model_marks_follow_ups_and_not_requests(
    trained_agent: Agent, text: str, marked: bool
) -> None:
    assert ("follows_up" in entities(trained_agent, text)) is marked
