"""`make shell` (scripts/chat_shell.py) talks to the assistant that is already running."""

from __future__ import annotations

import subprocess
import sys

import pytest

from knowledge.loader import Knowledge
from tests.servers import ROOT, Stack, free_port

SHELL = ROOT / "scripts" / "chat_shell.py"


@pytest.mark.server
def test_the_shell_asks_the_running_assistant_and_presses_its_buttons(
    stack: Stack, knowledge: Knowledge
) -> None:
    tpm = knowledge.default_role
    run = subprocess.run(
        [sys.executable, str(SHELL), "--url", f"{stack.rasa_url}/webhooks/rest/webhook"],
        input="How much does a TPM earn?\n1\n\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert f"bot> {tpm.answers['salary'].text}" in run.stdout
    # "1" pressed the first button under the answer ("Tell me more"): a second turn answered.
    assert run.stdout.count("you> ") == 3
    assert run.stdout.count("bot> ") >= 3


def test_the_shell_says_how_to_start_the_assistant_when_none_answers() -> None:
    url = f"http://127.0.0.1:{free_port()}/webhooks/rest/webhook"
    run = subprocess.run(
        [sys.executable, str(SHELL), "--url", url],
        input="hi\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 1
    assert "make run" in run.stderr
