"""Security: the HTTP API is off or token-protected, CORS is closed, no secret is committed."""

from __future__ import annotations

import re
import subprocess
import sys
import uuid
from collections.abc import Iterator

import pytest
import requests

from serving.__main__ import API_WITHOUT_TOKEN, api_is_unprotected
from tests.servers import ROOT, ManagedProcess, Stack, base_env, rasa_server


@pytest.mark.parametrize(
    ("argv", "unprotected"),
    [
        (["run"], False),
        (["run", "--enable-api"], True),
        (["run", "--enable-api", "--auth-token", ""], True),
        (["run", "--enable-api", "--auth-token", "--cors"], True),
        (["run", "--enable-api", "--auth-token", "s3cret"], False),
        (["run", "--enable-api", "--auth-token=s3cret"], False),
        (["run", "--enable-api", "--jwt-secret", "key"], False),
    ],
)
def test_api_needs_a_token(argv: list[str], unprotected: bool) -> None:
    assert api_is_unprotected(argv) is unprotected


def test_server_refuses_an_open_api() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "serving", "run", "--enable-api"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert API_WITHOUT_TOKEN in result.stderr


@pytest.mark.server
def test_api_is_off_by_default(stack: Stack) -> None:
    assert requests.get(f"{stack.rasa_url}/status", timeout=10).status_code == 404
    tracker = requests.get(f"{stack.rasa_url}/conversations/someone/tracker", timeout=10)
    assert tracker.status_code == 404


@pytest.mark.server
def test_rest_channel_sends_no_cors_headers(stack: Stack) -> None:
    response = requests.post(
        f"{stack.rasa_url}/webhooks/rest/webhook",
        json={"sender": f"cors-{uuid.uuid4().hex[:6]}", "message": "hi"},
        headers={"Origin": "https://evil.example"},
        timeout=30,
    )
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response.headers


@pytest.fixture(scope="module")
def api_server(stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    token = uuid.uuid4().hex
    tmp = tmp_path_factory.mktemp("api")
    env = base_env(tmp, ACTION_ENDPOINT_URL=f"{stack.action_url}/webhook")
    server: ManagedProcess = rasa_server(
        tmp, env, extra_args=["--enable-api", "--auth-token", token]
    )
    server.start()
    try:
        yield server.health_url.rstrip("/"), token
    finally:
        server.stop()


@pytest.mark.server
def test_enabled_api_requires_the_token(api_server: tuple[str, str]) -> None:
    url, token = api_server
    assert requests.get(f"{url}/status", timeout=10).status_code == 401
    assert requests.get(f"{url}/status", params={"token": "wrong"}, timeout=10).status_code == 401
    assert requests.get(f"{url}/status", params={"token": token}, timeout=10).status_code == 200


SECRET_PATTERNS = [
    re.compile(r"xox[abposr]-[0-9A-Za-z-]{10,}"),
    re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    re.compile(r"(?i)(password|secret|token)\s*[:=]\s*['\"][^'\"$\s]{12,}['\"]"),
]


def test_no_secret_is_committed() -> None:
    files = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    found = []
    for name in files:
        path = ROOT / name
        if not path.is_file() or path.suffix in {".png", ".lock", ".gz"} or name == "uv.lock":
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        found += [f"{name}: {p.pattern}" for p in SECRET_PATTERNS if p.search(text)]
    assert not found, found
