"""Load the real servers: N concurrent conversations of M messages each over REST.

`python -m benchmarks.load` starts its own action server and Rasa server (the Procfile's
commands, on free loopback ports, with a fresh tracker database) unless `--url` names a running
Rasa server, e.g. `--url http://127.0.0.1:5005` for the servers of `make run`. It prints messages
per second, latency percentiles and the error count, and exits 1 when any message failed.

Each conversation is one user: it sends its messages one after another, each as soon as the
answer to the previous one arrived, from its own sender id. Conversations run concurrently,
all at once by default (`--concurrency` caps how many are in flight). The messages cycle
through SCRIPT, each conversation starting at a different line, so concurrent messages hit
different intents, roles and actions.

A message counts as an error when the request fails (connection, timeout, a status other than
200, a body that is not a JSON list), when it gets no answer at all, or when the answer is an
apology the Rasa server sends: it cannot reach the action server, or cannot store the conversation.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

from serving.apologies import ACTION_SERVER_DOWN_REPLY, STORE_DOWN_REPLY
from tests.servers import MODEL, running_stack

# What users ask, in an order that makes sense as a conversation: greetings, questions about the
# TPM and other roles, follow-ups that rely on the remembered role, off-topic requests, a button
# click, an unknown role, thanks. Every line gets an answer, most of them from the action server.
SCRIPT: tuple[str, ...] = (
    "hi",
    "What does a technical project manager do?",
    "How much does a TPM earn?",
    "What skills does a TPM need?",
    "What does a project coordinator do?",
    "who do they report to?",
    "how much do they earn?",
    "What's the weather in Paris tomorrow?",
    '/ask_types{"role":"technical project manager"}',
    "What degree do I need to become a TPM?",
    "How much does a data scientist earn?",
    "What is the career path for a TPM?",
    "where do you get your information?",
    "What does a TPM do on a typical day?",
    "What is the difference between a TPM and a project coordinator?",
    "Should a TPM get a certification?",
    "what can you do?",
    "are you a bot?",
    "Who reports to a TPM?",
    "thanks!",
)
DEFAULT_CONVERSATIONS = 50
DEFAULT_MESSAGES = 20
REQUEST_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class Exchange:
    """One message and its answer, as the user saw it."""

    sender: str
    text: str
    latency_s: float
    replies: int
    error: str | None


@dataclass
class LoadResult:
    """Everything one load run measured; the figures are computed from the exchanges."""

    conversations: int
    messages_per_conversation: int
    concurrency: int
    elapsed_s: float
    exchanges: list[Exchange] = field(default_factory=list)

    @property
    def messages(self) -> int:
        return len(self.exchanges)

    @property
    def errors(self) -> list[Exchange]:
        return [exchange for exchange in self.exchanges if exchange.error]

    @property
    def throughput(self) -> float:
        """Answered messages per second of wall time (errors not counted)."""
        return (self.messages - len(self.errors)) / self.elapsed_s

    @property
    def latencies_ms(self) -> list[float]:
        return [e.latency_s * 1000 for e in self.exchanges if not e.error]

    def percentile(self, percent: int) -> float:
        """Latency percentile in ms (linear interpolation between the closest samples)."""
        return percentile(self.latencies_ms, percent)

    def per_sender(self) -> dict[str, tuple[int, int]]:
        """Per conversation: messages sent and bot messages received."""
        counts: dict[str, tuple[int, int]] = {}
        for exchange in self.exchanges:
            sent, received = counts.get(exchange.sender, (0, 0))
            counts[exchange.sender] = (sent + 1, received + exchange.replies)
        return counts

    def summary(self) -> str:
        return (
            f"{self.conversations} conversations x {self.messages_per_conversation} messages, "
            f"{self.concurrency} at a time: {self.messages} messages in {self.elapsed_s:.1f} s, "
            f"{self.throughput:.1f} messages/s, latency p50 {self.percentile(50):.1f} ms, "
            f"p95 {self.percentile(95):.1f} ms, p99 {self.percentile(99):.1f} ms, "
            f"errors {len(self.errors)}"
        )


def percentile(values: list[float], percent: int) -> float:
    """The `percent`th percentile of `values` (linear interpolation), nan when there are none."""
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]


def merged(results: list[LoadResult]) -> LoadResult:
    """Several runs of the same shape as one: their exchanges, and the sum of their wall time."""
    first = results[0]
    return LoadResult(
        conversations=sum(r.conversations for r in results),
        messages_per_conversation=first.messages_per_conversation,
        concurrency=first.concurrency,
        elapsed_s=sum(r.elapsed_s for r in results),
        exchanges=[e for r in results for e in r.exchanges],
    )


def conversation_messages(index: int, count: int) -> list[str]:
    """The `count` messages of conversation `index`: SCRIPT from its own starting line."""
    return [SCRIPT[(index + step) % len(SCRIPT)] for step in range(count)]


def failure(status: int, body: object) -> str | None:
    """Why an answer is an error, or None when it is a real answer."""
    if status != 200:
        return f"HTTP {status}"
    if not isinstance(body, list):
        return "answer is not a list of messages"
    if not body:
        return "no answer"
    if any(isinstance(m, dict) and m.get("text") == ACTION_SERVER_DOWN_REPLY for m in body):
        return "action server not reached"
    if any(isinstance(m, dict) and m.get("text") == STORE_DOWN_REPLY for m in body):
        return "conversation not stored"
    return None


async def send(session: aiohttp.ClientSession, url: str, sender: str, text: str) -> Exchange:
    """Post one message to the REST channel and time the full answer."""
    started = time.perf_counter()
    try:
        async with session.post(url, json={"sender": sender, "message": text}) as response:
            raw = await response.read()
            status = response.status
        body = json.loads(raw) if status == 200 else None
        error = failure(status, body)
    except (aiohttp.ClientError, asyncio.TimeoutError, json.JSONDecodeError) as exc:
        body, error = None, f"{type(exc).__name__}: {exc}"
    latency = time.perf_counter() - started
    replies = len(body) if isinstance(body, list) else 0
    return Exchange(sender, text, latency, replies, error)


async def run_load(
    rasa_url: str,
    conversations: int = DEFAULT_CONVERSATIONS,
    messages: int = DEFAULT_MESSAGES,
    concurrency: int | None = None,
    sender_prefix: str = "load",
    new_connections: bool = False,
) -> LoadResult:
    """Hold `conversations` conversations of `messages` messages, `concurrency` at a time;
    with `new_connections`, each message on a connection of its own, as webhooks and most REST
    clients send them (otherwise each conversation keeps its connection alive)."""
    concurrency = concurrency or conversations
    url = f"{rasa_url.rstrip('/')}/webhooks/rest/webhook"
    run_id = uuid.uuid4().hex[:8]
    slots = asyncio.Semaphore(concurrency)
    exchanges: list[Exchange] = []

    async def converse(session: aiohttp.ClientSession, index: int) -> None:
        sender = f"{sender_prefix}-{run_id}-{index}"
        async with slots:
            for text in conversation_messages(index, messages):
                exchanges.append(await send(session, url, sender, text))

    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)
    connector = aiohttp.TCPConnector(limit=concurrency, force_close=new_connections)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        started = time.perf_counter()
        await asyncio.gather(*(converse(session, index) for index in range(conversations)))
        elapsed = time.perf_counter() - started
    return LoadResult(conversations, messages, concurrency, elapsed, exchanges)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load", description=__doc__)
    parser.add_argument("--url", help="a running Rasa server; default: start our own servers")
    parser.add_argument("--conversations", type=int, default=DEFAULT_CONVERSATIONS)
    parser.add_argument("--messages", type=int, default=DEFAULT_MESSAGES)
    parser.add_argument("--concurrency", type=int, help="conversations in flight; default: all")
    parser.add_argument(
        "--model", type=Path, default=MODEL, help=f"model for our own servers (default: {MODEL})"
    )
    args = parser.parse_args(argv)

    def load(url: str) -> LoadResult:
        return asyncio.run(run_load(url, args.conversations, args.messages, args.concurrency))

    if args.url:
        result = load(args.url)
    else:
        with tempfile.TemporaryDirectory(prefix="tpm-load-") as tmp:
            print("starting the action server and the Rasa server...", flush=True)
            with running_stack(Path(tmp), model=args.model) as stack:
                result = load(stack.rasa_url)
    print(result.summary())
    for exchange in result.errors[:10]:
        print(f"  error: {exchange.error} ({exchange.sender}: {exchange.text!r})")
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
