"""Load and validate the role knowledge file (knowledge/roles.yml).

Everything the assistant says about a role comes from this file, so it is checked in full before
the action server accepts a request: a mistake in it must stop the server with one message that
names the file, the key and the problem, never surface later as a wrong or empty answer.
"""

from __future__ import annotations

import os
import re
import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz.distance import OSA

from actions.requirements import Requirements, parse_requirements
from actions.special_topics import SpecialTopics, parse_special_topics

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_KNOWLEDGE_FILE = PROJECT_ROOT / "knowledge" / "roles.yml"
# Tests and operators may point the action server at another file without touching the code.
KNOWLEDGE_FILE_ENV = "TPM_KNOWLEDGE_FILE"
# The framing sentences the actions need; each must be in the file's `messages`.
MESSAGE_KEYS = (
    "greeting",
    "capabilities",
    "out_of_scope",
    "fallback",
    "sources_intro",
    "did_you_mean",
    "confirm_topic",
    "something_else",
    "stopped",
    "offer_readiness",
    "offer_readiness_yes",
    "offer_readiness_no",
    "pick_one",
    "affirm_nothing_offered",
    "deny_nothing_offered",
    "declined_offer",
    "nothing_to_repeat",
    "readiness_button",
    "readiness_intro",
    "readiness_other_role",
    "readiness_ask_education_level",
    "readiness_ask_education_field",
    "readiness_ask_it_experience_years",
    "readiness_ask_management_experience_years",
    "readiness_ask_skills",
    "readiness_skills_so_far",
    "readiness_done",
    "readiness_no_skills",
    "readiness_retry_education_level",
    "readiness_retry_education_field",
    "readiness_retry_years",
    "readiness_retry_skills",
    "readiness_stopped",
    "readiness_result_intro",
    "readiness_result_meets",
    "readiness_result_gaps",
    "readiness_result_no_gaps",
    "readiness_result_further",
)
# The {placeholders} a message may use; the actions fill exactly these, so any other name in a
# message would fail only when it is said. Messages not listed here take none.
MESSAGE_PLACEHOLDERS = {
    "readiness_other_role": {"role"},
    "readiness_skills_so_far": {"skills"},
    "readiness_result_intro": {"role"},
}


class KnowledgeError(Exception):
    """The knowledge file cannot be used; the message names the file, the key and the problem."""

    def __init__(self, path: Path, key: str, problem: str) -> None:
        self.path = path
        self.key = key
        self.problem = problem
        super().__init__(f"{path}: {key}: {problem}")


@dataclass(frozen=True)
class Source:
    """A document that facts are taken from."""

    key: str
    title: str
    publisher: str
    kind: str
    text: str

    @property
    def citation(self) -> str:
        """How an answer names this source: the title and who published it."""
        return f"“{self.title}” ({self.publisher})"


@dataclass(frozen=True)
class Fact:
    """One fact behind an answer, with the passage of its source that it rests on."""

    text: str
    source: Source
    quote: str


@dataclass(frozen=True)
class Topic:
    """Something that can be asked about a role; the intent `ask_<key>` asks for it."""

    key: str
    title: str
    button: str
    # A question as people ask it; the story check and the end-to-end test ask it
    # (scripts/sync_topics.py writes the story check).
    question: str
    follow_ups: tuple[str, ...]
    answered_by: str | None
    # Topics whose answer comes closest when the sources don't cover this one for a role,
    # most relevant first ("what is a coordinator responsible for?" → what a coordinator is).
    close: tuple[str, ...] = ()

    @property
    def intent(self) -> str:
        return f"ask_{self.key}"


@dataclass(frozen=True)
class Answer:
    """A role's answer on one topic, in our own words, with the facts it is built from."""

    text: str
    facts: tuple[Fact, ...]

    @property
    def sources(self) -> tuple[Source, ...]:
        """The distinct sources of the facts, in the order they first appear."""
        return tuple(dict.fromkeys(fact.source for fact in self.facts))


@dataclass(frozen=True)
class Role:
    """A job the assistant can talk about, the names people use for it and what is known."""

    key: str
    name: str
    called: str
    aliases: tuple[str, ...]
    answers: dict[str, Answer]


