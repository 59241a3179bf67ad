"""A subject the sources don't speak of that no lookup names: the nearest topic, or the menu."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.scope import ActionShowTopics
from actions.uncovered import ActionAnswerUncovered
from knowledge.loader import Knowledge
from tests.trackers import after_message

TPM = {"entity": "role", "value": "technical project manager", "start": 4, "end": 8}


def replies(ranking: list[tuple[str, float]], entities: list[dict[str, Any]]) -> list[str]:
    tracker = after_message(
        "are tpms alike everywhere", [{"name": n, "confidence": c} for n, c in ranking]
    )
    tracker.latest_message["entities"] = entities
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionAnswerUncovered().run(dispatcher, tracker, {}))
    return [message["text"] for message in dispatcher.messages]


def test_a_question_about_the_job_gets_the_nearest_topic(knowledge: Knowledge) -> None:
    said = replies([("ask_uncovered", 0.32), ("ask_types", 0.24), ("ask_employers", 0.16)], [TPM])
    types = knowledge.topics["types"]
    assert said[0] == knowledge.messages["uncovered_unnamed"].format(topic=types.in_a_sentence)
    assert said[1] == knowledge.default_role.answers["types"].text


@pytest.mark.parametrize(
    ("ranking", "entities"),
    [
        # Naming no job: it may be any request.
        ([("ask_uncovered", 0.5), ("ask_types", 0.3)], []),
        # No topic near enough.
        ([("ask_uncovered", 0.8), ("ask_types", 0.05), ("greet", 0.04)], [TPM]),
        ([("ask_uncovered", 0.6), ("out_of_scope", 0.3), ("greet", 0.05)], [TPM]),
    ],
)
def test_otherwise_what_the_sources_cover(
    knowledge: Knowledge, ranking: list[tuple[str, float]], entities: list[dict[str, Any]]
) -> None:
    assert replies(ranking, entities) == [knowledge.messages["uncovered_unknown"]]


def test_unsure_between_a_subject_and_a_topic_says_both(knowledge: Knowledge) -> None:
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.3},
        {"name": "ask_uncovered", "confidence": 0.29},
        {"name": "ask_salary", "confidence": 0.27},
    ]
    tracker = after_message("which firms pay tpms best", ranking)
    tracker.latest_message["entities"] = [TPM]
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionShowTopics().run(dispatcher, tracker, {}))
    said = [message["text"] for message in dispatcher.messages]
    salary = knowledge.topics["salary"]
    assert said[0] == knowledge.messages["uncovered_unnamed"].format(topic=salary.in_a_sentence)
    assert said[1] == knowledge.default_role.answers["salary"].text
