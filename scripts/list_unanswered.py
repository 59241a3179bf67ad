"""Print what the assistant could not answer, grouped and counted, most frequent first.

Every reply to a message that ended in the fallback, out of scope or a "did you mean" question
carries a record (actions/unanswered.py) that Rasa keeps with the conversation in its tracker
store. This reads those records from the tracker store configured in an endpoints file
(endpoints.yml: SQLite at $TRACKER_DB; endpoints.scaled.yml: PostgreSQL) and groups them by
their text, folded (case, spacing, punctuation at the ends), so a maintainer can turn the most
frequent into training examples or knowledge.

    make unanswered
    .venv/bin/python scripts/list_unanswered.py [--endpoints FILE] [--since 2024-05-01] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import unicodedata
import warnings
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge.message_fields import UNANSWERED_KEY as RECORD_KEY  # noqa: E402


@dataclass
class Group:
    """The records of one question, however it was capitalised or punctuated."""

    key: str
    texts: Counter[str] = field(default_factory=Counter)
    reasons: Counter[str] = field(default_factory=Counter)
    channels: Counter[str] = field(default_factory=Counter)
    conversations: set[str] = field(default_factory=set)
    first: float = float("inf")
    last: float = float("-inf")
    intents: list[dict[str, Any]] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(self.reasons.values())

    def add(self, sender_id: str, record: dict[str, Any]) -> None:
        self.texts[str(record.get("text", ""))] += 1
        self.reasons[str(record.get("reason", "?"))] += 1
        self.channels[str(record.get("channel") or "?")] += 1
        self.conversations.add(sender_id)
        when = float(record.get("time") or 0)
        self.first = min(self.first, when)
        if when >= self.last:
            self.last = when
            self.intents = list(record.get("intents") or [])

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.texts.most_common(1)[0][0],
            "count": self.count,
            "reasons": dict(self.reasons.most_common()),
            "channels": dict(self.channels.most_common()),
            "conversations": len(self.conversations),
            "first": iso(self.first),
            "last": iso(self.last),
            "intents": self.intents,
        }


def fold(text: str) -> str:
    """The grouping key: case, apostrophes, inner spacing and end punctuation evened out."""
    text = text.replace("’", "'").casefold()
    return " ".join(text.split()).strip(" .!?,;:\"'")


def printable(text: str) -> str:
    """User text made safe for a terminal: control and other invisible characters escaped."""
    return "".join(
        f"\\u{ord(char):04x}" if unicodedata.category(char).startswith("C") else char
        for char in text
    )


def iso(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, tz=timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")


def parse_since(value: str) -> float:
    """A point in time: seconds since the epoch, or an ISO date or date-time (UTC if no zone)."""
    try:
        return float(value)
    except ValueError:
        pass
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a date, date-time or epoch seconds: {value}"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


class NoDatabase(Exception):
    """The configured SQLite file does not exist yet: nothing was ever recorded there."""


def open_store(endpoints: Path) -> Any:
    """The SQL tracker store the endpoints file configures, through Rasa's own factory."""
    # Rasa and its dependencies warn about their own deprecations while loading; the report is
    # for people, so those stay out of it.
    os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
        from rasa.utils.endpoints import read_endpoint_config

        config = read_endpoint_config(str(endpoints), "tracker_store")
        if config is None:
            raise SystemExit(f"{endpoints}: no tracker_store configured, so nothing was recorded.")
        sqlite_file = config.kwargs.get("db") if config.kwargs.get("dialect") == "sqlite" else None
        if sqlite_file and not Path(sqlite_file).exists():
            # Opening it would create an empty database; a report only reads.
            raise NoDatabase(sqlite_file)
        store = TrackerStore.create(config)
    store = getattr(store, "_tracker_store", store)
    if not isinstance(store, SQLTrackerStore):
        raise SystemExit(
            f"{endpoints}: the tracker store is {type(store).__name__}; this report reads SQL "
            "tracker stores (SQLite, PostgreSQL)."
        )
    return store


def read_records(store: Any, since: float | None) -> list[tuple[str, dict[str, Any]]]:
    """(conversation, record) for every bot reply carrying a record, oldest first."""
    event = store.SQLEvent
    with store.session_scope() as session:
        query = session.query(event.sender_id, event.data).filter(
            event.type_name == "bot", event.data.like(f'%"{RECORD_KEY}"%')
        )
        if since is not None:
            query = query.filter(event.timestamp >= since)
        rows = query.order_by(event.id).all()
    records = []
    for sender_id, data in rows:
        metadata = (json.loads(data) or {}).get("metadata") or {}
        record = metadata.get(RECORD_KEY)
        if isinstance(record, dict):
            records.append((sender_id, record))
    return records


def group(records: list[tuple[str, dict[str, Any]]]) -> list[Group]:
    """Records grouped by folded text, most frequent first, then most recent first."""
    groups: dict[str, Group] = {}
    for sender_id, record in records:
        key = fold(str(record.get("text", "")))
        groups.setdefault(key, Group(key)).add(sender_id, record)
    return sorted(groups.values(), key=lambda g: (-g.count, -g.last, g.key))


def report(groups: list[Group], where: str, limit: int = 0) -> str:
    """The groups as text: count and text, then why, where and NLU's best guesses."""
    total = sum(g.count for g in groups)
    if not groups:
        return f"No unanswered messages recorded in {where}."
    lines = [f"{total} unanswered messages, {len(groups)} distinct, in {where}:", ""]
    for g in groups[:limit] if limit > 0 else groups:
        shown = g.as_dict()
        reasons = ", ".join(f"{name} ×{n}" for name, n in g.reasons.most_common())
        channels = ", ".join(name for name, _ in g.channels.most_common())
        guesses = ", ".join(f"{i['name']} {i['confidence']:.2f}" for i in g.intents) or "none"
        lines += [
            f"{g.count:>5}×  {printable(shown['text'])}",
            f"        why: {reasons} · channels: {channels} · conversations: "
            f"{len(g.conversations)} · last: {shown['last']}",
            f"        NLU's best guesses: {guesses}",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--endpoints", type=Path, default=ROOT / "endpoints.yml")
    parser.add_argument("--since", type=parse_since, help="only messages from then on")
    parser.add_argument("--limit", type=int, default=0, help="show only the N most frequent")
    parser.add_argument("--json", action="store_true", help="print the groups as JSON")
    args = parser.parse_args(argv)
    # The Makefile's defaults, so the script also runs outside `make`.
    os.environ.setdefault("TRACKER_DB", str(ROOT / ".rasa" / "tracker.db"))
    os.environ.setdefault("ACTION_ENDPOINT_URL", "http://127.0.0.1:5055/webhook")

    try:
        store = open_store(args.endpoints)
    except NoDatabase as missing:
        print(f"No tracker store at {missing} yet, so nothing was recorded.")
        return 0
    groups = group(read_records(store, args.since))
    if args.json:
        shown = groups[: args.limit] if args.limit > 0 else groups
        print(json.dumps([g.as_dict() for g in shown], indent=2, ensure_ascii=False))
    else:
        url = store.engine.url.render_as_string(hide_password=True)
        print(report(groups, f"the tracker store of {args.endpoints.name} ({url})", args.limit))
    return 0


if __name__ == "__main__":
    sys.exit(main())
