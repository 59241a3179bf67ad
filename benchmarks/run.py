"""`make benchmark`: our config against Rasa's default, trained and served on this machine.

For each of config.yml and benchmarks/rasa_default_config.yml (what `rasa init` gets), in a
temporary directory: train from scratch on data/ and domain.yml, score the model on the
held-out NLU file, serve it with the real action server and Rasa server, and measure cold start,
memory, single-user latency and 16 concurrent conversations. Prints both side by side and writes
docs/BENCHMARKS.md, docs/latency.png and results/benchmark.json.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any

from benchmarks import seam_gains
from benchmarks.report import (
    SetupResult,
    headline,
    markdown_table,
    plot_latency,
    table,
    table_ours,
    text_table,
)
from benchmarks.serving import Workload, measure_serving
from benchmarks.training import ROOT, Trained, evaluate, train

SETUPS = {
    "ours": ROOT / "config.yml",
    "Rasa default": ROOT / "benchmarks" / "rasa_default_config.yml",
}
NOTES = ROOT / "benchmarks" / "NOTES.md"


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "rasa": version("rasa"),
        "tensorflow": version("tensorflow"),
    }


def train_and_score(name: str, config: Path, work: Path) -> tuple[Trained, dict[str, Any]]:
    """Train `config` from scratch and score it on the held-out NLU file."""
    slug = "ours" if name == "ours" else "rasa_default"
    print(f"[{name}] training {config.relative_to(ROOT)} from scratch...", flush=True)
    trained = train(config, work / slug, slug)
    print(f"[{name}] trained in {trained.seconds:.1f} s; held-out NLU...", flush=True)
    nlu = evaluate(trained.model, work / slug)
    print(f"[{name}] intent accuracy {nlu['intent_accuracy']:.3f}", flush=True)
    return trained, nlu


def introduction(ours: SetupResult, default: SetupResult | None) -> str:
    """What was compared; a run with --only-ours says what it left out and why."""
    if default is None:
        return f"""Our assistant (`{ours.config}`), trained from scratch on this project's `data/`
and `domain.yml` and served by the real servers. Produced by `make benchmark
BENCHMARK_ARGS=--only-ours` (`benchmarks/run.py`); every figure below is from its latest run.
This run left out the yardstick, Rasa's default configuration
(`{SETUPS["Rasa default"].relative_to(ROOT)}`): on today's training data (6,600 examples, most of
them off-topic requests) it trains for more than half an hour on two cores. `make benchmark`
without arguments measures both side by side."""
    return f"""Our assistant (`{ours.config}`) against Rasa's default configuration
(`{default.config}`, what `rasa init` gives), both trained from scratch on this project's
`data/` and `domain.yml` and served by the same servers. Produced by `make benchmark`
(`benchmarks/run.py`); every figure below is from its latest run."""


def document(
    ours: SetupResult,
    default: SetupResult | None,
    conditions: dict[str, Any],
    args: argparse.Namespace,
    plot: Path,
) -> str:
    """docs/BENCHMARKS.md: how it was measured, the table, the plot, and the notes."""
    host = conditions["machine"]
    load = conditions["load_average"]
    measured = [ours] if default is None else [ours, default]
    starts = ", ".join(
        f"{r.name}: " + " / ".join(f"{s:.1f}" for s in r.serving.cold_starts_s) + " s"
        for r in measured
    )
    notes = NOTES.read_text(encoding="utf-8") if NOTES.exists() else ""
    rows = table_ours(ours) if default is None else table(ours, default)
    summary = "" if default is None else f"\n- **Headline:** {headline(ours, default)}."
    return f"""# Benchmarks

{introduction(ours, default)}

- **When, where:** {conditions["date"]}, {host["cpu"]}, {host["cores"]} cores, \
{host["memory_gb"]} GB RAM; Python {host["python"]}, Rasa {host["rasa"]}, \
TensorFlow {host["tensorflow"]}. The machine is shared with other work, so the timings carry \
its noise: load average {load["start"]:.1f} at the start, {load["serving"]:.1f} when serving \
began, {load["end"]:.1f} at the end (2.0 means both cores busy). Where two configs are \
measured, both are served at once and measured in turns, so that noise weighs on both alike.
- **Took:** {conditions["minutes"]:.1f} minutes end to end.{summary}

{markdown_table(rows)}

![Latency distribution]({plot.name})

## How each figure is measured

- **Training:** wall time of `rasa train` with an empty Rasa cache (from scratch), including
  Rasa's own start-up.
- **Cold start:** from launching the Rasa server (`python -m serving run`, the Procfile's
  command) until its first REST message gets an answer, the action server already running;
  median of {args.cold_starts} restarts, taken in turns with the other config if any ({starts}).
- **Memory:** peak resident set size (RSS) of each server's process tree, sampled every 0.1 s
  during the latency rounds.
- **CPU time per message:** user plus system CPU time of each server's process tree (from
  `/proc`) over the 16-concurrent rounds, divided by the messages answered in them. The Rasa
  server handles messages on one core, so 1000 ms divided by its figure is the most messages
  per second it can answer, however many conversations arrive at once.
