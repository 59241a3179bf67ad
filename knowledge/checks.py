"""The checks the knowledge file goes through, with errors that name the file, key and problem.

Kept apart from the typed model (knowledge/records.py) and shared by the two loaders
(knowledge/loader.py for roles and topics, knowledge/requirements_loader.py for the readiness
check's requirements), so a sentence is grounded the same way wherever it is said.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from knowledge.grounding import unsupported
from knowledge.records import (
    MAX_MESSAGE_WORDS,
    Part,
    Quote,
    Sentence,
    Source,
    word_count,
)


class KnowledgeError(Exception):
    """The knowledge file cannot be used; the message names the file, the key and the problem."""

    def __init__(self, path: Path, key: str, problem: str) -> None:
        self.path = path
        self.key = key
        self.problem = problem
        super().__init__(f"{path}: {key}: {problem}")


def comparable(text: str) -> str:
    """Text with typographic apostrophes and line breaks evened out, for finding quotes."""
    return " ".join(text.replace("’", "'").split())


class Checks:
    """Turns parts of the parsed YAML into typed objects, checking each key on the way."""

    def __init__(
        self,
        path: Path,
        sources: dict[str, Source] | None = None,
        role_names: Iterable[tuple[str, ...]] = (),
    ) -> None:
        self.path = path
        self.sources: dict[str, Source] = sources or {}
        # Names of the roles a sentence may mention only where its quotes do (grounding).
        self.role_names = tuple(role_names)

    def fail(self, key: str, problem: str) -> KnowledgeError:
        return KnowledgeError(self.path, key, problem)

    def mapping(self, value: Any, key: str) -> dict[str, Any]:
        if not isinstance(value, dict) or not value:
            raise self.fail(key, "must be a non-empty mapping")
        return value

    def text(self, parent: dict[str, Any], field: str, key: str) -> str:
        if field not in parent:
            raise self.fail(f"{key}.{field}", "is missing")
        value = parent[field]
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{key}.{field}", "must be a non-empty text")
        return " ".join(value.split())

    def short_text(self, parent: dict[str, Any], field: str, key: str) -> str:
        """A text the assistant sends as a message of its own: chat-sized."""
        value = self.text(parent, field, key)
        self.chat_sized(value, f"{key}.{field}")
        return value

    def chat_sized(self, text: str, key: str) -> None:
        words = word_count(text)
        if words > MAX_MESSAGE_WORDS:
            raise self.fail(
                key, f"has {words} words; a message may have at most {MAX_MESSAGE_WORDS}"
            )

    def text_list(self, parent: dict[str, Any], field: str, key: str) -> tuple[str, ...]:
        value = parent.get(field, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(f"{key}.{field}", "must be a list of non-empty texts")
        return tuple(v.strip() for v in value)

    def quote(self, value: Any, key: str) -> Quote:
        """`{source_key: "verbatim passage"}`: the passage must be in that source."""
        if not isinstance(value, dict) or len(value) != 1:
            raise self.fail(key, 'must be one `source: "passage"` pair')
        [(source_key, passage)] = value.items()
        if source_key not in self.sources:
            known = ", ".join(sorted(self.sources))
            raise self.fail(key, f"unknown source '{source_key}' (known: {known})")
        if not isinstance(passage, str) or not passage.strip():
            raise self.fail(key, "must quote a non-empty passage")
        source = self.sources[source_key]
        if comparable(passage) not in source.text:
            raise self.fail(key, f"is not a passage of source '{source_key}'")
        return Quote(source, " ".join(passage.split()))

    def sentence(self, value: Any, key: str) -> Sentence:
        """`{say: ..., quotes: [...]}`: a sentence with the passages it rests on."""
        entry = self.mapping(value, key)
        text = self.text(entry, "say", key)
        raw_quotes = entry.get("quotes")
        if not isinstance(raw_quotes, list) or not raw_quotes:
            raise self.fail(
                f"{key}.quotes", "is missing: every sentence must quote the passage it rests on"
            )
        quotes = tuple(
            self.quote(raw, f"{key}.quotes[{index}]") for index, raw in enumerate(raw_quotes)
        )
        missing = unsupported(text, (quote.text for quote in quotes), self.role_names)
        if missing:
            raise self.fail(
                f"{key}.say", f"names {', '.join(missing)}, which none of its quotes names"
            )
        return Sentence(text, quotes)

    def sentences(self, value: Any, key: str) -> tuple[Sentence, ...]:
        if not isinstance(value, list) or not value:
            raise self.fail(key, "must list at least one sentence with its quotes")
        return tuple(self.sentence(raw, f"{key}[{index}]") for index, raw in enumerate(value))

    def part(self, value: Any, key: str) -> Part:
        """Sentences sent as one message: chat-sized together."""
        part = Part(self.sentences(value, key))
        self.chat_sized(part.text, key)
        return part
