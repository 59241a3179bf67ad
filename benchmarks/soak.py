"""Soak the real servers: many conversations over a long run, then one very long conversation.

`python -m benchmarks.soak` (`make soak`) starts its own action server and Rasa server, with a
fresh tracker database, as benchmarks/load.py does, unless `--url` names a running Rasa server.
By default it holds 200 conversations of 100 messages (20,000 messages), 16 at a time, then one
conversation of 2,000 messages on its own. A short load run would not show what only time shows:
memory that is never given back, latency that creeps up as the tracker store and the session
cache fill, a conversation that gets slower the longer it goes on.

It prints, and writes to docs/SOAK.md (`--report`): the resident memory (RSS) of both servers
after warm-up and at the end of the run, latency p50/p95 for each tenth of the run (in the order
the answers arrived), the errors (as benchmarks/load.py counts them), and the latency of
messages 10-20 of the long conversation beside that of its last 11 messages. Each target is
printed as met or missed:

- no errors, in the run and in the long conversation;
- each server's RSS grows less than 10% from after warm-up to the end of the run;
- the last tenth's p95 is within 20% of the first tenth's;
- the long conversation's last messages are answered within 20% of the time of messages 10-20
  (medians): the Rasa server keeps each conversation's current session in memory
  (serving/tracker_store.py), and a session that only grows would make every answer slower.

Memory is only measured for servers this tool started (with `--url` it says so). The exit
status is 1 when any message failed; timing and memory targets are reported, not enforced, as
they depend on what else the machine is doing.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from benchmarks.load import SCRIPT, Exchange, LoadResult, percentile, run_load
from benchmarks.procs import tree_rss_bytes
from benchmarks.reply_kinds import markdown_table
from benchmarks.run import machine
from benchmarks.serving import pids
from tests.servers import MODEL, ROOT, running_stack

DEFAULT_CONVERSATIONS = 200
DEFAULT_MESSAGES = 100
DEFAULT_CONCURRENCY = 16
DEFAULT_LONG_CONVERSATION = 2000
PARTS = 10
# Messages 10 to 20 (counted from 1) of the long conversation: past its first few answers,
# which pay for anything the server does once per conversation.
EARLY_WINDOW = (10, 20)
MAX_RSS_GROWTH = 0.10
MAX_P95_DRIFT = 0.20
MAX_LONG_SLOWDOWN = 0.20
REPORT = ROOT / "docs" / "SOAK.md"
SERVERS = ("rasa", "actions")


@dataclass(frozen=True)
class Shape:
    """How much to soak: the run's conversations and the long conversation's length."""

    conversations: int = DEFAULT_CONVERSATIONS
    messages: int = DEFAULT_MESSAGES
    concurrency: int = DEFAULT_CONCURRENCY
    long_conversation: int = DEFAULT_LONG_CONVERSATION

    def arguments(self) -> str:
        """The command-line options that reproduce this shape."""
        return (
            f"--conversations {self.conversations} --messages {self.messages} "
            f"--concurrency {self.concurrency} --long-conversation {self.long_conversation}"
        )


def answered_ms(exchanges: Sequence[Exchange]) -> list[float]:
    """Latencies in ms of the messages that got an answer; a failure's time says nothing."""
    return [exchange.latency_s * 1000 for exchange in exchanges if not exchange.error]


@dataclass(frozen=True)
class Part:
    """One tenth of the run: its messages in the order their answers arrived."""

    number: int
    exchanges: tuple[Exchange, ...]

    @property
    def errors(self) -> int:
        return sum(1 for exchange in self.exchanges if exchange.error)

    def percentile(self, percent: int) -> float:
        """Latency percentile in ms of the answered messages."""
        return percentile(answered_ms(self.exchanges), percent)


@dataclass(frozen=True)
class Target:
    """One target: what was measured, the limit, and whether it was met (None: not measured)."""

    name: str
    measured: str
    limit: str
    met: bool | None

    @property
    def verdict(self) -> str:
        return {True: "met", False: "**missed**", None: "not measured"}[self.met]


