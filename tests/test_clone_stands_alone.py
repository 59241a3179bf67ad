"""A clone of the committed HEAD, with nothing beside it, reads nothing outside itself.

A checkout may sit next to other folders (a folder of shared material beside it, say). A test,
a benchmark or a make target that reads from one passes there and fails for anyone who clones
the repository on its own; worse, a test
that skips when its file is missing passes everywhere and checks nothing. So both tests below
work on `git clone --no-hardlinks` of HEAD into an empty temporary folder: what is committed,
not what is lying around in this working tree, with no ../shared beside it.

- The unit layer checks the clone's files for the path to that folder: fast, and it catches a
  benchmark or script that `make test-unit` never runs.
- The server layer (`make test-server`) runs `make test-unit` in the clone: every unit test
  against the committed files alone. It starts no server; it is marked `server` because it runs
  the whole unit layer again (minutes, too slow for `make test-unit`), and because that marker
  keeps it out of the `pytest -m "not server"` it runs, so it never clones itself.

`make` is told only what is true (see `dated_as_in_the_checkout`): the clone trains again when
the committed model inputs differ from those the checkout's model was trained from, and `make`
never installs through the links into this checkout's environment.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODEL = Path("models") / "tpm.tar.gz"
# Installed things, not the project: linked from this checkout into the clone.
VENV = Path(".venv")
NODE_MODULES = Path("web") / "node_modules"
# What `make install` makes; `make test-unit` in the clone must find these current, never remake
# them: they would be remade through the links, in this checkout's environment.
INSTALL_STAMPS = (".venv/.installed", "web/node_modules/.installed")
# uv's compiling of the installed packages' bytecode: speed only, and this checkout's business
# (its own `make` redoes it after an install), so the clone's `make` is told to leave it (-o).
BYTECODE_STAMP = ".venv/.compiled"
# What `uv sync --frozen` installs from (the Makefile's $(VENV)/.installed prerequisites).
VENV_INPUTS = (Path("pyproject.toml"), Path("uv.lock"), Path(".python-version"))
# Set inside the clone: a clone never clones itself.
INSIDE_CLONE = "TPM_ASSISTANT_STANDALONE_CLONE"
# The Python the Makefile runs uv from ($(PYTHON)).
PYTHON = os.environ.get("PYTHON", "python3")
# Written in two parts so that this file does not name the folder itself.
SIBLING = "/".join(("..", "shared"))
# Code, where even the folder's absolute path is a read; data files may name it in comments
# (tests/nlu/blind_asked_*.yml say where their sentences were written from).
CODE_SUFFIXES = {".py", ".sh", ".toml", ".cfg", ".ini"}
CODE_NAMES = {"Makefile", "Procfile", "Procfile.scaled"}
UNIT_LAYER_TIMEOUT_S = 1200
TRAIN_TIMEOUT_S = 1800
OUTPUT_TAIL = 4000


def clone_of_head(folder: Path) -> Path:
    """`git clone --no-hardlinks` of this checkout into `folder`/repo, the only thing there."""
    clone = folder / "repo"
    subprocess.run(
        ["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(clone)],
        check=True,
        capture_output=True,
    )
    assert sorted(path.name for path in folder.iterdir()) == ["repo"]
    return clone


def tracked_files(clone: Path) -> list[Path]:
    """The clone's files, relative to it: exactly what HEAD commits."""
    listing = subprocess.run(
        ["git", "ls-files", "-z"], cwd=clone, capture_output=True, check=True
    ).stdout.decode()
    return [Path(name) for name in listing.split("\0") if name and (clone / name).is_file()]


