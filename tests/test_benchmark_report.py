"""benchmarks.report: the comparison words, the verdicts and the files `make benchmark` writes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.load import Exchange, LoadResult
from benchmarks.procs import cpu_seconds, tree_cpu_seconds
from benchmarks.report import (
    FIGURES,
    Figure,
    SetupResult,
    comparison,
    markdown_table,
    plot_latency,
    table,
    verdict,
)
from benchmarks.serving import ServingResult

MB = 1024 * 1024


def figure(label: str) -> Figure:
    return next(f for f in FIGURES if f.label == label)


def load(latency_ms: float, messages: int, elapsed_s: float, errors: int = 0) -> LoadResult:
    exchanges = [
        Exchange(f"c{i % 4}", "hi", latency_ms / 1000 * (1 + i / messages), 2, None)
        for i in range(messages - errors)
    ] + [Exchange("c0", "hi", 0.5, 0, "no answer") for _ in range(errors)]
    return LoadResult(4, messages // 4, 4, elapsed_s, exchanges)


def setup(name: str, speed: float, accuracy: float) -> SetupResult:
    serving = ServingResult(
        cold_starts_s=[6 / speed, 5 / speed, 7 / speed],
        rasa_rss_bytes=int(1300 * MB / speed),
        actions_rss_bytes=40 * MB,
        single_user=load(30 / speed, 100, 3 / speed),
        concurrent=load(300 / speed, 100, 3 / speed),
    )
    nlu = {
        "intent_accuracy": accuracy,
        "out_of_scope_accuracy": 1.0,
        "in_scope_answered": accuracy,
        "role_exact_match": 0.97,
    }
    return SetupResult(name, f"{name}.yml", 300 / speed, nlu, serving)


def test_comparisons_say_which_way_and_how_much() -> None:
    assert comparison(5.0, 40.0, figure("Cold start until the first answer (median)")) == (
        "8.0× faster"
    )
    assert comparison(20.0, 10.0, figure("Latency p95, single user")) == "2.0× slower"
    assert comparison(600.0, 1200.0, figure("Rasa server resident memory (peak)")) == "2.0× less"
    assert comparison(80.0, 40.0, figure("Throughput, 16 concurrent conversations")) == (
        "2.0× more"
    )
    assert comparison(96.4, 96.0, figure("Held-out intent accuracy")) == "+0.4 points"
    assert comparison(40.0, 40.5, figure("Action server resident memory (peak)")) == (
        "about the same"
    )


def test_verdicts_follow_the_targets() -> None:
    throughput = figure("Throughput, 16 concurrent conversations")
    assert verdict(120.0, 40.0, throughput) == "yes"
    assert verdict(80.0, 40.0, throughput) == "**missed**"
    accuracy = figure("Held-out intent accuracy")
    assert verdict(96.0, 95.5, accuracy) == "yes"
    assert verdict(96.0, 97.0, accuracy) == "**missed**"  # below Rasa's default
    assert verdict(94.0, 90.0, accuracy) == "**missed**"  # below 95%
    assert verdict(1.0, 0.0, figure("Errors (single user and 16 concurrent)")) == "**missed**"
    assert verdict(3.0, 1.0, figure("Latency p50, single user")) == "—"


def test_table_and_plot(tmp_path: Path) -> None:
    ours, default = setup("ours", 4.0, 0.964), setup("Rasa default", 1.0, 0.960)
    rows = table(ours, default)
    assert len(rows) == len(FIGURES)
    cold = rows[[f.label for f in FIGURES].index("Cold start until the first answer (median)")]
    assert cold[1:4] == ["1.5 s", "6.0 s", "4.0× faster"]
    assert markdown_table(rows).count("\n") == len(FIGURES) + 1
    plot = tmp_path / "latency.png"
    plot_latency([ours, default], plot)
    assert plot.read_bytes().startswith(b"\x89PNG")


def test_errors_count_in_both_runs() -> None:
    ours = setup("ours", 2.0, 0.96)
    ours.serving.concurrent.exchanges.append(Exchange("c1", "hi", 1.0, 0, "HTTP 500"))
    errors = figure("Errors (single user and 16 concurrent)")
    assert errors.value(ours) == 1


def test_cpu_time_of_a_process_tree_grows_with_its_work() -> None:
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time\nend = time.process_time() + 0.3\n"
            "while time.process_time() < end: pass\ntime.sleep(30)",
        ]
    )
    try:
        before = tree_cpu_seconds(os.getpid())
        deadline = time.monotonic() + 20
        while cpu_seconds(child.pid) < 0.3 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert cpu_seconds(child.pid) >= 0.3
        # The child is part of this process's tree: the tree used at least its 0.3 s more.
        assert tree_cpu_seconds(os.getpid()) - before >= 0.3 - 0.05
    finally:
        child.kill()
        child.wait()
    assert cpu_seconds(child.pid) == 0.0  # gone
