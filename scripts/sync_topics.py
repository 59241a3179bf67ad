"""Write what Rasa needs for each topic of the knowledge file, or check that it is up to date.

A topic is declared once, in knowledge/roles.yml. Rasa cannot read that file, so this writes
the topic-derived parts of Rasa's own files from it:

- domain.yml: the topic intents, the `&not_an_answer` list of the readiness check's slots, and
  the topics answered by one fixed role (`answered_by`), which must not move the conversation's
  role; each between a `# >>> make sync: <block>` and a `# <<< make sync: <block>` line;
- data/rules_topics.yml, whole: each topic's rule, and the rule that answers a topic question in
  the middle of the readiness check;
- tests/test_stories.yml: a story check per topic that asks the topic's `question`, with the
  roles it names marked as entities, between marker lines like the domain's.

Everything outside the marked blocks is written by hand and left alone. NLU examples are written
by people, so they are only checked: each topic intent needs examples in data/ and in the
held-out set (tests/nlu/holdout.yml), and each name of a role must be one NLU finds as that role
(scripts/check_role_names.py).

    make sync          # .venv/bin/python -m scripts.sync_topics
    make sync-check    # ... --check: exit 1 naming each stale file or missing piece

`--root DIR` works on another copy of the project (the tests use it).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from knowledge.loader import Knowledge, KnowledgeError, Role, Topic, load_knowledge
from scripts.check_role_names import role_name_problems
from scripts.uncovered_names import uncovered_name_problems

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE_FILE = Path("knowledge/roles.yml")
DOMAIN_FILE = Path("domain.yml")
RULES_FILE = Path("data/rules_topics.yml")
STORIES_FILE = Path("tests/test_stories.yml")
HOLDOUT_FILE = Path("tests/nlu/holdout.yml")
TRAINING_DATA_DIR = Path("data")
ANSWER_ACTION = "action_answer_topic"
READINESS_FORM = "readiness_form"
ROLE_ENTITY = "role"
BEGIN = "# >>> make sync: "
END = "# <<< make sync: "
GENERATED_HEADER = (
    "# Written by `make sync` from knowledge/roles.yml: do not edit. Change the topics there and\n"
    '# run `make sync` (README, "How to add a topic").\n'
)
# A role slot value needs no quotes in YAML when it is words like these.
PLAIN_VALUE = re.compile(r"[A-Za-z][\w .'-]*[\w.]")


class SyncError(Exception):
    """The knowledge file cannot be turned into Rasa's files; says which file and what."""


@dataclass(frozen=True)
class Mention:
    """Where a question names a role."""

    start: int
    end: int
    role: Role


def role_mentions(knowledge: Knowledge, text: str) -> list[Mention]:
    """The roles `text` names by their name or an alias, in any case and in the plural too (as
    Knowledge.find_role reads them), longest name first."""
    names = {name: role for role in knowledge.roles.values() for name in (role.name, *role.aliases)}
    found: list[Mention] = []
    for name in sorted(names, key=len, reverse=True):
        for match in re.finditer(rf"(?<!\w){re.escape(name)}s?(?!\w)", text, re.IGNORECASE):
            if all(match.end() <= m.start or match.start() >= m.end for m in found):
                found.append(Mention(match.start(), match.end(), names[name]))
    return sorted(found, key=lambda mention: mention.start)


def answering_role(knowledge: Knowledge, topic: Topic) -> Role:
    """The role whose answer the topic's question gets: fixed, named, or the default role."""
    if topic.answered_by is not None:
        return knowledge.roles[topic.answered_by]
    mentions = role_mentions(knowledge, topic.question)
    named = {mention.role.key: mention.role for mention in mentions}
    where = f"{knowledge.path}: topics.{topic.key}.question"
    if len(named) > 1:
        raise SyncError(f"{where}: names several roles ({', '.join(named)}); name at most one")
    role = next(iter(named.values()), knowledge.default_role)
    if topic.key not in role.answers:
        raise SyncError(f"{where}: asks about role '{role.key}', which has no answer on it")
    return role


def slot_value(text: str) -> str:
    return text if PLAIN_VALUE.fullmatch(text) else json.dumps(text)


def annotated(knowledge: Knowledge, text: str) -> str:
    """The question in Rasa's training-data syntax, each role it names marked as an entity."""
    parts, last = [], 0
    for mention in role_mentions(knowledge, text):
        entity = json.dumps({"entity": ROLE_ENTITY, "value": mention.role.aliases[0]})
        parts += [text[last : mention.start], f"[{text[mention.start : mention.end]}]{entity}"]
        last = mention.end
    return "".join([*parts, text[last:]])


def topic_intents(knowledge: Knowledge) -> list[str]:
    return [f"- {topic.intent}" for topic in knowledge.topics.values()]


def fixed_role_intents(knowledge: Knowledge) -> list[str]:
    fixed = [topic for topic in knowledge.topics.values() if topic.answered_by is not None]
    return [f"- {topic.intent}" for topic in fixed]


def story_checks(knowledge: Knowledge) -> list[str]:
    """A story per topic: its question, classified as its intent, answered by the action."""
    lines: list[str] = []
    for topic in knowledge.topics.values():
        role = answering_role(knowledge, topic)
        lines += [
            f"- story: ask {topic.key.replace('_', ' ')}",
            "  steps:",
            "    - user: |",
            f"        {annotated(knowledge, topic.question)}",
            f"      intent: {topic.intent}",
        ]
        if topic.answered_by is None and role_mentions(knowledge, topic.question):
            lines += ["    - slot_was_set:", f"        - role: {slot_value(role.aliases[0])}"]
        lines += [f"    - action: {ANSWER_ACTION}", ""]
    return lines[:-1]


