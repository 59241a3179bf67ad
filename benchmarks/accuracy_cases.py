"""What `make accuracy` sends and how it judges each reply (benchmarks/accuracy.py).

The evaluation sets (the in-scope NLU files, the HWU64 off-topic and everyday lines, the blind
sets on what was asked) read into cases, each with what a right reply is, and `judge`, which
applies the rules benchmarks/accuracy.py's docstring states. Apart from the command that runs
the servers and from the report it writes, so the rules can be read, and the sets drawn, without
either.
"""

from __future__ import annotations

import csv
import json
import random
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from benchmarks.asked import (
    ASKED,
    ASKED_2,
    ASKED_3,
    ASKED_4,
    ASKED_5,
    ASKED_6,
    ASKED_7,
    ASKED_8,
    ASKED_9,
    ASKED_10,
    ASKED_11,
    ASKED_12,
    ASKED_13,
    ASKED_14,
    ASKED_15,
    ASKED_16,
    ASKED_17,
    ASKED_18,
    ASKED_19,
    ASKED_20,
    ASKED_21,
    ASKED_22,
    ASKED_23,
    ASKED_24,
    ASKED_25,
    ASKED_26,
    ASKED_27,
    ASKED_28,
    ASKED_29,
    ASKED_30,
    ASKED_31,
    ASKED_32,
)
from benchmarks.reply_kinds import (
    ABOUT_THE_ROLE,
    ANSWER,
    EXPECTED_BY_INTENT,
    IN_CHECK_INTENTS,
    MAX_MESSAGES,
    NOT_COVERED,
    NOT_DECLINED,
    START_CHECK,
    UNKNOWN_ROLE,
    Reply,
    ReplyKinds,
)
from knowledge.loader import Knowledge

ROOT = Path(__file__).resolve().parent.parent
# HWU64 (CC BY 4.0, NOTICE), kept in the repository: tests/nlu/hwu64/README.md.
OFFTOPIC_DIR = ROOT / "tests" / "nlu" / "hwu64"
HOLDOUT = ROOT / "tests" / "nlu" / "holdout.yml"
BLIND = ROOT / "tests" / "nlu" / "blind.yml"
OFFTOPIC = OFFTOPIC_DIR / "hwu64_offtopic.tsv"
EVERYDAY = OFFTOPIC_DIR / "hwu64_everyday.tsv"
SEED = 20261129
# Off-topic requests sent again right after an answer ("how much does a tpm make"), where a
# conversation about the career may lean a message towards the last topic: a fixed sample.
AFTER_AN_ANSWER = "how much does a tpm make"
OFFTOPIC_AFTER_SAMPLE = 1000
# The blind sets on what was asked (benchmarks/asked.py): the first was used to improve the
# assistant; each later one was measured once, unseen, and then its misses studied in turn
# (docs/ACCURACY.md says of each how far its figure is fitted).
ASKED_SETS = {
    "asked": ASKED,
    "asked_2": ASKED_2,
    "asked_3": ASKED_3,
    "asked_4": ASKED_4,
    "asked_5": ASKED_5,
    "asked_6": ASKED_6,
    "asked_7": ASKED_7,
    "asked_8": ASKED_8,
    "asked_9": ASKED_9,
    "asked_10": ASKED_10,
    "asked_11": ASKED_11,
    "asked_12": ASKED_12,
    "asked_13": ASKED_13,
    "asked_14": ASKED_14,
    "asked_15": ASKED_15,
    "asked_16": ASKED_16,
    "asked_17": ASKED_17,
    "asked_18": ASKED_18,
    "asked_19": ASKED_19,
    "asked_20": ASKED_20,
    "asked_21": ASKED_21,
    "asked_22": ASKED_22,
    "asked_23": ASKED_23,
    "asked_24": ASKED_24,
    "asked_25": ASKED_25,
    "asked_26": ASKED_26,
    "asked_27": ASKED_27,
    "asked_28": ASKED_28,
    "asked_29": ASKED_29,
    "asked_30": ASKED_30,
    "asked_31": ASKED_31,
    "asked_32": ASKED_32,
}


@dataclass(frozen=True)
class Case:
    """One evaluation message and what a right reply is."""

    set_name: str
    text: str
    label: str
    # For topic questions: the expected (role key or None for an unknown job, topic key).
    role: str | None = None
    topic: str | None = None
    # Messages sent first, in the same conversation; their replies are not judged.
    before: tuple[str, ...] = ()