- **Latency:** per message over REST (`/webhooks/rest/webhook`), from sending until the whole
  answer arrived, so it includes NLU, the dialogue policy, the custom action's round trip to the
  action server and the tracker store (SQLite). Single user: {args.single_conversations}
  conversations of {args.messages} messages, one message at a time, after one warm-up
  conversation, in {args.rounds} rounds (in turns with the other config, if any). The messages are
  `benchmarks/load.py`'s script: questions about the TPM and other roles, follow-ups,
  off-topic requests, a button payload, thanks.
- **16 concurrent conversations:** {args.rounds} rounds (in turns with the other config, if any) of
  {args.concurrent} conversations of {args.messages} messages at once (`benchmarks/load.py`);
  throughput counts answered messages per second of the rounds' wall time. An error is a
  failed request, an empty answer or the action server apology; the errors row counts both
  latency runs.
- **Accuracy:** `benchmarks/nlu_eval.py` on `tests/nlu/holdout.yml`. Intent accuracy as
  `rasa test nlu` (and `make test-nlu`) computes it, with a fallback prediction undone.
  Out-of-scope accuracy: share of the held-out `out_of_scope` requests that get the scope
  answer (predicted `out_of_scope`, or below the fallback threshold). The last two rows show
  what users get on in-scope questions (fallback not undone) and how many annotated `role`
  entities are found with the exact span.
- The load generator runs on the same two cores as both servers.

{notes}"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "BENCHMARKS.md")
    parser.add_argument("--plot", type=Path, default=ROOT / "docs" / "latency.png")
    parser.add_argument("--json", type=Path, default=ROOT / "results" / "benchmark.json")
    parser.add_argument("--rounds", type=int, default=3, help="turns of each measurement")
    parser.add_argument("--cold-starts", type=int, default=3)
    parser.add_argument("--single-conversations", type=int, default=15)
    parser.add_argument("--messages", type=int, default=20)
    parser.add_argument(
        "--concurrent", type=int, default=16, help="conversations at once, in each round"
    )
    parser.add_argument("--work-dir", type=Path, help="keep models and logs here")
    parser.add_argument(
        "--only-ours",
        action="store_true",
        help="leave out Rasa's default configuration (it trains for over half an hour)",
    )
    parser.add_argument(
        "--seam",
        action="store_true",
        help="measure each speed entry of serving/rasa_seam.py left out (docs/RASA_SEAM.md)",
    )
    args = parser.parse_args(argv)
    setups = {"ours": SETUPS["ours"]} if args.only_ours else SETUPS

    workload = Workload(
        rounds=args.rounds,
        cold_starts=args.cold_starts,
        single_user_conversations=args.single_conversations,
        concurrent_conversations=args.concurrent,
        messages=args.messages,
    )
    if args.seam:
        print(seam_gains.run(workload, args.work_dir, ROOT / "results" / "seam_gains.json"))
        return 0
    started = time.perf_counter()
    load_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="tpm-benchmark-") as tmp:
        work = args.work_dir or Path(tmp)
        scored = {name: train_and_score(name, config, work) for name, config in setups.items()}
        print("serving: cold starts, single user, 16 concurrent, in turns...", flush=True)
        load_serving = os.getloadavg()[0]
        models = {name: trained.model for name, (trained, _) in scored.items()}
        serving = measure_serving(models, work, workload)
    results = [
        SetupResult(name, str(config.relative_to(ROOT)), trained.seconds, nlu, serving[name])
        for (name, config), (trained, nlu) in zip(setups.items(), scored.values(), strict=True)
    ]
    ours, default = results[0], (results[1] if len(results) > 1 else None)
    conditions = {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "machine": machine(),
        "load_average": {
            "start": load_start,
            "serving": load_serving,
            "end": os.getloadavg()[0],
        },
        "minutes": (time.perf_counter() - started) / 60,
    }
    plot_latency(results, args.plot)
    args.out.write_text(document(ours, default, conditions, args, args.plot), encoding="utf-8")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(raw(results, conditions), indent=1), encoding="utf-8")
    print(text_table(table_ours(ours) if default is None else table(ours, default)))
    if default is not None:
        print(f"\n{headline(ours, default)}")
    print(f"written: {args.out}, {args.plot}, {args.json}")
    return 0


def raw(results: list[SetupResult], conditions: dict[str, Any]) -> dict[str, Any]:
    """Every measurement, for comparing runs later."""
    return {
        "conditions": conditions,
        "setups": [
            {
                "name": r.name,
                "config": r.config,
                "train_s": r.train_s,
                "nlu": r.nlu,
                "cold_starts_s": r.serving.cold_starts_s,
                "rasa_rss_bytes": r.serving.rasa_rss_bytes,
                "actions_rss_bytes": r.serving.actions_rss_bytes,
                "single_user": _load(r.serving.single_user),
                "concurrent": _load(r.serving.concurrent),
            }
            for r in results
        ],
    }


def _load(result: Any) -> dict[str, Any]:
    data = {k: v for k, v in dataclasses.asdict(result).items() if k != "exchanges"}
    data["latencies_ms"] = result.latencies_ms
    data["errors"] = [dataclasses.asdict(e) for e in result.errors]
    return data


if __name__ == "__main__":
    sys.exit(main())