@dataclass(frozen=True)
class Knowledge:
    """The whole validated knowledge file."""

    path: Path
    sources: dict[str, Source]
    topics: dict[str, Topic]
    roles: dict[str, Role]
    default_role: Role
    # Topics offered as buttons when a conversation starts or a question is out of scope.
    menu: tuple[str, ...]
    # The assistant's own framing sentences, by purpose (see MESSAGE_KEYS).
    messages: dict[str, str]
    # What it takes to become the role, for the readiness check.
    requirements: Requirements
    # The topics particular replies offer (actions/special_topics.py).
    special_topics: SpecialTopics

    def find_role(self, mention: str | None) -> Role | None:
        """The role a user's wording refers to, by key, name or alias; None when unknown.

        An empty mention means the conversation named no role, which is the default role.
        """
        if mention is None or not mention.strip():
            return self.default_role
        wanted = normalise_role_mention(mention)
        names = {
            normalise_role_mention(name): role
            for role in self.roles.values()
            for name in (role.key.replace("_", " "), role.name, *role.aliases)
        }
        # "tech PMs" is "tech PM": a plural is the role too.
        singular = re.sub(r"(?<=\w\w)s$", "", wanted)
        for form in (wanted, singular):
            if form in names:
                return names[form]
        return closest_role(wanted, names) or closest_role(singular, names)

    def topic_for_intent(self, intent: str | None) -> Topic | None:
        """The topic an intent asks about, or None when the intent is not a topic question."""
        if not intent or not intent.startswith("ask_"):
            return None
        return self.topics.get(intent[len("ask_") :])


def normalise_role_mention(text: str) -> str:
    """Fold case, punctuation, articles and spacing so "the TPM's" matches the alias "TPM"."""
    text = text.casefold().replace("’", "'")
    text = re.sub(r"'s\b", "", text)
    # "co-ordinator" is "coordinator".
    text = re.sub(r"(?<=\w)-(?=\w)", "", text)
    text = re.sub(r"[^\w\s]", " ", text)
    words = [word for word in text.split() if word not in {"a", "an", "the"}]
    return " ".join(words)


# Words this short must be written exactly: "sr" is not "of", "tpm" is not "tmp".
SHORT_WORD = 4
LONG_WORD = 9


def spelled_alike(written: str, name: str) -> bool:
    """Whether `written` is `name` with at most one typing slip per word (a letter wrong,
    missing, extra, or two swapped; two in a long word), both already folded by
    normalise_role_mention.

    Names of one word must match exactly: "schedule" is a word of its own, not "scheduler".
    Short words must match exactly too.
    """
    written_words, name_words = written.split(), name.split()
    if len(written_words) != len(name_words) or len(name_words) < 2:
        return written == name
    return all(
        mine == theirs
        or (len(theirs) > SHORT_WORD and OSA.distance(mine, theirs) <= slips_allowed(theirs))
        for mine, theirs in zip(written_words, name_words, strict=True)
    )


def slips_allowed(word: str) -> int:
    """One slip in a word, two in a long one ("techinal" for "technical")."""
    return 2 if len(word) >= LONG_WORD else 1


def closest_role(wanted: str, names: dict[str, Role]) -> Role | None:
    """The one role a misspelt mention is spelled like, or None.

    "techincal project manager" is the TPM; "project manager" is another job. A mention spelled
    like two roles' names is ambiguous, so it is neither.
    """
    close = {role.key: role for name, role in names.items() if spelled_alike(wanted, name)}
    return next(iter(close.values())) if len(close) == 1 else None


def _comparable(text: str) -> str:
    """Text with typographic apostrophes and line breaks evened out, for finding quotes."""
    return " ".join(text.replace("’", "'").split())


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
    return _Validator(path).knowledge(document)


