"""Capacity: how the assistant holds bursts of users (`make capacity`).

Three setups: the one Rasa server of `make run` (SQLite, no nginx), and one and two Rasa
replicas behind nginx on the real PostgreSQL and Redis as `make run-scaled` starts them
(tests/scaled.py). Each holds conversations at once, 16, 64, 128 and 256 of them, every message
over REST on a connection of its own (as webhooks and most REST clients send them;
benchmarks/load.py). Each run gives throughput and latency percentiles, the
slowest message and the errors, and counts the messages stored in PostgreSQL afterwards. Then
200 web-chat visitors at once talk over socket.io through nginx to the two replicas.

Writes docs/CAPACITY.md and docs/capacity.png. Figures are of this machine at the time of the
run; the report says which and how loaded it was. Targets are checked and reported, never
asserted: the command fails only when a message is lost or gets no answer.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import sqlite3
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import socketio

from benchmarks.load import LoadResult, conversation_messages, percentile, run_load
from tests.scaled import BACKLOG, Scaled, scaled_setup
from tests.servers import running_stack

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "docs" / "CAPACITY.md"
PLOT = ROOT / "docs" / "capacity.png"
CONCURRENCY = (16, 64, 128, 256)
# About this many messages per run, so that small runs last long enough to measure.
MESSAGES_PER_RUN = 640
MIN_MESSAGES_EACH = 3
VISITORS = 200
VISITOR_MESSAGES = 3
VISITOR_TIMEOUT_S = 60.0
# The targets these figures answer to.
P99_TARGET_S = 5.0
SLOWEST_TARGET_S = 10.0
SCALE_TARGET = 1.3
SCALE_AT = 64


# The setups, as the report names them.
MAKE_RUN = "make run"
ONE_REPLICA = "1 replica behind nginx"
TWO_REPLICAS = "2 replicas behind nginx"


@dataclass
class Run:
    """One burst: the setup, the conversations at once, what was measured, what was stored."""

    setup: str
    conversations: int
    result: LoadResult
    stored_user: int
    stored_bot: int

    @property
    def lost(self) -> int:
        """Messages answered but not stored, or stored without their answers."""
        sent = self.result.messages - len(self.result.errors)
        answers = sum(e.replies for e in self.result.exchanges if not e.error)
        return (sent - self.stored_user) + (answers - self.stored_bot)


@dataclass
class Visitors:
    """The socket.io visitors: how many were answered every time, and how fast."""

    visitors: int
    answered: int
    latencies_s: list[float]
    elapsed_s: float
    errors: list[str]


def messages_each(conversations: int) -> int:
    return max(MIN_MESSAGES_EACH, MESSAGES_PER_RUN // conversations)


def burst(url: str, setup: str, conversations: int, stored: Callable[[str], dict]) -> Run:
    prefix = f"capacity-{conversations}-{uuid.uuid4().hex[:6]}"
    result = asyncio.run(
        run_load(
            url,
            conversations=conversations,
            messages=messages_each(conversations),
            sender_prefix=prefix,
            new_connections=True,
        )
    )
    counted = stored(prefix)
    run = Run(setup, conversations, result, counted.get("user", 0), counted.get("bot", 0))
    print(f"  {setup}, {conversations} at once: {result.summary()}", flush=True)
    return run


def sqlite_events(tracker_db: Path, sender_prefix: str) -> dict[str, int]:
    with sqlite3.connect(tracker_db) as db:
        rows = db.execute(
            "SELECT type_name, count(*) FROM events WHERE sender_id LIKE ? GROUP BY type_name",
            (sender_prefix + "%",),
        )
        return dict(rows.fetchall())


async def visit(url: str, index: int, latencies: list[float], errors: list[str]) -> bool:
    """One web-chat visitor: opens a socket.io session and asks VISITOR_MESSAGES questions."""
    client = socketio.AsyncClient(reconnection=False)
    answers: asyncio.Queue = asyncio.Queue()
    client.on("bot_uttered", lambda data: answers.put_nowait(data))
    session = f"visitor-{uuid.uuid4().hex[:8]}-{index}"
    try:
        await client.connect(url, socketio_path="/socket.io", wait_timeout=VISITOR_TIMEOUT_S)
        await client.emit("session_request", {"session_id": session})
        for text in conversation_messages(index, VISITOR_MESSAGES):
            started = time.perf_counter()
            await client.emit("user_uttered", {"message": text, "session_id": session})
            await asyncio.wait_for(answers.get(), VISITOR_TIMEOUT_S)
            latencies.append(time.perf_counter() - started)
            # Drain the rest of this turn's messages before the next question.
            await asyncio.sleep(0.2)
            while not answers.empty():
                answers.get_nowait()
        return True
    except Exception as error:  # noqa: BLE001 (every failure of a visitor is counted)
        errors.append(f"{type(error).__name__}: {error}")
        return False
    finally:
        await client.disconnect()


async def visitors(url: str, count: int) -> Visitors:
    latencies: list[float] = []
    errors: list[str] = []
    started = time.perf_counter()
    answered = await asyncio.gather(*(visit(url, i, latencies, errors) for i in range(count)))
    return Visitors(count, sum(answered), latencies, time.perf_counter() - started, errors)


def warm(url: str) -> None:
    """A few short conversations first, so every process has loaded what it loads lazily."""
    asyncio.run(run_load(url, conversations=4, messages=5, sender_prefix="warm"))


def measure_make_run(tmp: Path, concurrency: tuple[int, ...]) -> list[Run]:
    """The servers of `make run`: one Rasa server on SQLite, REST straight to it."""
    print(f"{MAKE_RUN}: starting...", flush=True)
    folder = tmp / "make-run"
    with running_stack(folder, SANIC_BACKLOG=BACKLOG) as stack:
        warm(stack.rasa_url)
        database = Path(stack.env["TRACKER_DB"])
        return [
            burst(stack.rasa_url, MAKE_RUN, c, lambda p: sqlite_events(database, p))
            for c in concurrency
        ]


def bursts(scaled: Scaled, setup: str, concurrency: tuple[int, ...]) -> list[Run]:
    """Each burst in turn through nginx, after warming up."""
    warm(scaled.front_url)
    return [burst(scaled.front_url, setup, c, scaled.stored_messages) for c in concurrency]


def measure_one_replica(tmp: Path, concurrency: tuple[int, ...]) -> list[Run]:
    print(f"{ONE_REPLICA}: starting...", flush=True)
    with scaled_setup(tmp / "replicas-1", replicas=1) as scaled:
        return bursts(scaled, ONE_REPLICA, concurrency)


def measure_scaled(
    tmp: Path, concurrency: tuple[int, ...], visitor_count: int
) -> tuple[list[Run], Visitors]:
    """The bursts on two replicas behind nginx, then the socket.io visitors, on the same
    setup (started once)."""
    print(f"{TWO_REPLICAS}: starting...", flush=True)
    with scaled_setup(tmp / "replicas-2", replicas=2) as scaled:
        runs = bursts(scaled, TWO_REPLICAS, concurrency)
        print(f"{visitor_count} socket.io visitors through nginx...", flush=True)
        web = asyncio.run(visitors(scaled.front_url, visitor_count))
    print(f"  answered {web.answered}/{web.visitors}", flush=True)
    return runs, web


def load_average() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f} (1 min), {five:.1f} (5 min)"


def seconds(ms: float) -> str:
    return f"{ms / 1000:.2f} s"


def report(runs: list[Run], web: Visitors, started: datetime, load_before: str) -> str:
    by = {(run.setup, run.conversations): run for run in runs}
    lines = [
        "# Capacity",
        "",
        "Written by `make capacity` (`python -m benchmarks.capacity`): bursts of conversations "
        "held at once, every message over REST on a new connection, on the one Rasa server of "
        "`make run` (SQLite, no nginx) and on one and two Rasa replicas on PostgreSQL and Redis "
        "behind nginx as `make run-scaled` starts them (deploy/nginx.conf); then web-chat "
        "visitors over socket.io through nginx. After each burst the messages stored (SQLite or "
        "PostgreSQL) are counted.",
        "",
        f"- **When, where:** {started:%Y-%m-%d %H:%M} UTC, {platform.processor() or 'CPU'} "
        f"{platform.machine()}, {os.cpu_count()} cores; load average {load_before} at the "
        f"start, {load_average()} at the end. The machine is shared, so the figures carry "
        "its noise.",
        f"- **Messages per conversation:** about {MESSAGES_PER_RUN} messages per burst "
        f"(at least {MIN_MESSAGES_EACH} each), from benchmarks/load.py's script.",
        "",
        "| setup | at once | messages | messages/s | p50 | p95 | p99 | slowest | errors "
        "| stored (user / bot) | lost |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        r = run.result
        slowest = max(r.latencies_ms, default=float("nan"))
        lines.append(
            f"| {run.setup} | {run.conversations} | {r.messages} | {r.throughput:.1f} | "
            f"{seconds(r.percentile(50))} | {seconds(r.percentile(95))} | "
            f"{seconds(r.percentile(99))} | {seconds(slowest)} | {len(r.errors)} | "
            f"{run.stored_user} / {run.stored_bot} | {run.lost} |"
        )
    lines += ["", "![Throughput and latency against conversations at once](capacity.png)", ""]
    lines += ["## Targets", ""]
    for setup in (MAKE_RUN, ONE_REPLICA):
        heaviest = by.get((setup, max(CONCURRENCY)))
        if heaviest is None:
            continue
        r = heaviest.result
        p99 = r.percentile(99) / 1000
        slowest = max(r.latencies_ms, default=float("nan")) / 1000
        met = not r.errors and heaviest.lost == 0 and p99 <= P99_TARGET_S
        met = met and slowest <= SLOWEST_TARGET_S
        lines.append(
            f"- {max(CONCURRENCY)} conversations at once, {setup}: {len(r.errors)} errors, "
            f"{heaviest.lost} messages lost, p99 {p99:.2f} s (≤ {P99_TARGET_S:.0f} s), slowest "
            f"{slowest:.2f} s (≤ {SLOWEST_TARGET_S:.0f} s): **{'met' if met else 'missed'}**."
        )
    one, two = by.get((ONE_REPLICA, SCALE_AT)), by.get((TWO_REPLICAS, SCALE_AT))
    if one is not None and two is not None:
        ratio = two.result.throughput / one.result.throughput
        lines.append(
            f"- Two replicas against one, both behind nginx on the same databases, at "
            f"{SCALE_AT} at once: {two.result.throughput:.1f} against "
            f"{one.result.throughput:.1f} messages/s, {ratio:.2f}× (≥ {SCALE_TARGET}×): "
            f"**{'met' if ratio >= SCALE_TARGET else 'missed'}**."
        )
    web_p95 = percentile([s * 1000 for s in web.latencies_s], 95) / 1000
    lines += [
        f"- {web.visitors} web-chat visitors at once over socket.io through nginx: "
        f"{web.answered} answered every time, p95 {web_p95:.2f} s, in {web.elapsed_s:.1f} s: "
        f"**{'met' if web.answered == web.visitors else 'missed'}**.",
        "",
    ]
    for error in web.errors[:5]:
        lines.append(f"  - visitor error: {error}")
    return "\n".join(lines).rstrip() + "\n"


def plot(runs: list[Run], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    for setup in dict.fromkeys(run.setup for run in runs):
        mine = [run for run in runs if run.setup == setup]
        at_once = [run.conversations for run in mine]
        label = setup
        left.plot(at_once, [run.result.throughput for run in mine], marker="o", label=label)
        for percent, style in ((50, "-"), (95, "--"), (99, ":")):
            right.plot(
                at_once,
                [run.result.percentile(percent) / 1000 for run in mine],
                style,
                marker="o",
                label=f"{label}, p{percent}",
            )
    left.set(xlabel="conversations at once", ylabel="messages/s", title="Throughput")
    right.set(xlabel="conversations at once", ylabel="seconds", title="Latency")
    for axes in (left, right):
        axes.set_xscale("log", base=2)
        axes.set_xticks(list(CONCURRENCY), [str(c) for c in CONCURRENCY])
        axes.grid(alpha=0.3)
        axes.legend(fontsize=7)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.capacity", description=__doc__)
    parser.add_argument("--report", type=Path, default=REPORT)
    parser.add_argument("--plot", type=Path, default=PLOT)
    parser.add_argument("--visitors", type=int, default=VISITORS)
    args = parser.parse_args(argv)
    started, load_before = datetime.now(timezone.utc), load_average()
    with tempfile.TemporaryDirectory(prefix="tpm-capacity-") as folder:
        tmp = Path(folder)
        runs = measure_make_run(tmp, CONCURRENCY) + measure_one_replica(tmp, CONCURRENCY)
        two, web = measure_scaled(tmp, CONCURRENCY, args.visitors)
        runs += two
    plot(runs, args.plot)
    args.report.write_text(report(runs, web, started, load_before), encoding="utf-8")
    print(f"wrote {args.report.relative_to(ROOT)} and {args.plot.relative_to(ROOT)}")
    failed = any(run.result.errors or run.lost for run in runs) or web.answered < web.visitors
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
