"""How well the assistant understands people: every message sent to the real servers.

`python -m benchmarks.accuracy [--sample N]` (`make accuracy`) starts the action server and the
Rasa server with the trained model, sends each evaluation message as the first message of a new
conversation over REST (some inside the readiness check, below), and judges the reply the person
gets, not NLU's guess:

- in scope (`tests/nlu/holdout.yml`, written with the training data, and `tests/nlu/blind.yml`,
  written by someone who had read only the two sources and the topic list): right when the reply
  is the answer (or the honest "my sources don't cover it") for the expected topic and role
  (for a level of the TPM, a senior TPM, also the TPM's answer, which the reply says is what
  the sources say of every TPM, except on what it takes to reach the level); a fallback is
  wrong. The readiness check's own messages, its answers ("maybe 10", "finance")
  and "stop", are sent where they mean something, inside the check (started with its button):
  an answer is right when the check goes on with it (the next question, or the same one asked
  again), a stop when the check stops;
- off-topic (`tests/nlu/hwu64/hwu64_offtopic.tsv`): right when it is declined: no TPM answer,
  no readiness check (nor an offer of it), no "I don't know the role"; the report also gives
  the share declined outright, with the scope or fallback message; `offtopic_after` sends a
  fixed sample of them again, each right after an answer about the pay, judged the same;
- everyday (`tests/nlu/hwu64/hwu64_everyday.tsv`): right when the turn has 1–4 messages,
  none repeated, and no TPM facts;
- what was asked (`tests/nlu/blind_asked.yml`, `_2.yml`, `_3.yml`): messages and
  short conversations on who asks, which role, where, and what the sources leave out, each turn
  judged by what its reply says (benchmarks/asked.py).

A reply is recognised by its text, which comes from the knowledge file (`ReplyKinds`). Lines of
the HWU64 files that are also training examples are left out and counted. The full run writes
`docs/ACCURACY.md` and `results/accuracy.json`; `--sample N` measures N lines of each set
(drawn with a fixed seed), as the tests do.

This module is the command: it asks the running servers and writes the results. The sets and
the rules above are benchmarks/accuracy_cases.py; the page, with the targets,
benchmarks/accuracy_report.py.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import aiohttp

from benchmarks.accuracy_cases import (
    ASKED_SETS,
    EVERYDAY,
    OFFTOPIC,
    ROOT,
    Case,
    Outcome,
    evaluation_sets,
    hwu_cases,
    judge,
    training_texts,
)
from benchmarks.accuracy_report import ASKED_TARGET, TARGETS, report, scores
from benchmarks.asked import evaluate_asked, scored
from benchmarks.asked import share as share_of
from benchmarks.reply_kinds import Reply, ReplyKinds
from knowledge.loader import DEFAULT_KNOWLEDGE_FILE, Knowledge, load_knowledge

# The names callers (tests/test_accuracy.py) import from here, wherever they are defined.
__all__ = [
    "ASKED_SETS",
    "EVERYDAY",
    "OFFTOPIC",
    "TARGETS",
    "Outcome",
    "ask_all",
    "evaluate",
    "evaluation_sets",
    "hwu_cases",
    "main",
    "scores",
    "training_texts",
]

REPORT = ROOT / "docs" / "ACCURACY.md"
RESULTS = ROOT / "results" / "accuracy.json"
CONCURRENCY = 8
REQUEST_TIMEOUT_S = 60


async def ask_all(rasa_url: str, cases: list[Case]) -> list[list[dict[str, Any]] | None]:
    """Send each case in a conversation of its own (after its `before` messages); None where
    the call failed."""
    url = f"{rasa_url.rstrip('/')}/webhooks/rest/webhook"
    run = uuid.uuid4().hex[:8]
    slots = asyncio.Semaphore(CONCURRENCY)
    replies: list[list[dict[str, Any]] | None] = [None] * len(cases)

    async def ask(session: aiohttp.ClientSession, index: int) -> None:
        async with slots:
            sender = f"acc-{run}-{index}"
            try:
                for text in (*cases[index].before, cases[index].text):
                    body = {"sender": sender, "message": text}
                    async with session.post(url, json=body) as response:
                        replies[index] = await response.json() if response.status == 200 else None
                    if replies[index] is None:
                        break
            except (aiohttp.ClientError, asyncio.TimeoutError):
                replies[index] = None

    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        await asyncio.gather(*(ask(session, index) for index in range(len(cases))))
    return replies


def evaluate(rasa_url: str, cases: list[Case], knowledge: Knowledge) -> list[Outcome]:
    """Ask every case of the running servers and judge each reply."""
    kinds = ReplyKinds(knowledge)
    replies = asyncio.run(ask_all(rasa_url, cases))
    outcomes = []
    for case, messages in zip(cases, replies, strict=True):
        if messages is None:
            outcomes.append(Outcome(case, False, Reply("error"), 0))
        else:
            right, reply = judge(case, messages, kinds)
            outcomes.append(Outcome(case, right, reply, len(messages)))
    return outcomes


def main(argv: list[str] | None = None) -> int:
    from tests.servers import running_stack

    parser = argparse.ArgumentParser(prog="python -m benchmarks.accuracy", description=__doc__)
    parser.add_argument("--sample", type=int, help="measure this many lines of each set")
    parser.add_argument("--report", type=Path, default=REPORT)
    args = parser.parse_args(argv)
    knowledge = load_knowledge(DEFAULT_KNOWLEDGE_FILE)
    cases, left_out = evaluation_sets(args.sample, knowledge)
    work = ROOT / "results" / "accuracy"
    started = time.perf_counter()
    with running_stack(work) as stack:
        outcomes = evaluate(stack.rasa_url, cases, knowledge)
        asked = {
            name: evaluate_asked(stack.rasa_url, knowledge, path)
            for name, path in ASKED_SETS.items()
        }
    seconds = time.perf_counter() - started
    for name, value in scores(outcomes).items():
        print(f"{name}: {value:.1%} (target {TARGETS[name]:.0%})")
    for name, judged in asked.items():
        print(f"{name}: {share_of(scored(judged)):.1%} (target {ASKED_TARGET:.0%})")
    if args.sample is None:
        text = report(outcomes, left_out, seconds, asked)
        args.report.write_text(text, encoding="utf-8")
        print(f"wrote {args.report.relative_to(ROOT)}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            [
                {
                    "set": o.case.set_name,
                    "text": o.case.text,
                    "label": o.case.label,
                    "right": o.right,
                    "reply": o.reply.kind,
                    "role": o.reply.role,
                    "topic": o.reply.topic,
                }
                for o in outcomes
            ],
            indent=1,
        ),
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