class _Validator:
    """Turns the parsed YAML into typed objects, checking each key on the way."""

    def __init__(self, path: Path) -> None:
        self.path = path

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

    def text_list(self, parent: dict[str, Any], field: str, key: str) -> tuple[str, ...]:
        value = parent.get(field, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(f"{key}.{field}", "must be a list of non-empty texts")
        return tuple(v.strip() for v in value)

    def knowledge(self, document: Any) -> Knowledge:
        root = self.mapping(document, "(top level)")
        sources = {
            key: self.source(key, value)
            for key, value in self.mapping(root.get("sources"), "sources").items()
        }
        topics = {
            key: self.topic(key, value)
            for key, value in self.mapping(root.get("topics"), "topics").items()
        }
        for topic in topics.values():
            for field, named in (("follow_ups", topic.follow_ups), ("close", topic.close)):
                for other in named:
                    if other not in topics:
                        raise self.fail(
                            f"topics.{topic.key}.{field}", f"names unknown topic '{other}'"
                        )
        roles = {
            key: self.role(key, value, sources, topics)
            for key, value in self.mapping(root.get("roles"), "roles").items()
        }
        self.check_aliases_unique(roles)
        for topic in topics.values():
            if topic.answered_by is not None and topic.answered_by not in roles:
                raise self.fail(
                    f"topics.{topic.key}.answered_by", f"names unknown role '{topic.answered_by}'"
                )
        default_key = root.get("default_role")
        if default_key not in roles:
            raise self.fail("default_role", f"must name one of the roles, not '{default_key}'")
        default_role = roles[default_key]
        menu = self.text_list(root, "menu", "(top level)")
        for key in menu:
            if key not in default_role.answers:
                raise self.fail("menu", f"'{key}' is not a topic the default role answers")
        if not menu:
            raise self.fail("menu", "must list at least one topic")
        raw_messages = self.mapping(root.get("messages"), "messages")
        messages = {key: self.message(raw_messages, key) for key in MESSAGE_KEYS}
        requirements = parse_requirements(self, root.get("requirements"), sources, roles)
        special_topics = parse_special_topics(
            root.get("special_topics"), default_role.answers, topics, self.fail
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
        )

    def message(self, raw_messages: dict[str, Any], key: str) -> str:
        text = self.text(raw_messages, key, "messages")
        allowed = MESSAGE_PLACEHOLDERS.get(key, set())
        try:
            used = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
        except ValueError as error:
            raise self.fail(f"messages.{key}", f"has a broken {{placeholder}}: {error}") from None
        unknown = used - allowed
        if unknown:
            names = ", ".join(sorted(f"{{{name}}}" for name in unknown))
            allowed_names = ", ".join(sorted(f"{{{name}}}" for name in allowed)) or "none"
            raise self.fail(
                f"messages.{key}", f"uses unknown placeholder {names} (allowed: {allowed_names})"
            )
        return text

    def source(self, key: str, value: Any) -> Source:
        where = f"sources.{key}"
        entry = self.mapping(value, where)
        file_name = self.text(entry, "file", where)
        source_file = self.path.parent / file_name
        try:
            text = source_file.read_text(encoding="utf-8")
        except OSError:
            raise self.fail(f"{where}.file", f"'{file_name}' cannot be read") from None
        return Source(
            key=key,
            title=self.text(entry, "title", where),
            publisher=self.text(entry, "publisher", where),
            kind=self.text(entry, "kind", where),
            text=_comparable(text),
        )

    def topic(self, key: str, value: Any) -> Topic:
        where = f"topics.{key}"
        if not re.fullmatch(r"[a-z][a-z_]*", str(key)):
            raise self.fail(where, "topic keys are lowercase words joined by '_'")
        entry = self.mapping(value, where)
        answered_by = entry.get("answered_by")
        if answered_by is not None and not isinstance(answered_by, str):
            raise self.fail(f"{where}.answered_by", "must be a role key")
        return Topic(
            key=key,
            title=self.text(entry, "title", where),
            button=self.text(entry, "button", where),
            question=self.text(entry, "question", where),
            follow_ups=self.text_list(entry, "follow_ups", where),
            answered_by=answered_by,
            close=self.text_list(entry, "close", where),
        )

    def role(
        self, key: str, value: Any, sources: dict[str, Source], topics: dict[str, Topic]
    ) -> Role:
        where = f"roles.{key}"
        entry = self.mapping(value, where)
        aliases = self.text_list(entry, "aliases", where)
        if not aliases:
            raise self.fail(f"{where}.aliases", "must list at least one alias")
        answers = {}
        for topic_key, answer in self.mapping(entry.get("topics"), f"{where}.topics").items():
            if topic_key not in topics:
                raise self.fail(
                    f"{where}.topics.{topic_key}", "is not a topic listed under 'topics'"
                )
            answers[topic_key] = self.answer(f"{where}.topics.{topic_key}", answer, sources)
        return Role(
            key=key,
            name=self.text(entry, "name", where),
            called=self.text(entry, "called", where),
            aliases=aliases,
            answers=answers,
        )

    def answer(self, where: str, value: Any, sources: dict[str, Source]) -> Answer:
        entry = self.mapping(value, where)
        text = self.text(entry, "answer", where)
        raw_facts = entry.get("facts")
        if not isinstance(raw_facts, list) or not raw_facts:
            raise self.fail(f"{where}.facts", "must list at least one fact with its source")
        facts = tuple(
            self.fact(f"{where}.facts[{index}]", raw, sources)
            for index, raw in enumerate(raw_facts)
        )
        return Answer(text=text, facts=facts)

    def fact(self, where: str, value: Any, sources: dict[str, Source]) -> Fact:
        entry = self.mapping(value, where)
        source_key = self.text(entry, "source", where)
        if source_key not in sources:
            known = ", ".join(sorted(sources))
            raise self.fail(f"{where}.source", f"unknown source '{source_key}' (known: {known})")
        source = sources[source_key]
        quote = self.text(entry, "quote", where)
        if _comparable(quote) not in source.text:
            raise self.fail(f"{where}.quote", f"is not a passage of source '{source_key}'")
        return Fact(text=self.text(entry, "text", where), source=source, quote=quote)

    def check_aliases_unique(self, roles: dict[str, Role]) -> None:
        owner: dict[str, str] = {}
        for role in roles.values():
            for alias in role.aliases:
                folded = normalise_role_mention(alias)
                if folded in owner and owner[folded] != role.key:
                    raise self.fail(
                        f"roles.{role.key}.aliases",
                        f"alias '{alias}' is already used by role '{owner[folded]}'",
                    )
                owner[folded] = role.key
