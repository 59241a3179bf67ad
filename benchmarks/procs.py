"""Resident memory and CPU time of server processes, read from /proc (Linux only, like the project).

RSS is what the operator pays for: the pages a process holds in RAM, including shared
libraries it touched. CPU time per message is what bounds throughput: a Rasa server answers on
one core, so it can answer at most one message per CPU time per message. A server is measured as
its process and all its descendants.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from types import TracebackType

PROC = Path("/proc")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[int]:
    """Direct children of `pid` (from every thread's children list)."""
    found: list[int] = []
    for task in (PROC / str(pid) / "task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def rss_bytes(pid: int) -> int:
    """Resident set size of one process, 0 when it is gone."""
    try:
        for line in (PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time one process has used so far, 0 when it is gone."""
    try:
        # Fields after the command name, which is in parentheses and may hold spaces.
        fields = (PROC / str(pid) / "stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0.0
    utime, stime = int(fields[11]), int(fields[12])
    return (utime + stime) / CLOCK_TICKS


def tree(pid: int) -> list[int]:
    """A process and all its descendants alive now."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        pending += children(current)
    return found


def tree_cpu_seconds(pid: int) -> float:
    """CPU time of a process and all its descendants alive now."""
    return sum(cpu_seconds(member) for member in tree(pid))


def tree_rss_bytes(pid: int) -> int:
    """Resident set size of a process and all its descendants."""
    return sum(rss_bytes(member) for member in tree(pid))


class PeakRss:
    """Samples the RSS of process trees in the background and keeps each one's peak.

    Use as a context manager around the work to measure; `peak[name]` is in bytes.
    """

    def __init__(self, pids: dict[str, int], interval_s: float = 0.1) -> None:
        self.pids = pids
        self.interval_s = interval_s
        self.peak: dict[str, int] = dict.fromkeys(pids, 0)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> None:
        for name, pid in self.pids.items():
            self.peak[name] = max(self.peak[name], tree_rss_bytes(pid))

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s):
            self.sample()

    def __enter__(self) -> PeakRss:
        self.sample()
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()
