"""serving.startup.return_freed_memory: what the heap freed goes back to the system.

Loading the model frees a lot of memory in the middle of glibc's heap, which glibc keeps for
later (docs/BENCHMARKS.md, the figure measured). Checked here by the same shape: many blocks
freed below one still in use, and the process's resident memory read from /proc.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from serving.startup import return_freed_memory

BLOCK = 64 * 1024  # below glibc's mmap threshold: taken from the heap itself
BLOCKS = 1600  # 100 MB


def resident_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS in /proc/self/status")


def test_memory_freed_under_a_live_block_is_given_back() -> None:
    blocks = [bytearray(BLOCK) for _ in range(BLOCKS)]
    for block in blocks:
        block[::4096] = b"x" * len(block[::4096])  # every page touched
    kept = bytearray(BLOCK)  # above the freed blocks: the heap's top cannot shrink past it
    del blocks
    before = resident_kb()
    if not return_freed_memory():
        pytest.skip("this C library has no malloc_trim")
    after = resident_kb()
    assert before - after > BLOCKS * BLOCK // 1024 // 2, (before, after)
    assert kept
