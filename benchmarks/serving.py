"""Measure trained models served by the real servers: cold start, memory, latency, load.

The servers are the ones `make run` starts (tests/servers.py runs the Procfile's commands on
free loopback ports, each stack with its own SQLite tracker database). All models are served
at once and measured in turns (one round of each measurement for each model, then the next
round), so other work on the machine weighs on every model alike instead of on whichever
happened to run while it was busy. A server waiting for its turn uses no CPU.
"""

from __future__ import annotations

import asyncio
import math
import statistics
import time
from collections.abc import Mapping
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import requests

from benchmarks.load import LoadResult, merged, run_load
from benchmarks.procs import PeakRss, tree_cpu_seconds
from tests.servers import Stack, running_stack

FIRST_MESSAGE = "hi"
COLD_START_TIMEOUT_S = 300.0
POLL_S = 0.05


@dataclass(frozen=True)
class ServingResult:
    """What the servers did with one model."""

    cold_starts_s: list[float]
    rasa_rss_bytes: int
    actions_rss_bytes: int
    single_user: LoadResult
    concurrent: LoadResult
    # CPU time each server used per message answered, during the 16-concurrent rounds.
    rasa_cpu_ms_per_message: float = 0.0
    actions_cpu_ms_per_message: float = 0.0

    @property
    def cold_start_s(self) -> float:
        return statistics.median(self.cold_starts_s)


@dataclass(frozen=True)
class Workload:
    """How much to measure: `rounds` turns of each part, totals split across the rounds."""

    rounds: int
    cold_starts: int
    single_user_conversations: int
    concurrent_conversations: int
    messages: int


def first_answer_after_start(stack: Stack) -> float:
    """Restart the Rasa server and time it from launch until a message gets its answer."""
    server = stack.rasa_server
    server.stop()
    started = time.perf_counter()
    # Listening comes first (Rasa loads the model before it opens the port), then the answer.
    server.start(timeout=COLD_START_TIMEOUT_S, poll_interval=POLL_S)
    deadline = started + COLD_START_TIMEOUT_S
    while time.perf_counter() < deadline:
        try:
            if stack.send("cold-start", FIRST_MESSAGE, timeout=COLD_START_TIMEOUT_S):
                return time.perf_counter() - started
        except requests.RequestException:
            pass
        time.sleep(POLL_S)
    raise TimeoutError(f"no answer {COLD_START_TIMEOUT_S}s after starting the Rasa server")


def pids(stack: Stack) -> tuple[int, int]:
    assert stack.rasa_server.process and stack.action_server.process
    return stack.rasa_server.process.pid, stack.action_server.process.pid


def cpu_seconds_of(pids: tuple[int, int]) -> tuple[float, float]:
    """CPU time used so far by each of the two servers' process trees."""
    rasa, actions = pids
    return tree_cpu_seconds(rasa), tree_cpu_seconds(actions)


def measure_serving(
    models: dict[str, Path],
    work_dir: Path,
    workload: Workload,
    environments: Mapping[str, Mapping[str, str]] | None = None,
) -> dict[str, ServingResult]:
    """Serve every model, then measure in turns: cold starts, single user, 16 at once.

    The Rasa server is restarted for each cold start (the first start is not timed). One
    conversation of warm-up runs before the single-user rounds, as any server has answered
    someone before. Memory is each server's peak RSS during the latency rounds; CPU time per
    message is each server's CPU time over the 16-concurrent rounds per message answered.
    `environments` adds variables to a setup's servers (by name), e.g. a seam entry left out.
    """
    per_round = math.ceil(workload.single_user_conversations / workload.rounds)
    with ExitStack() as servers:
        stacks = {
            name: servers.enter_context(
                running_stack(
                    work_dir / f"servers-{i}", model=model, **(environments or {}).get(name, {})
                )
            )
            for i, (name, model) in enumerate(models.items())
        }
        starts: dict[str, list[float]] = {name: [] for name in stacks}
        for _ in range(workload.cold_starts):
            for name, stack in stacks.items():
                starts[name].append(first_answer_after_start(stack))
        servers = {name: pids(stack) for name, stack in stacks.items()}
        for stack in stacks.values():
            asyncio.run(run_load(stack.rasa_url, 1, workload.messages, sender_prefix="warm-up"))
        alone: dict[str, list[LoadResult]] = {name: [] for name in stacks}
        together: dict[str, list[LoadResult]] = {name: [] for name in stacks}
        cpu_s = {name: (0.0, 0.0) for name in stacks}
        watched = {
            f"{name} {server}": pid
            for name, both in servers.items()
            for server, pid in zip(("rasa", "actions"), both, strict=True)
        }
        with PeakRss(watched) as memory:
            for _ in range(workload.rounds):
                for name, stack in stacks.items():
                    alone[name].append(
                        asyncio.run(
                            run_load(
                                stack.rasa_url,
                                per_round,
                                workload.messages,
                                concurrency=1,
                                sender_prefix="single",
                            )
                        )
                    )
                for name, stack in stacks.items():
                    before = cpu_seconds_of(servers[name])
                    together[name].append(
                        asyncio.run(
                            run_load(
                                stack.rasa_url,
                                workload.concurrent_conversations,
                                workload.messages,
                            )
                        )
                    )
                    after = cpu_seconds_of(servers[name])
                    cpu_s[name] = tuple(
                        total + end - start
                        for total, start, end in zip(cpu_s[name], before, after, strict=True)
                    )
    results = {}
    for name in stacks:
        concurrent = merged(together[name])
        per_message_ms = 1000 / max(len(concurrent.exchanges), 1)
        results[name] = ServingResult(
            cold_starts_s=starts[name],
            rasa_rss_bytes=memory.peak[f"{name} rasa"],
            actions_rss_bytes=memory.peak[f"{name} actions"],
            single_user=merged(alone[name]),
            concurrent=concurrent,
            rasa_cpu_ms_per_message=cpu_s[name][0] * per_message_ms,
            actions_cpu_ms_per_message=cpu_s[name][1] * per_message_ms,
        )
    return results