@dataclass(frozen=True)
class SoakResult:
    """Everything one soak measured."""

    shape: Shape
    run: LoadResult
    long: LoadResult
    # Bytes per server ("rasa", "actions") after warm-up and at the end; None with --url.
    rss_start: dict[str, int] | None
    rss_end: dict[str, int] | None

    def parts(self) -> list[Part]:
        """The run in PARTS near-equal slices, in the order the answers arrived."""
        exchanges = self.run.exchanges
        bounds = [round(i * len(exchanges) / PARTS) for i in range(PARTS + 1)]
        return [
            Part(i + 1, tuple(exchanges[start:end]))
            for i, (start, end) in enumerate(zip(bounds, bounds[1:], strict=False))
        ]

    @property
    def errors(self) -> list[Exchange]:
        return self.run.errors + self.long.errors

    def rss_growth(self, server: str) -> float | None:
        """Growth of the server's RSS from after warm-up to the end, as a fraction of the start."""
        if not self.rss_start or not self.rss_end or not self.rss_start[server]:
            return None
        return self.rss_end[server] / self.rss_start[server] - 1

    def long_windows(self) -> tuple[list[float], list[float]]:
        """Latencies in ms of messages 10-20 of the long conversation and of its last 11."""
        first, last = EARLY_WINDOW
        width = last - first + 1
        exchanges = self.long.exchanges
        return answered_ms(exchanges[first - 1 : last]), answered_ms(exchanges[-width:])

    def targets(self) -> list[Target]:
        parts = self.parts()
        first_p95, last_p95 = parts[0].percentile(95), parts[-1].percentile(95)
        early, late = (percentile(window, 50) for window in self.long_windows())
        return [
            Target("Errors", str(len(self.errors)), "0", not self.errors),
            *(growth_target(server, self.rss_growth(server)) for server in SERVERS),
            Target(
                "Latency p95, last tenth against first tenth",
                f"{last_p95:.1f} ms against {first_p95:.1f} ms ({last_p95 / first_p95 - 1:+.0%})",
                f"≤ {1 + MAX_P95_DRIFT:.2f} × first",
                last_p95 <= first_p95 * (1 + MAX_P95_DRIFT),
            ),
            Target(
                f"Long conversation: median latency, last {EARLY_WINDOW[1] - EARLY_WINDOW[0] + 1} "
                f"messages against messages {EARLY_WINDOW[0]}-{EARLY_WINDOW[1]}",
                f"{late:.1f} ms against {early:.1f} ms ({late / early - 1:+.0%})",
                f"≤ {1 + MAX_LONG_SLOWDOWN:.2f} × messages {EARLY_WINDOW[0]}-{EARLY_WINDOW[1]}",
                late <= early * (1 + MAX_LONG_SLOWDOWN),
            ),
        ]


def growth_target(server: str, growth: float | None) -> Target:
    name = f"{'Rasa' if server == 'rasa' else 'Action'} server RSS growth after warm-up"
    limit = f"< {MAX_RSS_GROWTH:.0%}"
    if growth is None:
        return Target(name, "not measured (servers not started here)", limit, None)
    return Target(name, f"{growth:+.1%}", limit, growth < MAX_RSS_GROWTH)


def rss_of(servers: dict[str, int] | None) -> dict[str, int] | None:
    """RSS in bytes of each server's process tree now, None when the servers are not ours."""
    if servers is None:
        return None
    return {name: tree_rss_bytes(pid) for name, pid in servers.items()}


def soak(rasa_url: str, shape: Shape, servers: dict[str, int] | None = None) -> SoakResult:
    """Warm up, run the conversations, then the long conversation alone; sample RSS around the run.

    The warm-up is one round of `concurrency` conversations through the whole SCRIPT: every
    intent, action and reply has been used and the server has held as many conversations at once
    as it will, so what grows afterwards is what the run itself leaves behind.
    """
    warm_up = run_load(
        rasa_url, shape.concurrency, len(SCRIPT), shape.concurrency, sender_prefix="warm-up"
    )
    asyncio.run(warm_up)
    rss_start = rss_of(servers)
    run = asyncio.run(
        run_load(
            rasa_url, shape.conversations, shape.messages, shape.concurrency, sender_prefix="soak"
        )
    )
    rss_end = rss_of(servers)
    long = asyncio.run(run_load(rasa_url, 1, shape.long_conversation, sender_prefix="soak-long"))
    return SoakResult(shape, run, long, rss_start, rss_end)


def megabytes(rss: dict[str, int] | None, server: str) -> str:
    return f"{rss[server] / 1e6:.0f} MB" if rss else "not measured"


def latency_cells(latencies_ms: list[float]) -> list[str]:
    return [f"{percentile(latencies_ms, 50):.1f} ms", f"{percentile(latencies_ms, 95):.1f} ms"]


