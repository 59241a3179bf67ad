"""How well the assistant understands people: every message sent to the real servers.

`python -m benchmarks.accuracy [--sample N]` (`make accuracy`) starts the action server and the
Rasa server with the trained model, sends each evaluation message as the first message of a new
conversation over REST (some inside the readiness check, below), and judges the reply the person
gets, not NLU's guess:

- in scope (`tests/nlu/holdout.yml`, written with the training data, and `tests/nlu/blind.yml`,
  written by someone who had read only the two sources and the topic list): right when the reply
  is the answer (or the honest "my sources don't cover it") for the expected topic and role;
  a fallback is wrong. The readiness check's own messages, its answers ("maybe 10", "finance")
  and "stop", are sent where they mean something, inside the check (started with its button):
  an answer is right when the check goes on with it (the next question, or the same one asked
  again), a stop when the check stops;
- off-topic (`tests/nlu/hwu64/hwu64_offtopic.tsv`): right when it is declined: no TPM answer,
  no readiness check (nor an offer of it), no "I don't know the role"; the report also gives
  the share declined outright, with the scope or fallback message;
- everyday (`tests/nlu/hwu64/hwu64_everyday.tsv`): right when the turn has 1–4 messages,
  none repeated, and no TPM facts;
- what was asked (`tests/nlu/blind_asked.yml`, `_2.yml`, `_3.yml`): messages and
  short conversations on who asks, which role, where, and what the sources leave out, each turn
  judged by what its reply says (benchmarks/asked.py).

A reply is recognised by its text, which comes from the knowledge file (`ReplyKinds`). Lines of
the HWU64 files that are also training examples are left out and counted. The full run writes
`docs/ACCURACY.md` and `results/accuracy.json`; `--sample N` measures N lines of each set
(drawn with a fixed seed), as the tests do.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import random
import sys
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp

from actions.knowledge import DEFAULT_KNOWLEDGE_FILE, Knowledge, load_knowledge
from benchmarks.asked import (
    ASKED,
    ASKED_2,
    ASKED_3,
    ASKED_4,
    Judged,
    asked_report,
    evaluate_asked,
    scored,
)
from benchmarks.asked import share as share_of
from benchmarks.reply_kinds import (
    ABOUT_THE_ROLE,
    ANSWER,
    DECLINED,
    EXPECTED_BY_INTENT,
    IN_CHECK_INTENTS,
    MAX_MESSAGES,
    NOT_COVERED,
    NOT_DECLINED,
    START_CHECK,
    UNKNOWN_ROLE,
    Reply,
    ReplyKinds,
    markdown_table,
)

ROOT = Path(__file__).resolve().parent.parent
# HWU64 (CC BY 4.0, NOTICE), kept in the repository: tests/nlu/hwu64/README.md.
OFFTOPIC_DIR = ROOT / "tests" / "nlu" / "hwu64"
HOLDOUT = ROOT / "tests" / "nlu" / "holdout.yml"
BLIND = ROOT / "tests" / "nlu" / "blind.yml"
OFFTOPIC = OFFTOPIC_DIR / "hwu64_offtopic.tsv"
EVERYDAY = OFFTOPIC_DIR / "hwu64_everyday.tsv"
REPORT = ROOT / "docs" / "ACCURACY.md"
RESULTS = ROOT / "results" / "accuracy.json"
SEED = 20261129
CONCURRENCY = 8
REQUEST_TIMEOUT_S = 60
# Targets of the issue that asked for these figures.
TARGETS = {"holdout": 0.98, "blind": 0.98, "offtopic": 0.97, "everyday": 1.0}
# The blind sets on what was asked (benchmarks/asked.py): the first was used to improve the
# assistant; the second measured once that was done, then its misses studied in turn; the third
# only measured after that.
ASKED_TARGET = 0.95
ASKED_SETS = {"asked": ASKED, "asked_2": ASKED_2, "asked_3": ASKED_3, "asked_4": ASKED_4}
# What each of those sets can and cannot show, said beside its figure.
ASKED_NOTES = {
    "asked": (
        "This set was used while the features it tests were built: after its first runs, "
        "subject, service and place words, and examples of whether it's worth it and of "
        "starting the check, were added to the training data (never its lines), so its figure "
        "is partly fitted to it."
    ),
    "asked_2": (
        "Written by another blind writer once that work was done and first measured without "
        "changes made for it (84.8%); its misses then showed where the mechanisms fell short "
        "(the asker's job beside the one wanted, US cities, a service beside the check, "
        "subjects mid-conversation), so its figure is now partly fitted to it too."
    ),
    "asked_3": (
        "Written by a third blind writer after the changes made for the first two sets, and "
        "first measured without changes made for it: 85.5%, the figure for questions the "
        "project had never seen. Its misses were then studied in turn (a job's name holding a "
        "subject's word, the asker's years, requests to sign up, subjects such as dress codes "
        "and personality types), so later figures are partly fitted to it."
    ),
    "asked_4": (
        "Written by a fourth blind writer after the readiness verdicts and the jobs named in "
        "passing were reworked, and first measured without changes made for it: 79.8%, the "
        "figure for questions the project had never seen. Its misses were then studied "
        "(comparisons with a job the sources don't describe, two names of one role, a short "
        'reply holding only a qualifier, "and …?" follow-ups, "a telecom one", levels '
        "such as intern or new), so later figures are partly fitted to it."
    ),
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


def judge(case: Case, messages: list[dict[str, Any]], kinds: ReplyKinds) -> tuple[bool, Reply]:
    """Whether the reply to `case` is right, and what it was."""
    reply = kinds.of(messages)
    if case.set_name == "everyday":
        shown = [json.dumps(m, sort_keys=True) for m in messages]
        one_turn = 1 <= len(messages) <= MAX_MESSAGES and len(set(shown)) == len(shown)
        return one_turn and reply.kind not in ABOUT_THE_ROLE, reply
    if case.set_name == "offtopic":
        return reply.kind not in NOT_DECLINED, reply
    if case.topic is not None:
        if case.role is None:
            return reply.kind == UNKNOWN_ROLE, reply
        right_kind = reply.kind in (ANSWER, NOT_COVERED)
        expected = {(case.role, case.topic)}
        role = kinds.knowledge.roles.get(case.role)
        if role is not None and role.level_of and case.topic in kinds.knowledge.uncovered.figures:
            # "What does a senior TPM earn?": no figure for that level, then the TPM's figures.
            expected.add((role.level_of, case.topic))
        return right_kind and (reply.role, reply.topic) in expected, reply
    return reply.kind in EXPECTED_BY_INTENT.get(case.label, {case.label}), reply


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


@dataclass
class Outcome:
    case: Case
    right: bool
    reply: Reply
    messages: int


def evaluation_sets(sample: int | None, knowledge: Knowledge) -> tuple[list[Case], dict[str, int]]:
    """All cases (or `sample` of each set, fixed by SEED) and the HWU64 lines left out."""
    trained = training_texts()
    offtopic, off_left = hwu_cases(OFFTOPIC, "offtopic", trained)
    everyday, every_left = hwu_cases(EVERYDAY, "everyday", trained)
    sets = {
        "holdout": in_scope_cases(HOLDOUT, "holdout", knowledge),
        "blind": in_scope_cases(BLIND, "blind", knowledge),
        "offtopic": offtopic,
        "everyday": everyday,
    }
    if sample is not None:
        sets = {
            name: random.Random(SEED).sample(cases, min(sample, len(cases)))
            for name, cases in sets.items()
        }
    cases = [case for cases in sets.values() for case in cases]
    return cases, {"offtopic": off_left, "everyday": every_left}


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


def share(outcomes: list[Outcome]) -> float:
    return sum(o.right for o in outcomes) / len(outcomes) if outcomes else 0.0


def scores(outcomes: list[Outcome]) -> dict[str, float]:
    """The share of right replies in each evaluation set."""
    by_set: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        by_set[outcome.case.set_name].append(outcome)
    return {name: share(items) for name, items in by_set.items()}


def breakdown(outcomes: list[Outcome], set_name: str, key: str) -> list[list[str]]:
    """Rows of (group, right/total, share) for one set, grouped by `key` of the case."""
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        if outcome.case.set_name == set_name:
            value = getattr(outcome.case, key) or "none"
            if set_name == "offtopic":
                value = value.split("_")[0]
            groups[value].append(outcome)
    return [
        [name, f"{sum(o.right for o in items)}/{len(items)}", f"{share(items):.1%}"]
        for name, items in sorted(groups.items())
    ]


def report(
    outcomes: list[Outcome],
    left_out: dict[str, int],
    seconds: float,
    asked: dict[str, list[Judged]],
) -> str:
    """docs/ACCURACY.md: the figures, their targets, where the misses are, and examples."""
    figures = scores(outcomes)
    counts = Counter(o.case.set_name for o in outcomes)
    rows = [
        [
            name,
            str(counts[name]),
            f"{figures[name]:.1%}",
            f"≥ {TARGETS[name]:.0%}",
            "yes" if figures[name] >= TARGETS[name] else "**no**",
        ]
        for name in TARGETS
    ]
    for name, judged in asked.items():
        right = share_of(scored(judged))
        met = "yes" if right >= ASKED_TARGET else "**no**"
        rows.append([name, str(len(scored(judged))), f"{right:.1%}", f"≥ {ASKED_TARGET:.0%}", met])
    offtopic = [o for o in outcomes if o.case.set_name == "offtopic"]
    outright = sum(o.reply.kind in DECLINED for o in offtopic) / max(len(offtopic), 1)
    missed_kinds = Counter(
        o.reply.kind for o in outcomes if o.case.set_name == "offtopic" and not o.right
    )
    parts = [
        "# Accuracy",
        "",
        "Written by `make accuracy` (`python -m benchmarks.accuracy`): every message below was "
        "sent to the real Rasa and action servers as the first message of a new conversation "
        "(the readiness check's answers and stops inside the check), and the reply the person "
        "got was judged (see the module's docstring for the rules). "
        f"Run took {seconds:.0f} s on {time.strftime('%Y-%m-%d')}.",
        "",
        markdown_table(["set", "messages", "right", "target", "met"], rows),
        "",
        f"Off-topic requests declined outright (the scope or fallback message): {outright:.1%}; "
        "the others that count as declined got a reply that fits a short message "
        '("stop" → "All right…", "bye" → goodbye) and no TPM facts.',
        "",
        f"HWU64 lines left out because they are also training examples: "
        f"{left_out['offtopic']} off-topic, {left_out['everyday']} everyday.",
        "",
        "## Blind in-scope set, by topic",
        "",
        markdown_table(["intent", "right", "share"], breakdown(outcomes, "blind", "label")),
        "",
        "## Off-topic requests, by HWU64 scenario",
        "",
        "Music, weather and restaurants also occur in the Snips training requests; the other "
        "scenarios show how the decline generalises.",
        "",
        markdown_table(["scenario", "declined", "share"], breakdown(outcomes, "offtopic", "label")),
        "",
        "What the off-topic requests that were not declined got: "
        + ", ".join(f"{kind} {n}" for kind, n in missed_kinds.most_common())
        + ".",
        "",
        "## Everyday messages, by HWU64 intent",
        "",
        markdown_table(["intent", "right", "share"], breakdown(outcomes, "everyday", "label")),
        "",
        "## Misses in the in-scope sets",
        "",
    ]
    misses = [o for o in outcomes if o.case.set_name in ("holdout", "blind") and not o.right]
    parts += [
        f"- {o.case.set_name}: “{o.case.text}” — wanted {o.case.label} "
        f"({o.case.role}), got {o.reply.kind} ({o.reply.role}, {o.reply.topic})"
        for o in misses
    ] or ["None."]
    for name, judged in asked.items():
        lines = asked_report(judged, ASKED_TARGET, ASKED_SETS[name])
        parts += ["", lines[0], "", ASKED_NOTES[name], *lines[1:]]
    return "\n".join(parts) + "\n"


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
