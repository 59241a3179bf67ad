"""The repository stands alone: a clone with nothing beside it passes `make test-unit`.

Everything the tests and `make accuracy` read must be inside the repository (the evaluation
sets of tests/nlu/hwu64, the Snips requests of scripts/snips), never in a folder next to it. The
clone is made into an empty temporary folder and given this checkout's environment and trained
model, dated before and after its files, so that `make` installs and trains nothing and the run
measures what the repository reads, not how long an install takes.

It runs in the server layer (`make test-server`): it starts no server, but it runs the whole
unit layer again, which is too slow for `make test-unit`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODEL = Path("models") / "tpm.tar.gz"
# Set inside the clone, where this test would otherwise clone the clone.
INSIDE_CLONE = "TPM_ASSISTANT_STANDALONE_CLONE"
# Files of the clone are dated this far back, so the environment's stamps are newer.
LONG_AGO_S = 10 * 365 * 24 * 3600
RUN_TIMEOUT_S = 1200


def dated_back(folder: Path, when: float) -> None:
    """Every file and folder of `folder` (but .git) dated `when`."""
    for path in folder.rglob("*"):
        if ".git" not in path.relative_to(folder).parts:
            os.utime(path, (when, when), follow_symlinks=False)


@pytest.mark.server
@pytest.mark.skipif(os.environ.get(INSIDE_CLONE) == "1", reason="already inside the clone")
@pytest.mark.timeout(RUN_TIMEOUT_S + 60)
def test_a_clone_with_nothing_beside_it_passes_the_unit_tests(tmp_path: Path) -> None:
    alone = tmp_path / "alone"
    alone.mkdir()
    clone = alone / ROOT.name
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    assert sorted(path.name for path in alone.iterdir()) == [ROOT.name]

    dated_back(clone, time.time() - LONG_AGO_S)
    (clone / ".venv").symlink_to(ROOT / ".venv")
    (clone / MODEL).parent.mkdir()
    shutil.copy2(ROOT / MODEL, clone / MODEL)
    os.utime(clone / MODEL)

    environment = {**os.environ, INSIDE_CLONE: "1"}
    run = subprocess.run(
        ["make", "--no-print-directory", "test-unit"],
        cwd=clone,
        env=environment,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
    )
    output = run.stdout + run.stderr
    assert "rasa train" not in output, "the clone trained again: its files were newer"
    assert run.returncode == 0, output[-4000:]
    assert " passed" in output, output[-4000:]
