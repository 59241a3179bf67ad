"""Only tests marked `server` may start a server, so `make test-unit` never waits for one.

tests/conftest.py says before each test whether it is marked `server`; the helpers that start
the real servers (tests/servers.py) and the fake Slack (tests/fake_slack.py) ask here first, so
a server test that lost its marker fails instead of slowing the unit layer down.
"""

from __future__ import annotations

MARKER = "server"


class UnmarkedServerTest(RuntimeError):
    """A test started a server without being marked `server`."""


class _Permit:
    test: str | None = None
    allowed: bool = True


_permit = _Permit()


def set_current_test(test: str, marked_server: bool) -> None:
    _permit.test = test
    _permit.allowed = marked_server


def require_server_marker(server: str) -> None:
    """Raise unless the running test (if any) is marked `server`."""
    if not _permit.allowed:
        raise UnmarkedServerTest(
            f"{_permit.test} starts the {server} server but is not marked "
            f"`@pytest.mark.{MARKER}`; `make test-unit` must start no server"
        )