def conditions(result: SoakResult, when: datetime, took_s: float, load_average: float) -> str:
    """Where, when and how long; the run's and the long conversation's one-line summaries."""
    about = machine()
    return "\n".join(
        [
            f"- **When, where:** {when:%Y-%m-%d %H:%M} UTC, {about['cpu']}, "
            f"{about['cores']} cores, {about['memory_gb']} GB RAM; Python {about['python']}, "
            f"Rasa {about['rasa']}. Load average {load_average:.1f} at the start (2.0 means "
            "both cores busy); the machine is shared, so the timings carry its noise.",
            f"- **Took:** {took_s / 60:.1f} minutes.",
            f"- **Run:** {result.run.summary()}.",
            f"- **Long conversation:** {result.long.summary()}.",
        ]
    )


def tables(result: SoakResult) -> list[str]:
    """Targets, memory, latency per tenth and the long conversation, as Markdown sections."""
    targets = [[t.name, t.measured, t.limit, t.verdict] for t in result.targets()]
    memory = [
        [server, megabytes(result.rss_start, server), megabytes(result.rss_end, server)]
        for server in SERVERS
    ]
    parts = [
        [str(part.number), str(len(part.exchanges)), *latency_cells(answered_ms(part.exchanges))]
        + [str(part.errors)]
        for part in result.parts()
    ]
    length = result.shape.long_conversation
    first, last = EARLY_WINDOW
    early, late = result.long_windows()
    long_rows = [
        [f"messages {first}-{last}", *latency_cells(early)],
        [f"messages {length - (last - first)}-{length}", *latency_cells(late)],
    ]
    return [
        "## Targets",
        markdown_table(["Target", "Measured", "Limit", "Result"], targets),
        "## Resident memory",
        markdown_table(["Server", "After warm-up", "End of the run"], memory),
        "## Latency per tenth of the run",
        markdown_table(["Tenth", "Messages", "p50", "p95", "Errors"], parts),
        f"## One conversation of {length} messages",
        markdown_table(["Messages", "p50", "p95"], long_rows),
    ]


def report(result: SoakResult, when: datetime, took_s: float, load_average: float) -> str:
    """The run's figures as Markdown, for the terminal and docs/SOAK.md alike."""
    errors = "\n".join(f"- {e.error} ({e.sender}: {e.text!r})" for e in result.errors[:10])
    sections = [
        "# Soak",
        f"Produced by `make soak` (`benchmarks/soak.py`) with `{result.shape.arguments()}`.",
        conditions(result, when, took_s, load_average),
        *tables(result),
        *(["## Errors (first 10)", errors] if errors else []),
    ]
    return "\n\n".join(sections) + "\n"


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.soak", description=__doc__)
    parser.add_argument("--url", help="a running Rasa server; default: start our own servers")
    parser.add_argument("--conversations", type=int, default=DEFAULT_CONVERSATIONS)
    parser.add_argument("--messages", type=int, default=DEFAULT_MESSAGES, help="per conversation")
    parser.add_argument("--concurrency", type=int, default=DEFAULT_CONCURRENCY)
    parser.add_argument(
        "--long-conversation",
        type=int,
        default=DEFAULT_LONG_CONVERSATION,
        help=f"messages of the long conversation, at least {2 * EARLY_WINDOW[1]}",
    )
    parser.add_argument("--model", type=Path, default=MODEL, help=f"default: {MODEL}")
    parser.add_argument("--report", type=Path, default=REPORT, help=f"default: {REPORT}")
    args = parser.parse_args(argv)
    if args.long_conversation < 2 * EARLY_WINDOW[1]:
        parser.error(f"--long-conversation must be at least {2 * EARLY_WINDOW[1]}")
    if args.conversations * args.messages < PARTS:
        parser.error(f"the run needs at least {PARTS} messages, one per tenth")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    shape = Shape(args.conversations, args.messages, args.concurrency, args.long_conversation)
    when, load_average, started = datetime.now(timezone.utc), os.getloadavg()[0], time.monotonic()
    if args.url:
        result = soak(args.url, shape)
    else:
        with tempfile.TemporaryDirectory(prefix="tpm-soak-") as tmp:
            print("starting the action server and the Rasa server...", flush=True)
            with running_stack(Path(tmp), model=args.model) as stack:
                result = soak(stack.rasa_url, shape, dict(zip(SERVERS, pids(stack), strict=True)))
    text = report(result, when, time.monotonic() - started, load_average)
    print(text)
    args.report.write_text(text, encoding="utf-8")
    print(f"written to {args.report}")
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
