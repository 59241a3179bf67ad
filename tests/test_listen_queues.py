"""Every server we start listens with the queue the Makefile sizes for bursts.

A burst of clients each opening a new connection (webhooks, most REST clients) overflows a short
listen queue; the connections dropped wait for the client's retry, 1 to 31 seconds later. The
Makefile sets SANIC_BACKLOG for the Rasa server (Rasa reads it), the action server and the chat
page; here the three are started as `make run` starts them, and the kernel's own account of
each listening socket (`ss`, whose Send-Q of a listening socket is its queue) is read.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.servers import ROOT, running_stack, web_server

SETTING = re.compile(r"^export SANIC_BACKLOG \?= (\d+)$", re.MULTILINE)
# Room for a burst of 256 new connections at once, twice over.
MIN_BACKLOG = 512


def makefile_backlog() -> int:
    found = SETTING.search((ROOT / "Makefile").read_text(encoding="utf-8"))
    assert found, "the Makefile no longer sets SANIC_BACKLOG"
    return int(found.group(1))


def listen_queue(port: int) -> int:
    """The listen queue of the socket listening on `port` on loopback, as the kernel has it."""
    shown = subprocess.run(
        ["ss", "-Hltn", f"sport = :{port}"], capture_output=True, text=True, check=True
    ).stdout.split()
    assert shown, f"nothing listens on port {port}"
    return int(shown[2])


def test_the_makefile_sizes_the_queue_for_bursts_within_the_kernels_limit() -> None:
    limit = int(Path("/proc/sys/net/core/somaxconn").read_text())
    assert MIN_BACKLOG <= makefile_backlog() <= limit


@pytest.mark.server
def test_each_server_listens_with_the_makefiles_queue(tmp_path: Path) -> None:
    backlog = makefile_backlog()
    with running_stack(tmp_path, SANIC_BACKLOG=str(backlog)) as stack:
        page = web_server(tmp_path, stack.env, stack.rasa_url)
        page.start()
        try:
            ports = {
                "rasa": urlsplit(stack.rasa_url).port,
                "actions": urlsplit(stack.action_url).port,
                "chat page": int(stack.env["WEB_PORT"]),
            }
            queues = {name: listen_queue(port) for name, port in ports.items()}
        finally:
            page.stop()
    assert queues == dict.fromkeys(ports, backlog)
