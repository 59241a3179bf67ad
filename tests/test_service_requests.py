"""components.service_requests: a request to the assistant told from a question about the job."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from components.intent_classifier import CascadeIntentClassifier
from components.service_requests import (
    asks_a_question,
    asks_as_one_already,
    asks_for_things,
    asks_to_be_told,
    given_not,
    is_request,
)

OPENINGS = ["", "hey ", "ok ", "can you ", "could u ", "pls ", "please ", "can you please "]
HANDING_VERBS = ["recommend", "suggest", "give me", "find me", "send me", "list", "point me to"]
THINGS = ["a bootcamp", "some tools", "an online course", "a personality test"]


@pytest.mark.parametrize("opening", OPENINGS)
@pytest.mark.parametrize("verb", HANDING_VERBS)
@pytest.mark.parametrize("thing", THINGS)
def test_asking_to_be_handed_things_in_any_clause(opening: str, verb: str, thing: str) -> None:
    text = f"{opening}{verb} {thing}"
    assert asks_for_things(text)
    assert asks_for_things(f"im a student, {text}")
    assert asks_for_things(f"recruiter here - {text}")


@pytest.mark.parametrize(
    "text",
    [
        "can you tell me about stress in this job",
        "what tools do tpms use",
        "do tpms take bootcamps",
        "is a bootcamp enough to become a tpm",
        "what would you say about remote work",
    ],
)
def test_a_question_about_things_hands_nothing_over(text: str) -> None:
    assert not asks_for_things(text)


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("recruiter here, can you write a job ad", True),
        ("im a student. make me a study plan", True),
        ("recruiter here - what should i look for in a tpm", False),
        # An order opens with its verb.
        ("translate the tpm duties into spanish", True),
        ("convert the salary to euros", True),
        ("write my weekly status update", True),
        ("what does a tpm write in a status report", False),
        ("transfers between teams, how do they work", False),
        ("what does a tpm earn", False),
    ],
)
def test_a_request_in_any_clause(text: str, wanted: bool) -> None:
    assert is_request(text) is wanted


@pytest.mark.parametrize(
    "text",
    ["why?", "ok why", "could i actually do it", "im a vet, been wondering. can i do this?"],
)
def test_a_question_in_any_clause(text: str) -> None:
    assert asks_a_question(text)


@pytest.mark.parametrize(
    "text", ["yes", "sure, why not", "yeah lets do it", "ok go ahead", "sounds good to me"]
)
def test_a_yes_is_no_question(text: str) -> None:
    assert not asks_a_question(text)


@pytest.mark.parametrize(
    ("text", "told"),
    [
        ("can you tell me if my background fits", True),
        ("pls tell me whether tpms travel", True),
        ("ok. could u explain to me what a tpm does", True),
        ("can you review my cv", False),
        ("tell me more", True),
        ("can you write me a cover letter", False),
    ],
)
def test_asking_to_be_told_is_a_question(text: str, told: bool) -> None:
    assert asks_to_be_told(Message(data={"text": text})) is told


def test_a_service_named_is_a_service_however_politely_asked() -> None:
    message = Message(data={"text": "can you tell me how to fix my cv"})
    message.set("entities", [{"entity": "service", "value": "cv"}])
    assert not asks_to_be_told(message)


def asker(value: str) -> Message:
    return Message(data={"text": "…", "entities": [{"entity": "asker_role", "value": value}]})


@pytest.mark.parametrize(
    ("value", "readiness", "already"),
    [
        ("technical project manager", 0.6, True),
        ("senior technical project manager", 0.6, True),
        # "I'm already a TPM, what's the next step for me?": the check close behind.
        ("technical project manager", 0.44, True),
        ("technical project manager", 0.0, False),
        ("teacher", 0.6, False),
        ("project coordinator", 0.6, False),
    ],
)
def test_someone_who_does_the_job_is_not_asking_whether_they_could(
    value: str, readiness: float, already: bool
) -> None:
    config = CascadeIntentClassifier.get_default_config()
    ranking = [
        {"name": "ask_readiness", "confidence": readiness},
        {"name": "ask_career_advancement", "confidence": 0.4},
    ]
    assert asks_as_one_already(asker(value), ranking, config) is already


def test_given_not_rescales_what_is_left() -> None:
    ranking = [
        {"name": "ask_readiness", "confidence": 0.5},
        {"name": "ask_career_advancement", "confidence": 0.3},
        {"name": "ask_salary", "confidence": 0.2},
    ]
    assert given_not(ranking, "ask_readiness") == [
        {"name": "ask_career_advancement", "confidence": pytest.approx(0.6)},
        {"name": "ask_salary", "confidence": pytest.approx(0.4)},
        {"name": "ask_readiness", "confidence": 0.0},
    ]
    assert given_not(ranking, "ask_types") == ranking


@pytest.mark.parametrize(
    ("text", "choosing"),
    [
        ("which bootcamp should i take", True),
        ("what's the best online course for future tpms", True),
        ("help me pick which company to join", True),
        ("top 3 books for a new tpm?", True),
        # Questions about what the job needs are not choices made for the asker.
        ("what skills should i learn", False),
        ("what is the best part of being a tpm", False),
        ("top skills for a tpm", False),
    ],
)
def test_asking_the_assistant_to_choose_is_asking_for_things(text: str, choosing: bool) -> None:
    assert asks_for_things(text) is choosing
