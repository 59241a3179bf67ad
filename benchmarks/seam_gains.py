"""What each speed entry of the Rasa seam gains, measured: the servers with it and without it.

`make benchmark BENCHMARK_ARGS=--seam` serves the trained model (models/tpm.tar.gz) once with
every entry of serving/rasa_seam.py, and once more for each entry kept for speed with that
entry left out (`TPM_SEAM_LEAVE_OUT`; the conversation store's entries by serving Rasa's own
SQL tracker store instead of ours). All of them are measured in turns by
benchmarks/serving.py, so whatever else the machine does weighs on each alike. An entry
pays for itself when leaving it out costs at least GAIN_FLOOR of the Rasa server's CPU per
message, its cold start or its memory; the table goes into docs/RASA_SEAM.md.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks.serving import ServingResult, Workload, measure_serving
from benchmarks.training import ROOT
from serving.rasa_seam import LEAVE_OUT_ENV, SEAM, SeamEntry

MODEL = ROOT / "models" / "tpm.tar.gz"
PAGE = ROOT / "docs" / "RASA_SEAM.md"
START = "<!-- Gains: written by `make benchmark BENCHMARK_ARGS=--seam`; do not edit. -->"
END = "<!-- End of the gains. -->"
# Below this, an entry's cost at each upgrade is not paid for by its speed.
GAIN_FLOOR = 0.05
WITH_ALL = "every entry"
# The figures an entry may pay for itself in (p95 is shown, but follows CPU per message).
PAID_IN = ("cpu_ms_per_message", "cold_start_s", "rss_mb")
# The conversation store's entries are one class of ours, named in endpoints.yml.
OUR_STORE = "serving.tracker_store"
RASA_STORE = "type: SQL"


def speed_entries() -> list[SeamEntry]:
    """The entries kept only for speed, one per thing that can be left out."""
    return [entry for entry in SEAM if entry.speed]


def endpoints_with_rasas_store(work: Path) -> Path:
    """endpoints.yml with Rasa's SQL tracker store in place of ours."""
    text = (ROOT / "endpoints.yml").read_text(encoding="utf-8")
    text = re.sub(r"type: serving\.tracker_store\.\w+", RASA_STORE, text)
    text = re.sub(r"\n\s*cached_conversations:.*", "", text)
    path = work / "endpoints-rasa-store.yml"
    path.write_text(text, encoding="utf-8")
    return path


def environment_without(entry: SeamEntry, work: Path) -> dict[str, str]:
    """What the servers are started with to leave `entry` out."""
    if entry.ours.startswith(OUR_STORE):
        return {"ENDPOINTS_FILE": str(endpoints_with_rasas_store(work))}
    return {LEAVE_OUT_ENV: entry.name}


def figures(result: ServingResult) -> dict[str, float]:
    """The figures an entry may pay for itself in."""
    return {
        "cpu_ms_per_message": result.rasa_cpu_ms_per_message,
        "cold_start_s": result.cold_start_s,
        "rss_mb": result.rasa_rss_bytes / 1e6,
        "p95_ms": result.single_user.percentile(95),
    }


def gains(baseline: dict[str, float], without: dict[str, float]) -> dict[str, float]:
    """How much worse each figure is without the entry, as a share of the figure without it."""
    return {name: (without[name] - baseline[name]) / without[name] for name in baseline}


def pays(gain: dict[str, float]) -> bool:
    """At least GAIN_FLOOR of CPU per message, cold start or memory."""
    return any(gain[name] >= GAIN_FLOOR for name in PAID_IN)


def table(measured: dict[str, dict[str, float]], entries: list[SeamEntry]) -> str:
    """The Markdown table of docs/RASA_SEAM.md."""
    base = measured[WITH_ALL]
    lines = [
        "| Left out | Rasa CPU per message | Cold start | Rasa server memory | p95, one user | "
        "Pays for itself |",
        "| --- | --- | --- | --- | --- | --- |",
        f"| nothing ({WITH_ALL}) | {base['cpu_ms_per_message']:.1f} ms | "
        f"{base['cold_start_s']:.2f} s | {base['rss_mb']:.0f} MB | {base['p95_ms']:.1f} ms | |",
    ]
    for entry in entries:
        row = measured[entry.name]
        gain = gains(base, row)
        cells = [
            f"{row[name]:{fmt}} {unit} ({gain[name]:+.0%})"
            for name, fmt, unit in (
                ("cpu_ms_per_message", ".1f", "ms"),
                ("cold_start_s", ".2f", "s"),
                ("rss_mb", ".0f", "MB"),
                ("p95_ms", ".1f", "ms"),
            )
        ]
        verdict = "yes" if pays(gain) else f"no (under {GAIN_FLOOR:.0%})"
        lines.append(f"| `{entry.name}` | {' | '.join(cells)} | {verdict} |")
    return "\n".join(lines)


def write_page(text: str, page: Path = PAGE) -> None:
    """Put `text` between the page's gain markers."""
    content = page.read_text(encoding="utf-8")
    before, _, rest = content.partition(START)
    _, _, after = rest.partition(END)
    page.write_text(f"{before}{START}\n{text}\n{END}{after}", encoding="utf-8")


def commit() -> str:
    """The commit measured (with a mark when the working tree differs from it)."""
    head = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return f"{head} with changes" if dirty else head


def caption(workload: Workload) -> str:
    """When, where and how much was measured."""
    return (
        f"Measured {time.strftime('%Y-%m-%d %H:%M %Z')} at commit {commit()}, on "
        f"{os.cpu_count()} cores (load average {os.getloadavg()[0]:.1f} at the end): "
        f"{workload.rounds} rounds of one user and of {workload.concurrent_conversations} "
        f"conversations at once, {workload.cold_starts} cold starts, each variant in turn."
    )


def run(workload: Workload, work_dir: Path | None, json_path: Path) -> str:
    """Measure every variant in turns; write the page's table and the raw figures."""
    if not MODEL.exists():
        raise SystemExit(f"no trained model at {MODEL}: run `make train` first")
    entries = speed_entries()
    with tempfile.TemporaryDirectory(prefix="tpm-seam-") as tmp:
        work = work_dir or Path(tmp)
        environments = {WITH_ALL: {}} | {
            entry.name: environment_without(entry, work) for entry in entries
        }
        models = {name: MODEL for name in environments}
        results = measure_serving(models, work, workload, environments)
    measured = {name: figures(result) for name, result in results.items()}
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(measured, indent=1), encoding="utf-8")
    text = f"{caption(workload)}\n\n{table(measured, entries)}"
    write_page(text)
    return text
