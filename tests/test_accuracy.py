"""Understanding, measured on a fixed sample of every evaluation set against the real servers.

`make accuracy` runs the full sets and writes docs/ACCURACY.md, with the targets and whether
they are met; this runs SAMPLE messages of each set (the same ones every run) so that `make test`
fails when understanding falls below FLOORS: two points under what the full sets measured when
the floors were set, since a sample of 150 moves by about that much. Where a floor is below its
target (benchmarks.accuracy.TARGETS), docs/ACCURACY.md says the target is missed. The HWU64 files
are evaluation data only: a test also fails when training data repeats more than a handful of
their lines.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from benchmarks.accuracy import (
    ASKED_SETS,
    EVERYDAY,
    OFFTOPIC,
    TARGETS,
    Outcome,
    evaluate,
    evaluation_sets,
    hwu_cases,
    scores,
    training_texts,
)
from benchmarks.asked import (
    Judge,
    evaluate_asked,
    folded,
    load_conversations,
    scored,
    training_words,
)
from benchmarks.asked import share as share_of
from benchmarks.reply_kinds import ReplyKinds
from knowledge.loader import Knowledge
from tests.servers import Stack

SAMPLE = 150
FLOORS = {
    "holdout": 0.93,
    "blind": 0.95,
    "offtopic": 0.97,
    # Declines after an answer, where a short request may be taken for a follow-up.
    "offtopic_after": 0.95,
    "everyday": 0.98,
}
# Short common phrases ("what can you do", "skip") may be written independently in both.
MAX_COINCIDING_LINES = 20


@pytest.fixture(scope="module")
def outcomes(stack: Stack, knowledge: Knowledge) -> list[Outcome]:
    cases, _ = evaluation_sets(SAMPLE, knowledge)
    return evaluate(stack.rasa_url, cases, knowledge)


@pytest.mark.server
@pytest.mark.parametrize("set_name", sorted(FLOORS))
def test_each_set_stays_above_its_floor(outcomes: list[Outcome], set_name: str) -> None:
    misses = defaultdict(list)
    for outcome in outcomes:
        if outcome.case.set_name == set_name and not outcome.right:
            misses[outcome.reply.kind].append(outcome.case.text)
    score = scores(outcomes)[set_name]
    assert score >= FLOORS[set_name], f"{set_name}: {score:.1%}; misses: {dict(misses)}"


def test_no_floor_is_above_its_target() -> None:
    assert all(FLOORS[name] <= TARGETS[name] for name in TARGETS)


def test_training_data_keeps_the_evaluation_sets_apart() -> None:
    trained = training_texts()
    for path in (OFFTOPIC, EVERYDAY):
        _, left_out = hwu_cases(path, path.stem, trained)
        assert left_out <= MAX_COINCIDING_LINES, (
            f"{left_out} lines of {path.name} are training data"
        )


# The blind sets on what was asked, whole (benchmarks/asked.py): each turn judged by what the
# reply says. Floors a little under what `make accuracy` measured (docs/ACCURACY.md).
ASKED_FLOORS = {
    "asked": 0.9,
    "asked_2": 0.93,
    "asked_3": 0.92,
    "asked_4": 0.9,
    "asked_5": 0.9,
    "asked_6": 0.89,
    "asked_7": 0.86,
    "asked_8": 0.92,
    "asked_9": 0.92,
    "asked_10": 0.88,
    "asked_11": 0.93,
    "asked_12": 0.86,
    "asked_13": 0.93,
    "asked_14": 0.9,
    "asked_15": 0.9,
    "asked_16": 0.93,
    "asked_17": 0.91,
    "asked_18": 0.91,
    "asked_19": 0.92,
    "asked_20": 0.93,
    "asked_21": 0.93,
    "asked_22": 0.91,
    "asked_23": 0.92,
    "asked_24": 0.89,
    "asked_25": 0.93,
    "asked_26": 0.93,
    "asked_27": 0.91,
    "asked_28": 0.93,
    "asked_29": 0.94,
    "asked_30": 0.89,
    "asked_31": 0.94,
    "asked_32": 0.96,
}


@pytest.mark.server
@pytest.mark.parametrize("set_name", sorted(ASKED_FLOORS))
def test_each_asked_set_stays_above_its_floor(
    stack: Stack, knowledge: Knowledge, set_name: str
) -> None:
    judged = scored(evaluate_asked(stack.rasa_url, knowledge, ASKED_SETS[set_name]))
    misses = [f"{j.turn.text!r}: {j.why}" for j in judged if not j.right]
    assert share_of(judged) >= ASKED_FLOORS[set_name], "\n".join(misses)


# Short everyday replies ("hmm", "how much does a tpm make") are written alike by the blind
# writers and in the training data; such turns are sent but left out of the score. More than
# this share of a set would mean it measures memory.
MAX_COINCIDING_SHARE = 0.15
MAX_COINCIDING_WORDS = 11


def test_asked_sets_are_not_training_data() -> None:
    trained = training_words()
    for path in ASKED_SETS.values():
        turns = [turn for conversation in load_conversations(path) for turn in conversation]
        coinciding = [turn.text for turn in turns if folded(turn.text) in trained]
        assert len(coinciding) <= MAX_COINCIDING_SHARE * len(turns), coinciding
        # Never a longer question: those are written, not coincided on. (Eleven words: the
        # fifth blind writer, who never saw data/, wrote "what skills do i need to be a tpm" and
        # "do i need a pmp to be a tpm" as the training data has them, the seventh "i'm a
        # project coordinator, how do i become a tpm" and "write me a cover letter for a
        # technical project manager job"; all are left out of their sets' scores.)
        assert all(len(text.split()) <= MAX_COINCIDING_WORDS for text in coinciding), coinciding


def test_a_reply_quoting_only_a_tpm_answers_passages_answers_that_topic(
    knowledge: Knowledge,
) -> None:
    """ "My sources mention the Project Scheduler only as one of … to report to a TPM" says
    who reports to a TPM, from the same passage; it says nothing of the TPM's pay."""
    answered = ReplyKinds(knowledge).answered_by_text
    tpm = knowledge.default_role.key
    scheduler = knowledge.roles["project_scheduler"].answers["overview"].text
    assert (tpm, "who_reports") in answered[scheduler]
    assert (tpm, "salary") not in answered[scheduler]
    # Quoted within a longer passage of the TPM's answer.
    coordinator = knowledge.roles["project_coordinator"].answers["overview"].text
    assert {role_topic for role_topic in answered[coordinator] if role_topic[0] == tpm} == {
        (tpm, "difference_coordinator")
    }


