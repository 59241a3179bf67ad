"""Each action's output, built from a real Tracker and CollectingDispatcher (no server)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.replies import unknown_role_messages
from actions.scope import ActionListSources, ActionShowTopics
from actions.topic_answers import ActionAnswerTopic
from knowledge.loader import Knowledge, load_knowledge
from tests.conftest import KnowledgeWriter
from tests.declared import ANSWERED, DEFAULT_ROLE_TOPICS, ROLES
from tests.trackers import after_message


def tracker_for(intent: str, role: str | None = None, text: str = "question") -> Tracker:
    return after_message(text, [{"name": intent, "confidence": 0.99}], role=role)


def run(action: Action, tracker: Tracker) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, {}))
    return dispatcher.messages, events


@pytest.mark.parametrize("topic", DEFAULT_ROLE_TOPICS)
def test_every_tpm_topic_is_answered_with_source_and_follow_ups(
    knowledge: Knowledge, topic: str
) -> None:
    messages, events = run(ActionAnswerTopic(), tracker_for(f"ask_{topic}"))
    answer = knowledge.default_role.answers[topic]
    assert messages[0]["text"] == answer.text
    assert messages[1]["text"].startswith(("Source: ", "Sources: "))
    for source in answer.sources:
        assert source.title in messages[1]["text"]
    buttons = messages[1]["buttons"]
    # "Tell me more" while the answer has more, "Show the source text", then the follow-ups.
    titles = [b["title"] for b in buttons]
    expected = ["Tell me more", "Show the source text"] if answer.more else ["Show the source text"]
    assert titles[: len(expected)] == expected
    follow_ups = buttons[len(expected) :]
    assert 2 <= len(follow_ups) <= 3
    assert all(b["payload"].startswith("/ask_") for b in follow_ups)
    # The passages behind the direct reply and the parts still to come travel with the answer.
    assert messages[1]["evidence"] == [[q.source.key, q.text] for q in answer.first.quotes]
    assert [page["text"] for page in messages[1]["more"]] == [p.text for p in answer.more]
    # The topic is remembered for a follow-up that names only a new role.
    assert events == [SlotSet("topic", topic)]


@pytest.mark.parametrize(("role", "topic"), ANSWERED)
def test_every_role_gets_its_own_answer_on_each_topic_it_covers(
    knowledge: Knowledge, role: str, topic: str
) -> None:
    alias = knowledge.roles[role].aliases[0]
    messages, _ = run(ActionAnswerTopic(), tracker_for(f"ask_{topic}", alias))
    answered_by = knowledge.topics[topic].answered_by or role
    assert messages[0]["text"] == knowledge.roles[answered_by].answers[topic].text


@pytest.mark.parametrize("role", ROLES)
def test_every_role_is_found_by_each_of_its_aliases(knowledge: Knowledge, role: str) -> None:
    for alias in knowledge.roles[role].aliases:
        assert knowledge.find_role(alias) is knowledge.roles[role]


def test_follow_up_keeps_the_coordinator(knowledge: Knowledge) -> None:
    messages, events = run(ActionAnswerTopic(), tracker_for("ask_reports_to", "coordinators"))
    assert messages[0]["text"] == knowledge.roles["project_coordinator"].answers["reports_to"].text
    assert events == [SlotSet("topic", "reports_to"), SlotSet("role", "project coordinator")]


def test_topic_the_sources_do_not_cover_is_not_guessed() -> None:
    messages, _ = run(ActionAnswerTopic(), tracker_for("ask_salary", "project coordinator"))
    assert len(messages) == 1
    text = messages[0]["text"]
    assert "don't cover salary for a project coordinator" in text
    assert "$" not in text
    titles = [b["title"] for b in messages[0]["buttons"]]
    assert "What does a TPM earn?" in titles


def test_unknown_role_is_named_and_forgotten() -> None:
    messages, events = run(ActionAnswerTopic(), tracker_for("ask_salary", "data scientist"))
    assert "I don't know the role “data scientist”" in messages[0]["text"]
    assert "$" not in messages[0]["text"]
    assert events == [SlotSet("role", None), SlotSet("topic", "salary")]


def test_role_slot_set_by_intent_syntax_is_still_checked() -> None:
    forged = "<script>alert(1)</script>" + "x" * 500
    messages, events = run(ActionAnswerTopic(), tracker_for("ask_salary", forged))
    assert "I don't know the role" in messages[0]["text"]
    assert len(messages[0]["text"]) < 400
    assert events == [SlotSet("role", None), SlotSet("topic", "salary")]


def test_comparison_is_answered_whichever_role_is_in_focus(knowledge: Knowledge) -> None:
    messages, events = run(
        ActionAnswerTopic(), tracker_for("ask_difference_coordinator", "project coordinator")
    )
    expected = knowledge.default_role.answers["difference_coordinator"].text
    assert messages[0]["text"] == expected
    assert events == [SlotSet("topic", "difference_coordinator")]


@pytest.mark.parametrize(
    ("intent", "message_key"),
    [
        ("greet", "greeting"),
        ("ask_capabilities", "capabilities"),
        ("out_of_scope", "out_of_scope"),
        ("nlu_fallback", "fallback"),
    ],
)
def test_scope_messages_offer_the_menu(knowledge: Knowledge, intent: str, message_key: str) -> None:
    messages, _ = run(ActionShowTopics(), tracker_for(intent))
    assert messages[0]["text"] == knowledge.messages[message_key]
    assert [b["title"] for b in messages[0]["buttons"]] == [
        knowledge.topics[key].button.format(role="a TPM") for key in knowledge.menu
    ]


def test_sources_are_listed(knowledge: Knowledge) -> None:
    messages, _ = run(ActionListSources(), tracker_for("ask_sources"))
    for source in knowledge.sources.values():
        assert source.title in messages[0]["text"]


def test_replies_offer_the_topics_the_knowledge_file_names(
    knowledge_variant: KnowledgeWriter,
) -> None:
    path = knowledge_variant(lambda d: d["special_topics"].update(after_unknown_role=["types"]))
    changed = load_knowledge(path)
    buttons = unknown_role_messages(changed, "astronaut", None)[0]["buttons"]
    assert [b["title"] for b in buttons] == [changed.topics["types"].button]
