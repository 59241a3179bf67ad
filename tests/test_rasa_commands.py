"""Rasa's own commands in this folder: `rasa run`, `rasa shell` and `rasa run actions` refuse
in one line naming the command to use (serving/started_here.py, actions/__init__.py), `rasa
test` runs as Rasa runs it.

`rasa test` itself is run by `make test-stories` and `make test-nlu` on every `make test`;
here its model loading is shown to import none of the refused paths.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import actions
from serving import started_here
from tests.servers import MODEL, ROOT, base_env, free_port

RASA = str(Path(sys.executable).with_name("rasa"))


def refused(command: list[str], tmp_path: Path, stdin: str = "") -> subprocess.CompletedProcess:
    """Run one of Rasa's commands in the project folder, as a developer would."""
    env = base_env(tmp_path, ACTION_ENDPOINT_URL=f"http://127.0.0.1:{free_port()}/webhook")
    return subprocess.run(
        [RASA, *command],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


def our_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "python -m serving run" in line]


def test_which_commands_are_refused() -> None:
    assert started_here.rasa_command(["/x/.venv/bin/rasa", "run", "--port", "5"]) == "run"
    assert started_here.rasa_command(["/x/rasa/__main__.py", "shell"]) == "shell"
    assert started_here.rasa_command(["/x/.venv/bin/rasa", "run", "actions"]) is None
    assert started_here.rasa_command(["/x/.venv/bin/rasa", "test", "core"]) is None
    assert started_here.rasa_command(["/x/serving/__main__.py", "run"]) is None
    assert started_here.rasa_command(["/x/.venv/bin/pytest", "run"]) is None
    assert started_here.refusal(["/x/.venv/bin/pytest"]) is None
    assert actions.started_by_rasa_run_actions(["/x/.venv/bin/rasa", "run", "actions"])
    assert not actions.started_by_rasa_run_actions(["/x/.venv/bin/pytest", "run", "actions"])


@pytest.mark.server
def test_rasa_run_refuses_in_one_line(tmp_path: Path) -> None:
    port = free_port()
    done = refused(
        [
            "run",
            "--model",
            str(MODEL),
            "--port",
            str(port),
            "--endpoints",
            "endpoints.yml",
            "--credentials",
            "credentials.yml",
        ],
        tmp_path,
    )
    assert done.returncode == started_here.REFUSED_EXIT, done.stderr[-2000:]
    [line] = our_lines(done.stderr)
    assert line.startswith("Start this assistant with `make run`, not `rasa run`")


@pytest.mark.server
def test_rasa_run_refuses_with_rasas_default_files(tmp_path: Path) -> None:
    """Without --endpoints or --credentials Rasa reads the same two files of this folder."""
    done = refused(["run", "--model", str(MODEL), "--port", str(free_port())], tmp_path)
    assert done.returncode == started_here.REFUSED_EXIT, done.stderr[-2000:]
    assert len(our_lines(done.stderr)) == 1


@pytest.mark.server
def test_rasa_shell_refuses_in_one_line(tmp_path: Path) -> None:
    done = refused(["shell", "--model", str(MODEL), "--port", str(free_port())], tmp_path, "hi\n")
    assert done.returncode == started_here.REFUSED_EXIT, done.stderr[-2000:]
    [line] = our_lines(done.stderr)
    assert line.startswith("Talk to this assistant with `make shell`")
    # Nothing was answered before the refusal.
    assert "Bot loaded" not in done.stdout


@pytest.mark.server
def test_rasa_run_actions_refuses_in_one_line(tmp_path: Path) -> None:
    done = refused(["run", "actions", "--port", str(free_port())], tmp_path)
    assert done.returncode == actions.REFUSED_EXIT, done.stderr[-2000:]
    lines = [line for line in done.stderr.splitlines() if "python -m actions" in line]
    assert lines == [actions.RASA_RUN_ACTIONS_REFUSAL]


def test_rasa_test_loads_the_model_without_the_refused_modules() -> None:
    """`rasa test` loads the model with Rasa's Agent.load and no endpoints or credentials: the
    tracker store and channels, whose import refuses `rasa run`, are never imported."""
    script = (
        "import sys\n"
        "sys.argv = ['rasa', 'test', 'core']\n"
        "from rasa.core.agent import Agent\n"
        f"agent = Agent.load({str(MODEL)!r})\n"
        "assert agent.is_ready()\n"
        "print('channels' in sys.modules, 'serving.tracker_store' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "False False"
