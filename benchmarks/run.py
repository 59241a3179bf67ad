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

from benchmarks.report import (
    SetupResult,
    headline,
    markdown_table,
    plot_latency,
    table,
    text_table,
)
from benchmarks.serving import measure_serving
from benchmarks.training import ROOT, evaluate, train

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


def measure(name: str, config: Path, work: Path, args: argparse.Namespace) -> SetupResult:
    slug = "ours" if name == "ours" else "rasa_default"
    out = work / slug
    print(f"[{name}] training {config.relative_to(ROOT)} from scratch...", flush=True)
    trained = train(config, out, slug)
    print(f"[{name}] trained in {trained.seconds:.1f} s; held-out NLU...", flush=True)
    nlu = evaluate(trained.model, out)
    print(f"[{name}] serving: cold starts, single user, 16 concurrent...", flush=True)
    serving = measure_serving(
        trained.model,
        out / "servers",
        cold_starts=args.cold_starts,
        single_user=(args.single_conversations, args.messages),
        concurrent=(args.concurrent, args.messages),
    )
    print(f"[{name}] single user: {serving.single_user.summary()}", flush=True)
    print(f"[{name}] concurrent: {serving.concurrent.summary()}", flush=True)
    return SetupResult(name, str(config.relative_to(ROOT)), trained.seconds, nlu, serving)


def document(
    ours: SetupResult,
    default: SetupResult,
    conditions: dict[str, Any],
    args: argparse.Namespace,
    plot: Path,
) -> str:
    """docs/BENCHMARKS.md: how it was measured, the table, the plot, and the notes."""
    host = conditions["machine"]
    load = conditions["load_average"]
    starts = ", ".join(
        f"{r.name}: " + " / ".join(f"{s:.1f}" for s in r.serving.cold_starts_s) + " s"
        for r in (ours, default)
    )
    notes = NOTES.read_text(encoding="utf-8") if NOTES.exists() else ""
    return f"""# Benchmarks

Our assistant (`{ours.config}`) against Rasa's default configuration (`{default.config}`,
what `rasa init` gives), both trained from scratch on this project's `data/` and `domain.yml`
and served by the same servers. Produced by `make benchmark` (`benchmarks/run.py`); every
figure below is from its latest run.

- **When, where:** {conditions["date"]}, {host["cpu"]}, {host["cores"]} cores, \
{host["memory_gb"]} GB RAM; Python {host["python"]}, Rasa {host["rasa"]}, \
TensorFlow {host["tensorflow"]}. The machine is shared with other work: load average \
{load["start"]:.1f} at the start, {load["end"]:.1f} at the end (2.0 means both cores busy), \
so the timings carry that noise.
- **Took:** {conditions["minutes"]:.1f} minutes end to end.
- **Headline:** {headline(ours, default)}.

{markdown_table(table(ours, default))}

![Latency distribution of both configs]({plot.name})

## How each figure is measured

- **Training:** wall time of `rasa train` with an empty Rasa cache (from scratch), including
  Rasa's own start-up.
- **Cold start:** from launching the Rasa server (`python -m serving run`, the Procfile's
  command) until its first REST message gets an answer, the action server already running;
  median of {args.cold_starts} restarts ({starts}).
- **Memory:** peak resident set size (RSS) of each server's process tree, sampled every 0.1 s
  during the two latency runs.
- **Latency:** per message over REST (`/webhooks/rest/webhook`), from sending until the whole
  answer arrived, so it includes NLU, the dialogue policies, the custom action's round trip to
  the action server and the tracker store (SQLite). Single user:
  {args.single_conversations} conversations of {args.messages} messages, one message at a time,
  after one warm-up conversation. The messages are `benchmarks/load.py`'s script: questions
  about the TPM and other roles, follow-ups, off-topic requests, a button payload, thanks.
- **16 concurrent conversations:** {args.concurrent} conversations of {args.messages} messages
  at once (`benchmarks/load.py`); throughput counts answered messages per second of wall
  time. An error is a failed request, an empty answer or the action server apology; the row
  counts errors of both latency runs.
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
    parser.add_argument("--cold-starts", type=int, default=3)
    parser.add_argument("--single-conversations", type=int, default=15)
    parser.add_argument("--messages", type=int, default=20)
    parser.add_argument("--concurrent", type=int, default=16)
    parser.add_argument("--work-dir", type=Path, help="keep models and logs here")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    load_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="tpm-benchmark-") as tmp:
        work = args.work_dir or Path(tmp)
        results = [measure(name, config, work, args) for name, config in SETUPS.items()]
    ours, default = results
    conditions = {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "machine": machine(),
        "load_average": {"start": load_start, "end": os.getloadavg()[0]},
        "minutes": (time.perf_counter() - started) / 60,
    }
    plot_latency(results, args.plot)
    args.out.write_text(document(ours, default, conditions, args, args.plot), encoding="utf-8")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(raw(results, conditions), indent=1), encoding="utf-8")
    print(text_table(table(ours, default)))
    print(f"\n{headline(ours, default)}\nwritten: {args.out}, {args.plot}, {args.json}")
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
