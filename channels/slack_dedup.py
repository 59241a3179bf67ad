"""The record of Slack events already answered, so that each is answered once.

Slack redelivers an event (same `event_id`, header `X-Slack-Retry-Num: 1..3`) when it got no 2xx
within three seconds or the connection failed, and one message can arrive twice, as `message`
and as `app_mention`, with two event ids. The Slack channel records each event's keys (its id,
and its message: channel and timestamp) and answers only the first delivery of any of them.

- One Rasa server (`make run`) keeps the record in its memory: `RecentKeys`.
- Replicas behind one request URL (`make run-scaled`) share it in Redis: `RedisKeys`, since a
  retry, or the same event sent to two replicas, may reach a replica that never saw it.

Both answer `await record.first_time(keys)`. A Redis that fails raises (`UNAVAILABLE`): the
record is never kept in memory instead, which would answer twice across replicas unnoticed.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Iterable

from redis import asyncio as aioredis
from redis.exceptions import RedisError

# Slack redelivers an event up to three times over about five minutes; an hour covers that
# with room to spare.
DEDUP_TTL_SECONDS = 3600.0
DEDUP_MAX_KEYS = 50_000
# Before every key RedisKeys writes; the lock store of endpoints.scaled.yml uses `tpm:lock:...`.
DEDUP_KEY_PREFIX = "tpm:slack:seen:"
# Slack wants an answer within three seconds: a Redis that does not answer within one is
# treated as down rather than waited for.
DEDUP_REDIS_TIMEOUT_SECONDS = 1.0
# What `first_time` raises when the record cannot be read or written.
UNAVAILABLE = (RedisError, OSError)


def event_keys(event_id: str | None, channel: str | None, ts: str | None) -> list[str]:
    """The keys of one delivery: the event's id, and its message (channel and timestamp)."""
    keys = [event_id] if event_id else []
    if ts:
        keys.append(f"message:{channel}:{ts}")
    return keys


class RecentKeys:
    """Keys seen in the last `ttl` seconds, at most `max_keys` of them (oldest forgotten first).

    Not locked: the Rasa server handles requests on one asyncio loop and `first_time` does not
    await, so a check and its mark cannot interleave with another request's.
    """

    where = "this server's memory"

    def __init__(
        self,
        ttl: float = DEDUP_TTL_SECONDS,
        max_keys: int = DEDUP_MAX_KEYS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ttl = ttl
        self.max_keys = max_keys
        self.clock = clock
        self._expiry: OrderedDict[str, float] = OrderedDict()

    async def first_time(self, keys: Iterable[str | None]) -> bool:
        """Mark `keys` as seen; True when none of them had been seen within the ttl."""
        now = self.clock()
        while self._expiry and next(iter(self._expiry.values())) <= now:
            self._expiry.popitem(last=False)
        wanted = [key for key in keys if key]
        seen = any(key in self._expiry for key in wanted)
        for key in wanted:
            self._expiry.pop(key, None)
            self._expiry[key] = now + self.ttl
        while len(self._expiry) > self.max_keys:
            self._expiry.popitem(last=False)
        return not seen

    async def close(self) -> None:
        """Nothing to close; here so that both records are used alike."""

    def __len__(self) -> int:
        return len(self._expiry)


class RedisKeys:
    """Keys seen in the last `ttl` seconds, kept in Redis: one record for every replica.

    Each key is written with `SET <prefix><key> 1 NX EX <ttl>`: Redis lets exactly one writer
    create a key, so exactly one replica answers, and the key expires by itself. The keys of one
    event go in one MULTI/EXEC transaction, so two replicas handling events that share a key
    (the same message as `message` and as `app_mention`) cannot each win one half.
    """

    def __init__(
        self,
        url: str,
        ttl: float = DEDUP_TTL_SECONDS,
        key_prefix: str = DEDUP_KEY_PREFIX,
        timeout: float = DEDUP_REDIS_TIMEOUT_SECONDS,
    ) -> None:
        self.ttl = max(1, int(ttl))
        self.key_prefix = key_prefix
        # Connections are opened on first use, on the Rasa server's event loop.
        self.client = aioredis.Redis.from_url(
            url, socket_connect_timeout=timeout, socket_timeout=timeout
        )

    @property
    def where(self) -> str:
        """Redis host:port/db, for the log (never the URL: it may hold a password)."""
        kwargs = self.client.connection_pool.connection_kwargs
        return f"Redis {kwargs.get('host', '?')}:{kwargs.get('port', '?')}/{kwargs.get('db', 0)}"

    async def first_time(self, keys: Iterable[str | None]) -> bool:
        """Mark `keys` as seen; True when none of them had been seen within the ttl.

        Raises redis.exceptions.RedisError when Redis cannot be reached or fails.
        """
        wanted = list(dict.fromkeys(key for key in keys if key))
        if not wanted:
            return True
        async with self.client.pipeline(transaction=True) as pipeline:
            for key in wanted:
                pipeline.set(self.key_prefix + key, b"1", nx=True, ex=self.ttl)
            created = await pipeline.execute()
        return all(created)

    async def close(self) -> None:
        await self.client.close()


def answered_events(redis_url: str | None) -> RecentKeys | RedisKeys:
    """The record for this server: in Redis when a URL is given, else in memory."""
    return RedisKeys(redis_url) if redis_url else RecentKeys()
