"""Load and validate the role knowledge file (knowledge/roles.yml).

Everything the assistant says about a role comes from this file, so it is checked in full before
the action server accepts a request: a mistake in it must stop the server with one message that
names the file, the key and the problem, never surface later as a wrong or empty answer. The
typed data is in knowledge/records.py, the checks in knowledge/checks.py, the
readiness check's requirements in knowledge/requirements_loader.py.
"""

from __future__ import annotations

import os
import re
import string
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from knowledge.checks import Checks, KnowledgeError, comparable
from knowledge.knowledge_file import Knowledge
from knowledge.message_keys import MESSAGE_KEYS, MESSAGE_PLACEHOLDERS
from knowledge.records import (
    Answer,
    Part,
    Quote,
    Role,
    Sentence,
    Source,
    Topic,
)
from knowledge.requirements_loader import parse_requirements
from knowledge.role_names import normalise_role_mention, spelled_alike
from knowledge.special_topics import parse_special_topics
from knowledge.uncovered_section import parse_uncovered

__all__ = [
    "DEFAULT_KNOWLEDGE_FILE",
    "Answer",
    "Knowledge",
    "KnowledgeError",
    "Part",
    "Quote",
    "Role",
    "Sentence",
    "Source",
    "Topic",
    "get_knowledge",
    "knowledge_path",
    "load_knowledge",
    "normalise_role_mention",
    "spelled_alike",
]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_KNOWLEDGE_FILE = PROJECT_ROOT / "knowledge" / "roles.yml"
# Tests and operators may point the action server at another file without touching the code.
KNOWLEDGE_FILE_ENV = "TPM_KNOWLEDGE_FILE"


def knowledge_path() -> Path:
    """The knowledge file in use: $TPM_KNOWLEDGE_FILE when set, else knowledge/roles.yml."""
    configured = os.environ.get(KNOWLEDGE_FILE_ENV)
    return Path(configured).resolve() if configured else DEFAULT_KNOWLEDGE_FILE


@lru_cache(maxsize=1)
def get_knowledge() -> Knowledge:
    """The knowledge file, loaded once per process: answers never re-read the disk."""
    return load_knowledge(knowledge_path())


def load_knowledge(path: Path) -> Knowledge:
    """Read and validate a knowledge file; raise KnowledgeError at the first problem found."""
    try:
        raw_text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise KnowledgeError(path, "(file)", f"cannot be read: {error.strerror}") from None
    try:
        document = yaml.safe_load(raw_text)
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        line = f" at line {where.line + 1}" if where else ""
        problem = getattr(error, "problem", None) or str(error)
        raise KnowledgeError(path, "(file)", f"is not valid YAML{line}: {problem}") from None
    return _Loader(path).knowledge(document)


def _role_names(raw_roles: Any, default_key: Any) -> list[tuple[str, ...]]:
    """The names of each role other than the default one, read leniently (they are checked
    properly when the roles are loaded): a sentence naming one must quote a passage that does.
    The default role is the subject of nearly every sentence, quoted as "you" as often as not.
    """
    if not isinstance(raw_roles, dict) or default_key not in raw_roles:
        # Refused later with its own error (`default_role`): nothing to ground against yet.
        return []
    names = []
    for key, entry in raw_roles.items():
        if key == default_key or not isinstance(entry, dict):
            continue
        aliases = [a for a in entry.get("aliases") or [] if isinstance(a, str)]
        name = entry.get("name")
        names.append(tuple(n for n in (name, *aliases) if isinstance(n, str) and n.strip()))
    return [group for group in names if group]


