"""Check that NLU finds every role of the knowledge file under every name the file gives it.

A role is declared in knowledge/roles.yml with its name and aliases. NLU finds roles through
the `role` lookup table and the entity synonyms of the training data (components/role_mentions.py),
which list more spellings than the file ("proj coordinator"), so they are written by hand; this
names each name of the file that NLU would miss or read as another role. Part of
`make sync-check`.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from knowledge.loader import Knowledge, normalise_role_mention

ROLE_LOOKUP = "role"


def examples(item: dict) -> list[str]:
    text = item.get("examples") or ""
    return [line.strip()[2:].strip() for line in text.splitlines() if line.strip()]


def nlu_role_names(paths: list[Path]) -> tuple[set[str], dict[str, str]]:
    """The role lookup table's names and the entity synonyms (name → value), all folded."""
    names: set[str] = set()
    synonyms: dict[str, str] = {}
    for path in paths:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        items = document.get("nlu") if isinstance(document, dict) else None
        for item in items or []:
            if not isinstance(item, dict):
                continue
            if item.get("lookup") == ROLE_LOOKUP:
                names.update(normalise_role_mention(name) for name in examples(item))
            if item.get("synonym"):
                value = str(item["synonym"])
                for name in examples(item):
                    synonyms[normalise_role_mention(name)] = value
    return names, synonyms


def role_name_problems(knowledge: Knowledge, paths: list[Path], where: str) -> list[str]:
    """Each name or alias of a role that NLU does not find, or reads as another value."""
    names, synonyms = nlu_role_names(paths)
    # As components.role_mentions.canonical_names: a synonym's value is a name of its own.
    names |= {normalise_role_mention(value) for value in synonyms.values()}
    problems = []
    for role in knowledge.roles.values():
        value = role.aliases[0]
        for name in dict.fromkeys((role.name, *role.aliases)):
            folded = normalise_role_mention(name)
            if folded not in names:
                problems.append(
                    f"{where}: '{name}' (roles.{role.key} of the knowledge file) is not in the "
                    f"`{ROLE_LOOKUP}` lookup table"
                )
                continue
            read_as = synonyms.get(folded, folded)
            if normalise_role_mention(read_as) != normalise_role_mention(value):
                problems.append(
                    f"{where}: '{name}' (roles.{role.key} of the knowledge file) reads as "
                    f"'{read_as}', not '{value}': add it to the synonym '{value}'"
                )
    return problems
