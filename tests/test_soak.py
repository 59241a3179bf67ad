"""The soak tool's measurements, on a short soak against the real servers.

A few hundred messages and a long conversation of 100: enough to exercise every figure the
full `make soak` prints, far too short to say anything about the servers' health over time.
So nothing here is about speed or memory growth: only that every figure is there and makes
sense (memory above zero, p50 not above p95, ten tenths holding every message, errors counted).
"""

from __future__ import annotations

import math
from collections.abc import Collection
from datetime import datetime, timezone

import pytest

from benchmarks.load import Exchange, LoadResult
from benchmarks.serving import pids
from benchmarks.soak import PARTS, SERVERS, Shape, SoakResult, report, soak
from tests.servers import Stack

SHAPE = Shape(conversations=6, messages=50, concurrency=3, long_conversation=100)


def exchanges(count: int, failing: Collection[int] = ()) -> list[Exchange]:
    """`count` answered messages, 10 ms apart in latency; those in `failing` failed."""
    return [
        Exchange(
            f"s{i % 3}",
            "hi",
            (i + 1) / 100,
            0 if i in failing else 1,
            "x" if i in failing else None,
        )
        for i in range(count)
    ]


def made_up(run: list[Exchange], long: list[Exchange]) -> SoakResult:
    return SoakResult(
        Shape(3, len(run) // 3, 3, len(long)),
        LoadResult(3, len(run) // 3, 3, 1.0, run),
        LoadResult(1, len(long), 1, 1.0, long),
        rss_start=None,
        rss_end=None,
    )


@pytest.mark.server
def test_a_short_soak_measures_every_figure(stack: Stack) -> None:
    servers = dict(zip(SERVERS, pids(stack), strict=True))
    result = soak(stack.rasa_url, SHAPE, servers)

    assert result.run.messages == SHAPE.conversations * SHAPE.messages
    assert result.long.messages == SHAPE.long_conversation
    assert [e.error for e in result.errors] == []
    for rss in (result.rss_start, result.rss_end):
        assert rss is not None
        assert all(rss[server] > 0 for server in SERVERS)
    assert all(math.isfinite(result.rss_growth(server)) for server in SERVERS)

    parts = result.parts()
    assert [part.number for part in parts] == list(range(1, PARTS + 1))
    assert sum(len(part.exchanges) for part in parts) == result.run.messages
    for part in parts:
        assert len(part.exchanges) == result.run.messages // PARTS
        assert 0 < part.percentile(50) <= part.percentile(95)
        assert part.errors == 0

    early, late = result.long_windows()
    assert len(early) == len(late) == 11

    targets = result.targets()
    assert [t.met is not None for t in targets] == [True] * len(targets)
    assert targets[0].met  # no errors

    text = report(result, datetime.now(timezone.utc), 1.0, 1.0)
    assert "not measured" not in text
    assert "nan" not in text
    assert text.count("| ") > PARTS


def test_errors_are_counted_per_tenth_and_in_total() -> None:
    result = made_up(exchanges(95, failing={0, 1, 94}), exchanges(40, failing={39}))

    parts = result.parts()
    assert sorted(len(part.exchanges) for part in parts) == [9] * 5 + [10] * 5
    assert [part.errors for part in parts] == [2, 0, 0, 0, 0, 0, 0, 0, 0, 1]
    assert len(result.errors) == 4
    assert result.targets()[0].met is False
    assert "## Errors (first 10)" in report(result, datetime.now(timezone.utc), 1.0, 1.0)


def test_failed_messages_are_left_out_of_the_latencies() -> None:
    result = made_up(exchanges(30), exchanges(40, failing={9, 39}))

    early, late = result.long_windows()
    assert len(early) == len(late) == 10
    assert result.parts()[0].percentile(50) <= result.parts()[0].percentile(95)


def test_memory_is_not_measured_for_servers_it_did_not_start() -> None:
    result = made_up(exchanges(30), exchanges(40))

    assert result.rss_growth("rasa") is None
    memory = [t for t in result.targets() if "RSS" in t.name]
    assert [t.verdict for t in memory] == ["not measured", "not measured"]
