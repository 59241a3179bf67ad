"""Every message the actions can say, and every sentence in it traced to the knowledge file.

The messages are produced, not imagined: every role (the ones described, the types of TPM, the
jobs named in passing, one unknown) × every topic × the ways a question reaches beyond the
sources (a place, a period, a seniority, a subject they don't speak of, an unknown job beside
the TPM), every part "Tell me more" gives, every readiness result over a grid of profiles and
the evidence behind each. Each message is then taken apart: the knowledge file's quoted
sentences (answers, requirements, what the sources leave out) are removed, and what remains
must be the knowledge file's own messages with their blanks filled by short phrases, a sources
line, or passages found word for word in a source. A sentence the code wrote itself fails.
Messages that are the assistant's own reading carry its label (`own_readings`), and our
suggestions always follow theirs.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Any

import pytest

from actions.evidence import evidence_messages
from actions.readiness import assess, result_messages
from knowledge.checks import comparable
from knowledge.loader import Knowledge
from tests.readiness_profiles import profiles
from tests.topic_turns import KNOWLEDGE, answered

GROUNDED = "\x00"
# A blank is a phrase: a role, a topic's title, a list of labels. It never ends a sentence.
BLANK = r"(?:[^\n\x00.!?]|[.!?](?![\s\x00]|$))+?"
ASKED_BEYOND: list[tuple[dict[str, Any], list[dict[str, Any]]]] = [
    ({}, []),
    ({"place": "Canada"}, []),
    ({"period": "per month"}, []),
    ({"seniority": "junior"}, []),
    ({}, [{"entity": "subject", "value": "stress"}]),
    ({}, [{"entity": "other_role", "value": "scrum master"}]),
]


def grounded_sentences(knowledge: Knowledge) -> list[str]:
    """Every sentence of the knowledge file that comes with its quotes, longest first."""
    found = set()
    for role in knowledge.roles.values():
        for answer in role.answers.values():
            found.update(sentence.text for part in answer.parts for sentence in part.sentences)
    for requirement in knowledge.requirements.every:
        found.update(sentence.text for sentence in (*requirement.says, *requirement.helps))
    for part in knowledge.uncovered.figures.values():
        found.update(sentence.text for sentence in part.sentences)
    for job in knowledge.uncovered.mentioned.values():
        found.update(sentence.text for sentence in job.says.sentences)
    return sorted(found, key=len, reverse=True)


def template(text: str) -> str:
    """A message of the knowledge file as a pattern: its blanks stand for short phrases."""
    pieces = re.split(r"\{[a-z_]+\}", text)
    return BLANK.join(re.escape(piece) for piece in pieces)


def message_pattern(knowledge: Knowledge) -> re.Pattern[str]:
    """What may remain of a message once its quoted sentences are taken out."""
    messages = knowledge.messages
    suggestion = re.escape(messages["suggestion_label"])
    suggestions = [r.suggestion for r in knowledge.requirements.every if r.suggestion]
    allowed = [
        *(template(text) for text in messages.values()),
        # Our own advice, never without its label.
        *(f"{suggestion} {re.escape(text)}" for text in suggestions),
        # The line under an answer naming its sources, and the list of them.
        r"Sources?: “[^”]+” \([^)]+\)(?:; “[^”]+” \([^)]+\))*",
        *(rf"• {re.escape(s.citation)}, a {re.escape(s.kind)}" for s in knowledge.sources.values()),
        # Evidence: a passage, checked word for word against its source separately.
        r"“[^”]+”",
        GROUNDED,
    ]
    one = "|".join(f"(?:{pattern})" for pattern in sorted(allowed, key=len, reverse=True))
    return re.compile(rf"(?:\s*(?:{one}))+\s*")


def said(messages: list[dict[str, Any]]) -> Iterator[str]:
    """The text of each message, each part still to come, and the evidence behind each."""
    for message in messages:
        if message.get("text"):
            yield message["text"]
        pages = [message, *(message.get("more") or [])]
        for page in pages[1:]:
            yield page["text"]
        for page in pages:
            if page.get("evidence"):
                for shown in evidence_messages(KNOWLEDGE, page["evidence"]):
                    yield shown["text"]


def every_topic_turn() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    roles = [role.aliases[0] for role in KNOWLEDGE.roles.values()]
    jobs = [job.names[0] for job in KNOWLEDGE.uncovered.mentioned.values()]
    for role, topic, (slots, entities) in itertools.product(
        [None, *roles, *jobs, "astronaut"], KNOWLEDGE.topics, ASKED_BEYOND
    ):
        where = f"{role} × {topic} × {slots or entities}"
        yield where, answered(f"ask_{topic}", role, slots, entities)


def every_readiness_result() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    for profile in profiles(KNOWLEDGE):
        yield str(profile), result_messages(KNOWLEDGE, assess(profile, KNOWLEDGE))


GROUNDED_SENTENCES = grounded_sentences(KNOWLEDGE)
ALLOWED = message_pattern(KNOWLEDGE)
SOURCES = [comparable(source.text) for source in KNOWLEDGE.sources.values()]


def check_traced(text: str, where: str) -> None:
    rest = text
    for sentence in GROUNDED_SENTENCES:
        rest = rest.replace(sentence, GROUNDED)
    assert ALLOWED.fullmatch(rest), f"{where}: not from the knowledge file: {rest!r}"
    for passage in re.findall(r"“([^”]+)”", text):
        if text.startswith(KNOWLEDGE.messages["evidence_from"].split("{")[0]):
            assert any(comparable(passage) in source for source in SOURCES), (
                f"{where}: {passage!r} is in no source"
            )


@pytest.mark.parametrize(
    ("where", "messages"),
    [*every_topic_turn(), *every_readiness_result()],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_every_sentence_said_is_sourced_or_the_knowledge_files_own(
    where: str, messages: list[dict[str, Any]]
) -> None:
    for text in said(messages):
        check_traced(text, where)


def test_the_turns_cover_every_role_topic_and_result() -> None:
    turns = list(every_topic_turn())
    wanted = (len(KNOWLEDGE.roles) + len(KNOWLEDGE.uncovered.mentioned) + 2) * len(KNOWLEDGE.topics)
    assert len(turns) == wanted * len(ASKED_BEYOND)
    assert len(list(every_readiness_result())) == len(profiles(KNOWLEDGE))


@pytest.mark.parametrize(
    "made_up",
    [
        "TPMs earn $150,000 in Canada.",
        "My sources don't cover salary for a TPM. TPMs usually work remotely.",
        "• Degree: you have a bachelor's degree. Employers love that.",
    ],
)
def test_a_sentence_the_code_made_up_is_caught(made_up: str) -> None:
    with pytest.raises(AssertionError):
        check_traced(made_up, "example")


def test_own_readings_carry_their_label() -> None:
    labels = KNOWLEDGE.own_reading_labels
    assert KNOWLEDGE.own_readings
    for key in KNOWLEDGE.own_readings:
        text = KNOWLEDGE.messages[key].casefold()
        assert any(label.casefold() in text for label in labels), key