class _Loader:
    """Turns the parsed YAML into typed objects, checking each key on the way."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.checks = Checks(path)

    def knowledge(self, document: Any) -> Knowledge:
        checks = self.checks
        root = checks.mapping(document, "(top level)")
        sources = {
            key: self.source(key, value)
            for key, value in checks.mapping(root.get("sources"), "sources").items()
        }
        self.checks = checks = Checks(
            self.path, sources, _role_names(root.get("roles"), root.get("default_role"))
        )
        topics = {
            key: self.topic(key, value)
            for key, value in checks.mapping(root.get("topics"), "topics").items()
        }
        for topic in topics.values():
            named_fields = (
                ("follow_ups", topic.follow_ups),
                ("close", topic.close),
                ("more_in", topic.more_in),
            )
            for field, named in named_fields:
                for other in named:
                    if other not in topics:
                        raise checks.fail(
                            f"topics.{topic.key}.{field}", f"names unknown topic '{other}'"
                        )
        roles = {
            key: self.role(key, value, topics)
            for key, value in checks.mapping(root.get("roles"), "roles").items()
        }
        self.check_aliases_unique(roles)
        for topic in topics.values():
            if topic.answered_by is not None and topic.answered_by not in roles:
                raise checks.fail(
                    f"topics.{topic.key}.answered_by", f"names unknown role '{topic.answered_by}'"
                )
        for role in roles.values():
            for field, named in (("level_of", role.level_of), ("kind_of", role.kind_of)):
                if named is not None and named not in roles:
                    raise checks.fail(f"roles.{role.key}.{field}", f"names unknown role '{named}'")
        default_key = root.get("default_role")
        if default_key not in roles:
            raise checks.fail("default_role", f"must name one of the roles, not '{default_key}'")
        default_role = roles[default_key]
        menu = checks.text_list(root, "menu", "(top level)")
        for key in menu:
            if key not in default_role.answers:
                raise checks.fail("menu", f"'{key}' is not a topic the default role answers")
        if not menu:
            raise checks.fail("menu", "must list at least one topic")
        raw_messages = checks.mapping(root.get("messages"), "messages")
        messages = {key: self.message(raw_messages, key) for key in MESSAGE_KEYS}
        requirements = parse_requirements(checks, root.get("requirements"), roles)
        special_topics = parse_special_topics(
            root.get("special_topics"), default_role.answers, topics, checks.fail
        )
        uncovered = parse_uncovered(
            root.get("uncovered"), default_role.answers, checks.part, checks.fail
        )
        return Knowledge(
            self.path,
            sources,
            topics,
            roles,
            default_role,
            menu,
            messages,
            requirements,
            special_topics,
            uncovered,
            *self.own_readings(root.get("own_readings"), messages),
        )

    def own_readings(
        self, value: Any, messages: dict[str, str]
    ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The messages listed as our own reading, each checked to carry one of the labels."""
        where = "own_readings"
        entry = self.checks.mapping(value, where)
        labels = self.checks.text_list(entry, "labels", where)
        keys = self.checks.text_list(entry, "messages", where)
        if not labels or not keys:
            raise self.checks.fail(where, "must list `labels` and the `messages` they label")
        for key in keys:
            if key not in messages:
                raise self.checks.fail(f"{where}.messages", f"'{key}' is not a message")
            if not any(label.casefold() in messages[key].casefold() for label in labels):
                raise self.checks.fail(
                    f"messages.{key}", "is listed as our own reading but says none of its labels"
                )
        return keys, labels

    def message(self, raw_messages: dict[str, Any], key: str) -> str:
        text = self.checks.short_text(raw_messages, key, "messages")
        allowed = MESSAGE_PLACEHOLDERS.get(key, set())
        try:
            used = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
        except ValueError as error:
            raise self.checks.fail(
                f"messages.{key}", f"has a broken {{placeholder}}: {error}"
            ) from None
        unknown = used - allowed
        if unknown:
            names = ", ".join(sorted(f"{{{name}}}" for name in unknown))
            allowed_names = ", ".join(sorted(f"{{{name}}}" for name in allowed)) or "none"
            raise self.checks.fail(
                f"messages.{key}", f"uses unknown placeholder {names} (allowed: {allowed_names})"
            )
        return text

    def source(self, key: str, value: Any) -> Source:
        where = f"sources.{key}"
        entry = self.checks.mapping(value, where)
        file_name = self.checks.text(entry, "file", where)
        source_file = self.path.parent / file_name
        try:
            text = source_file.read_text(encoding="utf-8")
        except OSError:
            raise self.checks.fail(f"{where}.file", f"'{file_name}' cannot be read") from None
        return Source(
            key=key,
            title=self.checks.text(entry, "title", where),
            publisher=self.checks.text(entry, "publisher", where),
            kind=self.checks.text(entry, "kind", where),
            text=comparable(text),
        )

    def topic(self, key: str, value: Any) -> Topic:
        where = f"topics.{key}"
        if not re.fullmatch(r"[a-z][a-z_]*", str(key)):
            raise self.checks.fail(where, "topic keys are lowercase words joined by '_'")
        entry = self.checks.mapping(value, where)
        answered_by = entry.get("answered_by")
        if answered_by is not None and not isinstance(answered_by, str):
            raise self.checks.fail(f"{where}.answered_by", "must be a role key")
        return Topic(
            key=key,
            title=self.checks.text(entry, "title", where),
            button=self.checks.text(entry, "button", where),
            question=self.checks.text(entry, "question", where),
            follow_ups=self.checks.text_list(entry, "follow_ups", where),
            answered_by=answered_by,
            close=self.checks.text_list(entry, "close", where),
            more_in=self.checks.text_list(entry, "more_in", where),
        )

    def role(self, key: str, value: Any, topics: dict[str, Topic]) -> Role:
        where = f"roles.{key}"
        entry = self.checks.mapping(value, where)
        aliases = self.checks.text_list(entry, "aliases", where)
        if not aliases:
            raise self.checks.fail(f"{where}.aliases", "must list at least one alias")
        answers = {}
        raw_answers = self.checks.mapping(entry.get("topics"), f"{where}.topics")
        for topic_key, answer in raw_answers.items():
            if topic_key not in topics:
                raise self.checks.fail(
                    f"{where}.topics.{topic_key}", "is not a topic listed under 'topics'"
                )
            answers[topic_key] = self.answer(f"{where}.topics.{topic_key}", answer)
        broader = {field: entry.get(field) for field in ("level_of", "kind_of")}
        for field, named in broader.items():
            if named is not None and not isinstance(named, str):
                raise self.checks.fail(f"{where}.{field}", "must be a role key")
        return Role(
            key=key,
            name=self.checks.text(entry, "name", where),
            called=self.checks.text(entry, "called", where),
            aliases=aliases,
            answers=answers,
            level_of=broader["level_of"],
            kind_of=broader["kind_of"],
        )

    def answer(self, where: str, value: Any) -> Answer:
        """`answer`: the direct reply's sentences; `more`: further parts, one per message."""
        entry = self.checks.mapping(value, where)
        if "answer" not in entry:
            raise self.checks.fail(f"{where}.answer", "is missing")
        parts = [self.checks.part(entry["answer"], f"{where}.answer")]
        more = entry.get("more", [])
        if not isinstance(more, list):
            raise self.checks.fail(f"{where}.more", "must be a list of parts, each a list")
        parts += [self.checks.part(raw, f"{where}.more[{i}]") for i, raw in enumerate(more)]
        return Answer(tuple(parts))

    def check_aliases_unique(self, roles: dict[str, Role]) -> None:
        owner: dict[str, str] = {}
        for role in roles.values():
            for alias in role.aliases:
                folded = normalise_role_mention(alias)
                if folded in owner and owner[folded] != role.key:
                    raise self.checks.fail(
                        f"roles.{role.key}.aliases",
                        f"alias '{alias}' is already used by role '{owner[folded]}'",
                    )
                owner[folded] = role.key