def rules_file(knowledge: Knowledge) -> str:
    """data/rules_topics.yml: each topic's rule and the readiness check's topic rule."""
    topics = list(knowledge.topics.values())
    lines = [GENERATED_HEADER + 'version: "3.1"', "", "rules:"]
    for topic in topics:
        lines += [
            f"  - rule: answer {topic.key.replace('_', ' ')}",
            "    steps:",
            f"      - intent: {topic.intent}",
            f"      - action: {ANSWER_ACTION}",
            "",
        ]
    if len(topics) == 1:
        asked = [f"      - intent: {topics[0].intent}"]
    else:
        asked = ["      - or:", *(f"          - intent: {topic.intent}" for topic in topics)]
    lines += [
        "  # A question in the middle of the readiness check is not an answer (domain.yml, slot",
        "  # mappings): the form is rejected, the question is answered, and the form asks again.",
        "  - rule: answer a topic question in the middle of the readiness check, then go on",
        "    condition:",
        f"      - active_loop: {READINESS_FORM}",
        "    steps:",
        *asked,
        f"      - action: {ANSWER_ACTION}",
        f"      - action: {READINESS_FORM}",
        f"      - active_loop: {READINESS_FORM}",
    ]
    return "\n".join(lines) + "\n"


# The marked blocks: file, block name, the lines between its markers (indented like them).
BLOCKS: list[tuple[Path, str, Callable[[Knowledge], list[str]]]] = [
    (DOMAIN_FILE, "topic intents", topic_intents),
    (DOMAIN_FILE, "fixed-role topics", fixed_role_intents),
    (DOMAIN_FILE, "not an answer", topic_intents),
    (STORIES_FILE, "topic questions", story_checks),
]


def fill_block(text: str, path: Path, name: str, lines: list[str]) -> str:
    """`text` with the lines between the block's two marker lines replaced by `lines`."""
    pattern = re.compile(
        rf"^(?P<indent>[ \t]*){re.escape(BEGIN + name)}[^\n]*\n"
        rf"(?P<body>.*?)"
        rf"^(?P=indent){re.escape(END + name)}[ \t]*$",
        re.MULTILINE | re.DOTALL,
    )
    found = list(pattern.finditer(text))
    if len(found) != 1:
        raise SyncError(
            f"{path}: needs exactly one block '{BEGIN}{name}' ... '{END}{name}' "
            f"(found {len(found)}); put the two marker lines where the generated lines belong"
        )
    match = found[0]
    indent = match["indent"]
    body = "".join(f"{indent}{line}\n" if line else "\n" for line in lines)
    return text[: match.start("body")] + body + text[match.end("body") :]


def expected_files(root: Path, knowledge: Knowledge) -> dict[Path, str]:
    """Each generated file's content as sync writes it, by path relative to `root`."""
    contents: dict[Path, str] = {RULES_FILE: rules_file(knowledge)}
    for path, name, lines in BLOCKS:
        if path not in contents:
            contents[path] = (root / path).read_text(encoding="utf-8")
        contents[path] = fill_block(contents[path], path, name, lines(knowledge))
    return contents


def intents_with_examples(paths: list[Path]) -> set[str]:
    """Every intent that has training examples in these NLU files."""
    intents: set[str] = set()
    for path in paths:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        items = document.get("nlu") if isinstance(document, dict) else None
        for item in items or []:
            if isinstance(item, dict) and item.get("intent") and item.get("examples"):
                intents.add(item["intent"])
    return intents


def missing_pieces(root: Path, knowledge: Knowledge) -> list[str]:
    """What people must write for each topic and role and have not: a topic's NLU examples,
    a role's names in the NLU data."""
    training_files = sorted((root / TRAINING_DATA_DIR).rglob("*.yml"))
    training = intents_with_examples(training_files)
    holdout = intents_with_examples([root / HOLDOUT_FILE])
    problems = []
    for topic in knowledge.topics.values():
        for where, intents in ((f"{TRAINING_DATA_DIR}/nlu/", training), (HOLDOUT_FILE, holdout)):
            if topic.intent not in intents:
                problems.append(
                    f"{where}: no examples of intent {topic.intent} "
                    f"(topic '{topic.key}' of {KNOWLEDGE_FILE})"
                )
    where = f"{TRAINING_DATA_DIR}/nlu/"
    return (
        problems
        + role_name_problems(knowledge, training_files, where)
        + uncovered_name_problems(knowledge, training_files, where)
    )


def load(root: Path) -> Knowledge:
    try:
        return load_knowledge(root / KNOWLEDGE_FILE)
    except KnowledgeError as error:
        raise SyncError(f"Knowledge file rejected: {error}") from None


def stale_files(root: Path) -> list[str]:
    """The generated files that differ from what sync would write, with what to do."""
    expected = expected_files(root, load(root))
    stale = []
    for path, text in expected.items():
        current = root / path
        if not current.exists() or current.read_text(encoding="utf-8") != text:
            stale.append(f"{path}: not what `make sync` writes from {KNOWLEDGE_FILE}")
    return stale


def sync(root: Path) -> list[Path]:
    """Write every generated file that changed; return those written."""
    written = []
    for path, text in expected_files(root, load(root)).items():
        target = root / path
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.sync_topics", description=__doc__)
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if stale")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project to work on")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        if args.check:
            problems = [f"stale: {problem}" for problem in stale_files(root)]
        else:
            for path in sync(root):
                print(f"wrote {path}")
            problems = []
        problems = problems + missing_pieces(root, load(root))
    except SyncError as error:
        print(error, file=sys.stderr)
        return 2
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
