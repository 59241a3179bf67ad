"""Evidence on demand and "Tell me more" on real Trackers: the passages behind the last answer,
each under its source's title, and the next part of a long answer (no server)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.evidence import ActionShowEvidence, ActionTellMore, evidence_messages
from actions.replies import PART_ENTITY, answer_messages, evidence_record
from knowledge.loader import Knowledge
from knowledge.records import MAX_MESSAGE_WORDS, word_count
from tests.trackers import as_bot_events, in_conversation

MAX_TURN_MESSAGES = 4
# Evidence asked for in the middle of the readiness check is followed by the check's question
# again: the passages may take all the turn's messages but one.
MAX_EVIDENCE_MESSAGES = MAX_TURN_MESSAGES - 1


def run(action: Action, tracker: Tracker) -> list[dict[str, Any]]:
    dispatcher = CollectingDispatcher()
    assert asyncio.run(action.run(dispatcher, tracker, {})) == []
    return dispatcher.messages


def answered(knowledge: Knowledge, topic: str) -> list[dict[str, Any]]:
    role = knowledge.default_role
    return answer_messages(knowledge, role, knowledge.topics[topic], role.answers[topic])


def shown(messages: list[dict[str, Any]]) -> str:
    return "\n".join(message["text"] for message in messages)


@pytest.mark.parametrize("asked", ["where does it say that?", "is that true?", "/ask_evidence"])
def test_evidence_gives_the_verbatim_passages_of_the_last_answer(
    knowledge: Knowledge, asked: str
) -> None:
    before = as_bot_events(answered(knowledge, "salary"))
    messages = run(ActionShowEvidence(), in_conversation("ask_evidence", asked, before))
    text = shown(messages)
    salary = knowledge.default_role.answers["salary"]
    for quote in salary.first.quotes:
        assert f"“{quote.text}”" in text
        assert quote.source.title in text
    # Only what the last message said: the parts not shown yet are not quoted.
    for quote in salary.more[0].quotes:
        assert quote.text not in text
    # The next part is still offered; showing the evidence again is not.
    titles = [b["title"] for b in messages[-1]["buttons"]]
    assert titles[0] == "Tell me more" and "Show the source text" not in titles


def test_a_button_under_an_older_answer_follows_up_that_answer(knowledge: Knowledge) -> None:
    salary, hours = answered(knowledge, "salary"), answered(knowledge, "working_hours")
    before = as_bot_events(salary) + as_bot_events(hours)
    [button] = [b for b in salary[-1]["buttons"] if b["title"] == "Show the source text"]
    part = json.loads("{" + button["payload"].split("{", 1)[1])[PART_ENTITY]
    clicked = in_conversation(
        "ask_evidence", button["payload"], before, entities=[{"entity": PART_ENTITY, "value": part}]
    )
    text = shown(run(ActionShowEvidence(), clicked))
    for quote in knowledge.default_role.answers["salary"].first.quotes:
        assert quote.text in text
    # Typed, the question follows up the latest answer: the working hours.
    typed = shown(run(ActionShowEvidence(), in_conversation("ask_evidence", "proof?", before)))
    for quote in knowledge.default_role.answers["working_hours"].first.quotes:
        assert quote.text in typed
    assert "$99,910" not in typed


def test_tell_me_more_gives_the_next_part_then_says_when_there_is_no_more(
    knowledge: Knowledge,
) -> None:
    daily = knowledge.default_role.answers["daily_duties"]
    turn = as_bot_events(answered(knowledge, "daily_duties"))
    seen = [daily.text]
    for index, part in enumerate(daily.more):
        messages = run(ActionTellMore(), in_conversation("tell_more", "tell me more", turn))
        assert messages[0]["text"] == part.text
        assert messages[1]["text"].startswith(("Source: ", "Sources: "))
        titles = [b["title"] for b in messages[1]["buttons"]]
        assert ("Tell me more" in titles) == (index < len(daily.more) - 1)
        assert "Show the source text" in titles
        seen.append(messages[0]["text"])
        turn = as_bot_events(messages)
        # "where does it say that?" now quotes the part just shown.
        evidence = shown(run(ActionShowEvidence(), in_conversation("ask_evidence", "?", turn)))
        for quote in part.quotes:
            assert quote.text in evidence
    assert seen == [p.text for p in daily.parts]
    [done] = run(ActionTellMore(), in_conversation("tell_more", "more", turn))
    assert done["text"] == knowledge.messages["more_related"]


def test_before_any_answer_evidence_names_the_sources_and_more_asks_what_about(
    knowledge: Knowledge,
) -> None:
    [sources] = run(ActionShowEvidence(), in_conversation("ask_evidence", "is that true?", []))
    assert sources["text"].startswith(knowledge.messages["sources_intro"])
    [more] = run(ActionTellMore(), in_conversation("tell_more", "tell me more", []))
    assert more["text"] == knowledge.messages["more_no_answer"]


def test_evidence_of_every_part_of_every_answer_fits_one_turn_of_chat_bubbles(
    knowledge: Knowledge,
) -> None:
    for role in knowledge.roles.values():
        for topic, answer in role.answers.items():
            for index, part in enumerate(answer.parts):
                messages = evidence_messages(knowledge, evidence_record(part.quotes))
                where = f"{role.key}.{topic} part {index}"
                assert 1 <= len(messages) <= MAX_EVIDENCE_MESSAGES, where
                for message in messages:
                    assert word_count(message["text"]) <= MAX_MESSAGE_WORDS, where
                for quote in part.quotes:
                    assert f"“{quote.text}”" in shown(messages), where


@pytest.mark.parametrize("topic", ["experience", "salary", "education"])
def test_tell_me_more_after_the_last_part_offers_the_answers_that_hold_the_rest(
    knowledge: Knowledge, topic: str
) -> None:
    """The experience answer ends, but the associate route and the promotion "after getting
    enough experience" are in other answers: "Tell me more" offers those, first."""
    answer = knowledge.default_role.answers[topic]
    turn = as_bot_events(answered(knowledge, topic))
    for _ in answer.more:
        turn = as_bot_events(run(ActionTellMore(), in_conversation("tell_more", "more", turn)))
    [done] = run(ActionTellMore(), in_conversation("tell_more", "more", turn))
    assert done["text"] == knowledge.messages["more_related"]
    wanted = knowledge.topics[topic].more_in
    assert wanted
    offered = [button["payload"].split("{")[0] for button in done["buttons"]]
    assert offered[: len(wanted)] == [f"/ask_{key}" for key in wanted]
