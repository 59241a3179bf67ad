"""`make shell` talks to the assistant already running on $RASA_PORT, and starts none of its own.

tests/test_chat_shell.py runs scripts/chat_shell.py with `--url`; this runs the README's command
itself, `make shell`, the way a second terminal does next to `make run`: told only RASA_PORT,
which the Makefile exports and chat_shell.py builds its address from. `rasa shell`, which this
target replaced, starts a second Rasa server (a few seconds with this model, so speed alone
would not tell them apart); so while the shell waits for its second line, the processes
`make shell` started are checked: the shell alone, holding no listening socket. The question
asked is then found in the tracker store of the stack's own Rasa server, not some other one
that happens to answer on the default port.
"""

from __future__ import annotations

import os
import select
import sqlite3
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from knowledge.loader import Knowledge
from tests.servers import ROOT, Stack, stored_user_texts

pytestmark = pytest.mark.server

QUESTION = "what does a TPM do?"
PROMPT = "you> "
TURN_TIMEOUT_S = 60.0
LISTEN = "0A"  # the TCP state LISTEN in /proc/net/tcp


def descendants(pid: int) -> list[int]:
    """Every process started by `pid`, at any depth, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # "pid (command) state ppid ...": the command may hold spaces and parentheses.
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found: list[int] = []
    pending = [pid]
    while pending:
        for child in children.get(pending.pop(), []):
            found.append(child)
            pending.append(child)
    return found


def command_line(pid: int) -> list[str]:
    return (Path("/proc") / str(pid) / "cmdline").read_bytes().decode().split("\0")[:-1]


def listening_sockets() -> set[str]:
    """The inodes of every listening TCP socket on this machine."""
    inodes: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == LISTEN:
                inodes.add(fields[9])
    return inodes


def sockets_of(pid: int) -> set[str]:
    """The inodes of the sockets `pid` holds open."""
    inodes: set[str] = set()
    fds = Path("/proc") / str(pid) / "fd"
    for fd in fds.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:[") : -1])
    return inodes


def read_to_prompt(process: subprocess.Popen[bytes]) -> str:
    """Read the shell's output up to its next prompt (it then waits for a line)."""
    assert process.stdout is not None
    seen = b""
    deadline = time.monotonic() + TURN_TIMEOUT_S
    while not seen.decode(errors="replace").endswith(PROMPT):
        remaining = deadline - time.monotonic()
        assert remaining > 0, f"no prompt within {TURN_TIMEOUT_S}s:\n{seen.decode()}"
        ready, _, _ = select.select([process.stdout], [], [], remaining)
        if ready:
            chunk = os.read(process.stdout.fileno(), 4096)
            assert chunk, f"the shell ended before its prompt:\n{seen.decode()}"
            seen += chunk
    return seen.decode()


def shell_conversations(tracker_db: str) -> set[str]:
    """The conversations chat_shell.py started (their senders are `shell-…`) in a tracker store."""
    with sqlite3.connect(tracker_db) as database:
        rows = database.execute(
            "SELECT DISTINCT sender_id FROM events WHERE sender_id LIKE 'shell-%'"
        ).fetchall()
    return {sender for (sender,) in rows}


def test_make_shell_asks_the_running_assistant_and_starts_no_server(
    stack: Stack, knowledge: Knowledge
) -> None:
    """The overview answer comes back through `make shell`, from the stack already running.

    `-o install` keeps `make` from running the target's `install` step: when this checkout's
    install stamps are older than pyproject.toml (while someone edits it), `make shell` would
    run `uv sync` or `npm ci` here first, which is neither what is tested nor a test's to do.
    Everything after that step is the target as the README gives it.
    """
    port = urlsplit(stack.rasa_url).port
    url = f"{stack.rasa_url}/webhooks/rest/webhook"
    tracker_db = stack.env["TRACKER_DB"]
    before = shell_conversations(tracker_db)

    started = time.monotonic()
    make = subprocess.Popen(
        ["make", "--no-print-directory", "-s", "-o", "install", "shell"],
        cwd=ROOT,
        env={**os.environ, "RASA_PORT": str(port), "PYTHONUNBUFFERED": "1"},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    assert make.stdin is not None
    try:
        greeting = read_to_prompt(make)
        make.stdin.write(f"{QUESTION}\n".encode())
        make.stdin.flush()
        answered = read_to_prompt(make)

        # The shell has answered and waits for its next line: whatever `make shell` started
        # is running now. A `rasa shell` would be a Rasa server listening on a port.
        started_by_make = descendants(make.pid)
        commands = [command_line(pid) for pid in started_by_make]
        listening = listening_sockets() & set().union(
            *(sockets_of(pid) for pid in [make.pid, *started_by_make])
        )

        # With no input, communicate() closes the shell's stdin: end of input ends the shell.
        rest, errors = make.communicate(timeout=TURN_TIMEOUT_S)
    finally:
        if make.poll() is None:
            make.kill()
    took = time.monotonic() - started
    output = greeting + answered + rest.decode()

    assert make.returncode == 0, errors.decode()
    assert commands == [[".venv/bin/python", "scripts/chat_shell.py"]], commands
    assert listening == set(), f"`make shell` listens on sockets {listening}: {commands}"
    assert output.startswith(f"Talking to {url} "), output
    overview = knowledge.default_role.answers["overview"].text
    assert f"bot> {overview}" in output, output
    assert "responsible for managing projects" in output, output

    # The question is in the tracker store of the stack's Rasa server: it answered.
    new = shell_conversations(tracker_db) - before
    assert len(new) == 1, new
    assert stored_user_texts(tracker_db, new.pop()) == [QUESTION]
    print(f"make shell: one turn in {took:.1f} s, through {url}")
