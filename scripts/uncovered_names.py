"""`make sync-check`: the subjects and services NLU names are the ones the knowledge file words.

components/question_frame.py marks a phrase of the `subject` or `service` lookup table of the
training data, and EntitySynonymMapper names it by its synonym ("stressful" → "stress"); the
actions then look that name up in the knowledge file's `uncovered.subjects` or
`uncovered.services`. A name on one side only would be found and never said, or said and never
found: both are reported, naming the file and the name.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from knowledge.loader import Knowledge

KINDS = {"subject": "subjects", "service": "services"}


def nlu_names(paths: list[Path]) -> dict[str, set[str]]:
    """Per lookup table, the name each of its phrases is given (its synonym, or itself)."""
    phrases: dict[str, set[str]] = {kind: set() for kind in KINDS}
    synonyms: dict[str, str] = {}
    for path in paths:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in (document or {}).get("nlu") or []:
            if not isinstance(item, dict):
                continue
            examples = [
                line.strip()[2:].strip()
                for line in str(item.get("examples") or "").splitlines()
                if line.strip().startswith("- ")
            ]
            if item.get("lookup") in KINDS:
                phrases[item["lookup"]].update(examples)
            if item.get("synonym"):
                synonyms.update({example.casefold(): item["synonym"] for example in examples})
    return {
        kind: {synonyms.get(phrase.casefold(), phrase.casefold()) for phrase in found}
        for kind, found in phrases.items()
    }


def uncovered_name_problems(knowledge: Knowledge, paths: list[Path], where: str) -> list[str]:
    """Names the NLU data gives that the knowledge file doesn't word, and the reverse."""
    named = nlu_names(paths)
    problems = []
    for kind, section in KINDS.items():
        worded = set(getattr(knowledge.uncovered, section))
        for name in sorted(named[kind] - worded):
            problems.append(
                f"{where}: the {kind} '{name}' is not in uncovered.{section} of the knowledge file"
            )
        for name in sorted(worded - named[kind]):
            problems.append(
                f"{where}: uncovered.{section}.{name} of the knowledge file has no phrase in the "
                f"`{kind}` lookup table"
            )
    return problems