def test_a_level_said_to_be_no_described_job_is_said_to_be_left_out(knowledge: Knowledge) -> None:
    """ "can a tpm become a director of engineering": "My sources don't describe the director"
    says plainly what they leave out; the TPM's answer alone does not."""
    judge = Judge(knowledge)
    described = knowledge.messages["not_described"].format(role="the director")
    answer = knowledge.default_role.answers["career_advancement"].text
    assert judge.not_covered([{"text": described}, {"text": answer}], "seniority")
    assert not judge.not_covered([{"text": answer}], "seniority")
    assert not judge.not_covered([{"text": described}], "place")


def test_what_the_sources_leave_out_counts_when_said_after_another_note(
    knowledge: Knowledge,
) -> None:
    """ "My sources don't describe the contractor … My sources don't speak of Ireland in
    particular"; "Sorry, I can't do that: my sources don't speak of which employers pay
    most"."""
    judge = Judge(knowledge)
    described = knowledge.messages["not_described"].format(role="the contractor")
    general = knowledge.messages["not_specific"].format(qualifier="Ireland")
    assert judge.not_covered([{"text": f"{described} {general}"}], "place")
    assert not judge.not_covered([{"text": described}], "place")
    subject = knowledge.messages["uncovered_subject"].format(subject="pay", topic="the pay")
    declined = f"Sorry, I can't do that: {subject[0].lower()}{subject[1:]}"
    assert judge.not_covered([{"text": declined}], "subject")
    assert not judge.not_covered([{"text": "Sorry, I can't do that."}], "subject")
