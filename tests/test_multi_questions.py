"""Where a message asks a second question (serving.multi_questions)."""

from __future__ import annotations

import pytest

from serving.multi_questions import question_parts


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "What does a TPM earn and what degree do I need?",
            ["What does a TPM earn", "what degree do I need?"],
        ),
        (
            "who reports to a TPM? and who do they report to?",
            ["who reports to a TPM?", "who do they report to?"],
        ),
        (
            "how much do they earn; what hours do they work",
            ["how much do they earn", "what hours do they work"],
        ),
    ],
)
def test_two_questions_are_split(text: str, parts: list[str]) -> None:
    assert question_parts(text) == parts


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("in short: salary, education, outlook", ["salary", "education"]),
        ("tell me everything - pay, working hours", ["pay", "working hours"]),
        ("duties, skills and pay?", ["duties", "skills"]),
        ("salary, hours, outlook - sum it up for me", ["salary", "hours"]),
    ],
)
def test_a_list_of_topics_is_its_first_two_questions(text: str, parts: list[str]) -> None:
    assert question_parts(text) == parts


@pytest.mark.parametrize(
    "text",
    [
        # Two items and no lead-in, or an item too long to be a topic's name.
        "pay, hours",
        "so basically: what do they earn in a year, and hours",
        "tpm vs coordinator, which pays more",
        # A sentence with "and" and a comma is no list.
        "pay and hours, as far as i can tell",
    ],
)
def test_what_is_no_list_of_topics_stays_whole(text: str) -> None:
    assert question_parts(text) == [text]


@pytest.mark.parametrize(
    "text",
    [
        "what is the difference between a TPM and a project coordinator",
        "pros and cons of being a TPM",
        "who reports to a TPM and a coordinator",
        "pay and hours, as far as i can tell",
        "what does a TPM earn? what do they do? and what hours?",
        "yes? no",
    ],
)
def test_one_question_or_a_list_stays_whole(text: str) -> None:
    assert question_parts(text) == [text]


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("whats the pay and hours like", ["whats the pay like", "whats the hours like"]),
        (
            "what skills and education do I need",
            ["what skills do I need", "what education do I need"],
        ),
        ("what does a TPM do and earn?", ["what does a TPM do?", "what does a TPM earn?"]),
        ("salary and education", ["salary", "education"]),
    ],
)
def test_two_words_joined_by_and_are_two_questions(text: str, parts: list[str]) -> None:
    """Each with one of the words; serving/processor.py keeps the split only when NLU reads the
    two as questions of different topics."""
    assert question_parts(text) == parts
