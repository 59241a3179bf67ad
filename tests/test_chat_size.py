"""No message over 70 words, anywhere: every part of every answer of every role, every message
of the knowledge file, the domain's responses, the replies built around them and every
readiness result, page by page, with the evidence behind each page."""

from __future__ import annotations

import itertools

import pytest
import yaml

from actions.evidence import evidence_messages
from actions.readiness import assess, result_messages
from actions.replies import not_covered_messages, unknown_role_messages
from knowledge.loader import Knowledge
from knowledge.records import MAX_MESSAGE_WORDS, word_count
from tests.readiness_profiles import profiles
from tests.servers import ROOT

MAX_TURN_MESSAGES = 4
# Evidence asked for in the middle of the readiness check is followed by the check's question
# again: the passages may take all the turn's messages but one.
MAX_EVIDENCE_MESSAGES = MAX_TURN_MESSAGES - 1


def assert_chat_sized(text: str, where: str) -> None:
    words = word_count(text)
    assert words <= MAX_MESSAGE_WORDS, f"{where}: {words} words: {text!r}"


def test_every_part_of_every_answer_of_every_role(knowledge: Knowledge) -> None:
    for role in knowledge.roles.values():
        for topic, answer in role.answers.items():
            for index, part in enumerate(answer.parts):
                assert_chat_sized(part.text, f"{role.key}.{topic} part {index}")


def test_every_message_of_the_knowledge_file(knowledge: Knowledge) -> None:
    for key, text in knowledge.messages.items():
        assert_chat_sized(text, f"messages.{key}")


def test_every_response_of_the_domain() -> None:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    for name, variants in domain["responses"].items():
        for variant in variants:
            assert_chat_sized(variant["text"], name)


def test_replies_built_around_answers(knowledge: Knowledge) -> None:
    for role, topic in itertools.product(knowledge.roles.values(), knowledge.topics.values()):
        if topic.key not in role.answers:
            for message in not_covered_messages(knowledge, role, topic):
                assert_chat_sized(message["text"], f"not covered: {role.key}.{topic.key}")
    for message in unknown_role_messages(knowledge, "x" * 500, knowledge.topics["salary"]):
        assert_chat_sized(message["text"], "unknown role")


def test_every_readiness_result_page_by_page(knowledge: Knowledge) -> None:
    for profile in profiles(knowledge):
        messages = result_messages(knowledge, assess(profile, knowledge))
        assert len(messages) <= MAX_TURN_MESSAGES
        pages = [*(m["text"] for m in messages), *(p["text"] for p in messages[-1]["more"])]
        for text in pages:
            assert_chat_sized(text, f"readiness result for {profile}")
        for evidence in [messages[-1]["evidence"], *(p["evidence"] for p in messages[-1]["more"])]:
            shown = evidence_messages(knowledge, evidence)
            assert 1 <= len(shown) <= MAX_EVIDENCE_MESSAGES, f"evidence for {profile}"
            for message in shown:
                assert_chat_sized(message["text"], f"evidence for {profile}")


@pytest.mark.parametrize("words", [MAX_MESSAGE_WORDS + 1, 2 * MAX_MESSAGE_WORDS])
def test_the_check_fails_on_a_long_message(words: int) -> None:
    with pytest.raises(AssertionError):
        assert_chat_sized("word " * words, "example")