def naming_lines(path: Path, needle: str) -> list[int]:
    """The numbers of the lines of `path` holding `needle` (none for a binary file)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return []
    return [number for number, line in enumerate(text.splitlines(), 1) if needle in line]


def is_code(relative: Path) -> bool:
    return relative.suffix in CODE_SUFFIXES or relative.name in CODE_NAMES


def dated_as_in_the_checkout(clone: Path) -> list[Path]:
    """Date each file of the clone as its copy here, when the two are the same; return the rest.

    `git clone` dates every file now, so `make` in the clone would see every file newer than
    the environment and the model it is given, and install and train again. A file with the
    same bytes here gets this checkout's date, so `make` in the clone decides exactly as `make`
    here would; a committed file that differs from the working tree's (being edited, moved)
    stays newer, and whatever it is an input of is made again, as it should be.
    """
    differing: list[Path] = []
    for relative in tracked_files(clone):
        here = ROOT / relative
        if here.is_file() and filecmp.cmp(here, clone / relative, shallow=False):
            when = here.stat().st_mtime
            os.utime(clone / relative, (when, when))
        else:
            differing.append(relative)
    return differing


def model_inputs(clone: Path) -> list[Path]:
    """The files the Makefile's model rule names: training data and the components' code."""
    code = subprocess.run(
        [PYTHON, "scripts/model_inputs.py"], cwd=clone, capture_output=True, text=True, check=True
    ).stdout.split()
    data = [path.relative_to(clone) for path in (clone / "data").rglob("*.yml")]
    return [Path("config.yml"), Path("domain.yml"), *data, *map(Path, code)]


def make(clone: Path, *arguments: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", *arguments],
        cwd=clone,
        env={**os.environ, INSIDE_CLONE: "1"},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_nothing_in_the_clone_names_the_folder_beside_the_checkout(tmp_path: Path) -> None:
    """No committed file names ../shared, and no code names that folder by its full path.

    `make test-unit` in a clone only proves what the unit tests read; `make accuracy`,
    `make benchmark` and the scripts behind them run in no test layer, so their paths are
    checked here, in every file but prose (Markdown may say where a text came from, and the
    comments of tests/nlu/blind_asked_*.yml name the folder their sentences were written from).
    """
    clone = clone_of_head(tmp_path)
    absolute = str(ROOT.parent / "shared")
    offenders: list[str] = []
    this_test = Path(__file__).resolve().relative_to(ROOT)
    for relative in tracked_files(clone):
        if relative.suffix == ".md" or relative == this_test:
            # Prose, and this file, which has to name what it looks for.
            continue
        needles = [SIBLING, absolute] if is_code(relative) else [SIBLING]
        for needle in needles:
            offenders += [
                f"{relative}:{line}: {needle}" for line in naming_lines(clone / relative, needle)
            ]
    assert offenders == [], "committed files read from outside the repository"


@pytest.mark.server
@pytest.mark.skipif(os.environ.get(INSIDE_CLONE) == "1", reason="already inside a clone")
@pytest.mark.timeout(UNIT_LAYER_TIMEOUT_S + TRAIN_TIMEOUT_S + 120)
def test_a_clone_of_head_with_nothing_beside_it_passes_make_test_unit(tmp_path: Path) -> None:
    """`make test-unit` in the clone exits 0, with this checkout's environment and model.

    The environment (.venv, web/node_modules) is linked and the model copied with its date, so
    the run measures what the repository reads rather than an install. `make` is only told the
    truth about them: the Python environment counts as current when uv finds it holds exactly
    what HEAD's uv.lock asks for; the chat widget and the model when their inputs are the same
    bytes here and `make` here would not remake them. When the model is not current for HEAD's
    files, the clone trains its own (a minute or two more, and said in the report); when the
    environment is not, the test is skipped, because `make` would install into this
    checkout's environment through the link. Only uv's bytecode step is left out (`-o`): it
    changes no behaviour, and it is this checkout's to redo.
    """
    clone = clone_of_head(tmp_path)
    differing = dated_as_in_the_checkout(clone)
    (clone / VENV).symlink_to(ROOT / VENV, target_is_directory=True)
    if (ROOT / NODE_MODULES).is_dir():
        (clone / NODE_MODULES).symlink_to(ROOT / NODE_MODULES, target_is_directory=True)

    # `uv sync --frozen` (the Makefile's install) reads the lock, not the rest of pyproject.toml:
    # when the linked environment already holds HEAD's lock, its stamp is current for HEAD.
    in_sync = subprocess.run(
        [PYTHON, "-m", "uv", "sync", "--frozen", "--check"],
        cwd=clone,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if in_sync.returncode != 0:
        pytest.skip(f"this checkout's .venv is not HEAD's uv.lock: {in_sync.stderr[-500:]}")
    installed_at = (ROOT / VENV / ".installed").stat().st_mtime
    for relative in VENV_INPUTS:
        os.utime(clone / relative, (installed_at - 1, installed_at - 1))
    for stamp in INSTALL_STAMPS:
        if make(clone, "-q", stamp).returncode != 0:
            pytest.skip(f"`make` would remake {stamp} through the link into this checkout")

    (clone / MODEL).parent.mkdir()
    shutil.copy2(ROOT / MODEL, clone / MODEL)
    model_current = make(clone, "-q", str(MODEL)).returncode == 0
    stale_inputs = sorted(str(path) for path in set(differing) & set(model_inputs(clone)))

    started = time.monotonic()
    run = make(
        clone,
        "-o",
        BYTECODE_STAMP,
        "test-unit",
        timeout=UNIT_LAYER_TIMEOUT_S + (0 if model_current else TRAIN_TIMEOUT_S),
    )
    took = time.monotonic() - started
    output = run.stdout + run.stderr
    report = (
        f"make test-unit in the clone: exit {run.returncode} after {took:.0f} s; "
        f"model {'reused' if model_current else 'trained again'} "
        f"(its inputs committed otherwise than in this working tree: {stale_inputs})\n"
        f"{output[-OUTPUT_TAIL:]}"
    )
    print(report.splitlines()[0])
    if model_current:
        assert "rasa train" not in output, report
    assert run.returncode == 0, report
    assert " passed" in output, report
    # The run left nothing beside the clone either.
    assert sorted(path.name for path in tmp_path.iterdir()) == ["repo"]