@dataclass
class Outcome:
    case: Case
    right: bool
    reply: Reply
    messages: int


def in_scope_cases(path: Path, set_name: str, knowledge: Knowledge) -> list[Case]:
    """The examples of a Rasa NLU file, each with the role and topic its answer must be about."""
    from rasa.shared.nlu.training_data.loading import load_data

    cases = []
    for message in load_data(str(path)).intent_examples:
        intent = message.get("intent")
        roles = [e["value"] for e in message.get("entities") or [] if e.get("entity") == "role"]
        topic = knowledge.topic_for_intent(intent)
        role = knowledge.find_role(str(roles[0]) if roles else None)
        if topic is not None and topic.answered_by is not None:
            role = knowledge.roles[topic.answered_by]
        cases.append(
            Case(
                set_name,
                message.get("text"),
                intent,
                role.key if role else None,
                topic.key if topic else None,
                (START_CHECK,) if intent in IN_CHECK_INTENTS else (),
            )
        )
    return cases


def training_texts() -> set[str]:
    """Every training example, folded, to leave out evaluation lines that coincide with one."""
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(ROOT / "data" / "nlu"))
    return {m.get("text").strip().casefold() for m in data.intent_examples}


def hwu_cases(path: Path, set_name: str, trained: set[str]) -> tuple[list[Case], int]:
    """The lines of an HWU64 file not also in the training data, and how many were left out."""
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    kept = [r for r in rows if r["text"].strip().casefold() not in trained]
    return [Case(set_name, r["text"], r["intent"]) for r in kept], len(rows) - len(kept)


OFFTOPIC_SETS = ("offtopic", "offtopic_after")


def after_an_answer(cases: list[Case]) -> list[Case]:
    """A fixed sample of the off-topic cases, each sent after an answer about the pay."""
    sample = random.Random(SEED).sample(cases, min(OFFTOPIC_AFTER_SAMPLE, len(cases)))
    return [replace(case, set_name="offtopic_after", before=(AFTER_AN_ANSWER,)) for case in sample]


def judge(case: Case, messages: list[dict[str, Any]], kinds: ReplyKinds) -> tuple[bool, Reply]:
    """Whether the reply to `case` is right, and what it was."""
    reply = kinds.of(messages)
    if case.set_name == "everyday":
        shown = [json.dumps(m, sort_keys=True) for m in messages]
        one_turn = 1 <= len(messages) <= MAX_MESSAGES and len(set(shown)) == len(shown)
        return one_turn and reply.kind not in ABOUT_THE_ROLE, reply
    if case.set_name in OFFTOPIC_SETS:
        return reply.kind not in NOT_DECLINED, reply
    if case.topic is not None:
        if case.role is None:
            return reply.kind == UNKNOWN_ROLE, reply
        right_kind = reply.kind in (ANSWER, NOT_COVERED)
        expected = {(case.role, case.topic)}
        role = kinds.knowledge.roles.get(case.role)
        reaching = kinds.knowledge.special_topics.reaching_a_level
        if role is not None and role.level_of and case.topic not in reaching:
            # "What does a senior TPM earn?": no figure for that level, then the TPM's figures;
            # "who reports to a sr TPM": nothing of that level in particular, then the TPM's.
            expected.add((role.level_of, case.topic))
        return right_kind and (reply.role, reply.topic) in expected, reply
    return reply.kind in EXPECTED_BY_INTENT.get(case.label, {case.label}), reply


def evaluation_sets(sample: int | None, knowledge: Knowledge) -> tuple[list[Case], dict[str, int]]:
    """All cases (or `sample` of each set, fixed by SEED) and the HWU64 lines left out."""
    trained = training_texts()
    offtopic, off_left = hwu_cases(OFFTOPIC, "offtopic", trained)
    everyday, every_left = hwu_cases(EVERYDAY, "everyday", trained)
    sets = {
        "holdout": in_scope_cases(HOLDOUT, "holdout", knowledge),
        "blind": in_scope_cases(BLIND, "blind", knowledge),
        "offtopic": offtopic,
        "offtopic_after": after_an_answer(offtopic),
        "everyday": everyday,
    }
    if sample is not None:
        sets = {
            name: random.Random(SEED).sample(cases, min(sample, len(cases)))
            for name, cases in sets.items()
        }
    cases = [case for cases in sets.values() for case in cases]
    return cases, {"offtopic": off_left, "everyday": every_left}
