"""Measure a trained model served by the real servers: cold start, memory, latency, load.

The servers are the ones `make run` starts (tests/servers.py runs the Procfile's commands on
free loopback ports, with their own SQLite tracker database in the work directory).
"""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

import requests

from benchmarks.load import LoadResult, run_load
from benchmarks.procs import PeakRss
from tests.servers import ManagedProcess, Stack, running_stack

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

    @property
    def cold_start_s(self) -> float:
        return statistics.median(self.cold_starts_s)


def first_answer_after_start(stack: Stack) -> float:
    """Restart the Rasa server and time it from launch until a message gets its answer."""
    server: ManagedProcess = stack.rasa_server
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


def measure_serving(
    model: Path,
    work_dir: Path,
    cold_starts: int,
    single_user: tuple[int, int],
    concurrent: tuple[int, int],
) -> ServingResult:
    """Start the servers with `model`, then measure in order: cold starts, single user, load.

    `single_user` and `concurrent` are (conversations, messages each). One conversation of
    warm-up runs before the single-user one, as any server has answered someone before.
    Memory is the peak RSS of each server's process tree during both load runs.
    """
    with running_stack(work_dir, model=model) as stack:
        starts = [first_answer_after_start(stack) for _ in range(cold_starts)]
        assert stack.rasa_server.process and stack.action_server.process
        pids = {"rasa": stack.rasa_server.process.pid, "actions": stack.action_server.process.pid}
        asyncio.run(run_load(stack.rasa_url, 1, single_user[1], sender_prefix="warm-up"))
        with PeakRss(pids) as memory:
            alone = asyncio.run(
                run_load(stack.rasa_url, *single_user, concurrency=1, sender_prefix="single")
            )
            together = asyncio.run(run_load(stack.rasa_url, *concurrent, sender_prefix="load"))
    return ServingResult(starts, memory.peak["rasa"], memory.peak["actions"], alone, together)
