"""Train a config from scratch and score the model on the held-out NLU file.

Both run Rasa as separate processes, exactly as a user would (`rasa train`, then
benchmarks.nlu_eval), so the benchmark driver never loads Rasa or TensorFlow itself.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HOLDOUT = ROOT / "tests" / "nlu" / "holdout.yml"
QUIET = {
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    "RASA_TELEMETRY_ENABLED": "false",
    "LOG_LEVEL": "WARNING",
    "PYTHONWARNINGS": "ignore",
}


@dataclass(frozen=True)
class Trained:
    """A model and how long `rasa train` took to make it, start to finish."""

    model: Path
    seconds: float


def run_logged(command: list[str], log: Path, env: dict[str, str]) -> float:
    """Run `command` in the project directory, output to `log`; wall seconds, or fail."""
    started = time.perf_counter()
    with log.open("wb") as handle:
        process = subprocess.run(
            command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT, check=False
        )
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        tail = log.read_text(errors="replace")[-3000:]
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{tail}")
    return elapsed


def train(config: Path, out_dir: Path, name: str) -> Trained:
    """`rasa train` of `config` on data/ and domain.yml, with an empty cache: from scratch."""
    out_dir.mkdir(parents=True, exist_ok=True)
    # Rasa reuses trained components from its cache (.rasa/cache); a fresh one trains all.
    env = {**os.environ, **QUIET, "RASA_CACHE_DIRECTORY": str(out_dir / "cache")}
    command = [
        sys.executable,
        "-m",
        "rasa",
        "train",
        "--config",
        str(config),
        "--domain",
        str(ROOT / "domain.yml"),
        "--data",
        str(ROOT / "data"),
        "--out",
        str(out_dir),
        "--fixed-model-name",
        name,
    ]
    seconds = run_logged(command, out_dir / "train.log", env)
    return Trained(out_dir / f"{name}.tar.gz", seconds)


def evaluate(model: Path, out_dir: Path, nlu_file: Path = HOLDOUT) -> dict[str, Any]:
    """Held-out NLU scores of `model` (benchmarks.nlu_eval, in its own process)."""
    result = out_dir / "nlu.json"
    command = [sys.executable, "-m", "benchmarks.nlu_eval", str(model), str(nlu_file), str(result)]
    run_logged(command, out_dir / "nlu.log", {**os.environ, **QUIET})
    return json.loads(result.read_text(encoding="utf-8"))["scores"]
