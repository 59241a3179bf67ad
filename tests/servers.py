"""Start the real action server and Rasa server on loopback for end-to-end tests.

`rasa test` never calls the action server, so answer text is only proven by talking to the
real processes. Each server runs as its own subprocess on a free port with its own tracker
database, exactly as `make run` starts them (same Procfile commands, same endpoints file).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import requests

from tests.server_permit import require_server_marker

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
MODEL = ROOT / "models" / "tpm.tar.gz"
START_TIMEOUT = 120.0


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_http(
    url: str, process: subprocess.Popen, log: Path, timeout: float, poll_interval: float = 0.3
) -> None:
    """Wait until `url` answers 200, failing early (with the log) if the process dies."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"{url} exited with {process.returncode}:\n{log.read_text()[-4000:]}"
            )
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(poll_interval)
    raise TimeoutError(f"{url} did not answer within {timeout}s:\n{log.read_text()[-4000:]}")


@dataclass
class ManagedProcess:
    """One server subprocess with its log file; stoppable and restartable."""

    name: str
    command: list[str]
    env: dict[str, str]
    log: Path
    health_url: str
    process: subprocess.Popen | None = None

    def start(self, timeout: float = START_TIMEOUT, poll_interval: float = 0.3) -> None:
        require_server_marker(self.name)
        handle = self.log.open("ab")
        self.process = subprocess.Popen(
            self.command,
            cwd=ROOT,
            env=self.env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for_http(self.health_url, self.process, self.log, timeout, poll_interval)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


@dataclass
class Stack:
    """A running action server plus Rasa server."""

    rasa_url: str
    action_url: str
    env: dict[str, str]
    action_server: ManagedProcess
    rasa_server: ManagedProcess
    extra: dict[str, object] = field(default_factory=dict)

    def send(self, sender: str, message: str, timeout: float = 30) -> list[dict]:
        """Send one message over the REST channel and return the bot's messages."""
        response = requests.post(
            f"{self.rasa_url}/webhooks/rest/webhook",
            json={"sender": sender, "message": message},
            timeout=timeout,
        )
        response.raise_for_status()
        return response.json()


def base_env(tmp_dir: Path, **overrides: str) -> dict[str, str]:
    """Environment for the servers: the project's defaults, isolated in `tmp_dir`."""
    env = dict(os.environ)
    env.update(
        TF_CPP_MIN_LOG_LEVEL="2",
        SQLALCHEMY_SILENCE_UBER_WARNING="1",
        RASA_TELEMETRY_ENABLED="false",
        TRACKER_DB=str(tmp_dir / "tracker.db"),
        PYTHONUNBUFFERED="1",
        # credentials.yml needs these set; empty token and secret leave Slack off, as in
        # `make run` without them. Never the developer's own: no test may reach a real Slack.
        SLACK_BOT_TOKEN="",
        SLACK_SIGNING_SECRET="",
        SLACK_API_URL="https://www.slack.com/api/",
        # Slack's record of answered events in memory, as `make run` keeps it.
        SLACK_DEDUP_REDIS_URL="",
    )
    env.update(overrides)
    return env


def action_server(tmp_dir: Path, env: dict[str, str], port: int | None = None) -> ManagedProcess:
    port = port or free_port()
    return ManagedProcess(
        name="actions",
        command=[sys.executable, "-m", "actions", "--port", str(port)],
        env=env,
        log=tmp_dir / f"actions-{port}.log",
        health_url=f"http://127.0.0.1:{port}/health",
    )


def rasa_server(
    tmp_dir: Path,
    env: dict[str, str],
    port: int | None = None,
    extra_args: list[str] | None = None,
    model: Path = MODEL,
) -> ManagedProcess:
    port = port or free_port()
    command = [
        sys.executable,
        "-m",
        "serving",
        "run",
        "--model",
        str(model),
        "--interface",
        "127.0.0.1",
        "--port",
        str(port),
        "--endpoints",
        env.get("ENDPOINTS_FILE", "endpoints.yml"),
        "--credentials",
        env.get("CREDENTIALS_FILE", "credentials.yml"),
        *(extra_args or []),
    ]
    return ManagedProcess(
        name="rasa",
        command=command,
        env=env,
        log=tmp_dir / f"rasa-{port}.log",
        health_url=f"http://127.0.0.1:{port}/",
    )


def web_server(tmp_dir: Path, env: dict[str, str], rasa_url: str) -> ManagedProcess:
    """The chat page server (the Procfile's `web` line) on $WEB_PORT, pointing at `rasa_url`."""
    port = int(env["WEB_PORT"])
    rasa_port = urlsplit(rasa_url).port
    return ManagedProcess(
        name="web",
        command=[
            sys.executable,
            str(ROOT / "web" / "server.py"),
            "--port",
            str(port),
            "--rasa-port",
            str(rasa_port),
        ],
        env=env,
        log=tmp_dir / f"web-{port}.log",
        health_url=f"http://127.0.0.1:{port}/health",
    )


@contextmanager
def running_stack(tmp_dir: Path, model: Path = MODEL, **env_overrides: str) -> Iterator[Stack]:
    """Start both servers (action server first, as Rasa calls it), yield, then stop both."""
    if not model.exists():
        raise RuntimeError(f"no trained model at {model}: run `make train` first")
    tmp_dir.mkdir(parents=True, exist_ok=True)
    action_port = free_port()
    # The chat page's port is chosen now, so the Rasa server accepts its origin (the socket.io
    # channel's default origins follow WEB_PORT); `web_server` starts the page there when needed.
    env = base_env(
        tmp_dir,
        **{
            "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{action_port}/webhook",
            "WEB_PORT": str(free_port()),
            # Defaults, not the developer's own settings: origins from WEB_PORT, socket URL from
            # the page's host.
            "WEB_ALLOWED_ORIGINS": "",
            "WEB_SOCKET_URL": "",
            **env_overrides,
        },
    )
    actions = action_server(tmp_dir, env, action_port)
    rasa = rasa_server(tmp_dir, env, model=model)
    try:
        actions.start()
        rasa.start()
        yield Stack(
            rasa_url=rasa.health_url.rstrip("/"),
            action_url=f"http://127.0.0.1:{action_port}",
            env=env,
            action_server=actions,
            rasa_server=rasa,
        )
    finally:
        rasa.stop()
        actions.stop()


def stored_user_texts(database: str, sender: str) -> list[str]:
    """The user messages a SQLite tracker database holds for one conversation, in order."""
    with sqlite3.connect(database) as connection:
        rows = connection.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id",
            (sender,),
        ).fetchall()
    return [json.loads(data)["text"] for (data,) in rows]
