"""`make sync` and `make sync-check` (scripts/sync_topics.py) on copies of the project's files."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from knowledge.loader import Knowledge, load_knowledge
from scripts.sync_topics import (
    DOMAIN_FILE,
    KNOWLEDGE_FILE,
    RULES_FILE,
    STORIES_FILE,
    SyncError,
    annotated,
    answering_role,
    missing_pieces,
    stale_files,
    sync,
)
from tests.project_copy import copy_project
from tests.servers import ROOT

# What sync reads and writes; nothing else is copied.
SYNCED = ("knowledge/", "domain.yml", "data/", "tests/test_stories.yml", "tests/nlu/")


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project", only=SYNCED)


def change_knowledge(root: Path, mutate: Any) -> None:
    path = root / KNOWLEDGE_FILE
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    mutate(document)
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")


def add_remote_work(document: dict[str, Any]) -> None:
    """A new topic the default role answers (with the facts of an existing answer)."""
    document["topics"]["remote_work"] = {
        "title": "Remote work",
        "button": "Can {role} work remotely?",
        "question": "Can a TPM work remotely?",
        "follow_ups": ["working_hours"],
    }
    answers = document["roles"][document["default_role"]]["topics"]
    answers["remote_work"] = copy.deepcopy(answers["working_hours"])


def check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scripts.sync_topics", "--check", "--root", str(root)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_projects_generated_files_are_up_to_date(knowledge: Knowledge) -> None:
    assert stale_files(ROOT) == []
    assert missing_pieces(ROOT, knowledge) == []


def test_a_new_topic_is_stale_everywhere_until_synced(project: Path) -> None:
    change_knowledge(project, add_remote_work)
    result = check(project)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"stale: {RULES_FILE}: not what `make sync` writes from {KNOWLEDGE_FILE}",
        f"stale: {DOMAIN_FILE}: not what `make sync` writes from {KNOWLEDGE_FILE}",
        f"stale: {STORIES_FILE}: not what `make sync` writes from {KNOWLEDGE_FILE}",
        "data/nlu/: no examples of intent ask_remote_work (topic 'remote_work' of "
        "knowledge/roles.yml)",
        "tests/nlu/holdout.yml: no examples of intent ask_remote_work (topic 'remote_work' of "
        "knowledge/roles.yml)",
    ]

    assert set(sync(project)) == {DOMAIN_FILE, RULES_FILE, STORIES_FILE}
    assert stale_files(project) == []
    domain = yaml.safe_load((project / DOMAIN_FILE).read_text(encoding="utf-8"))
    assert "ask_remote_work" in domain["intents"]
    not_an_answer = domain["slots"]["it_experience_years"]["mappings"][1]["not_intent"]
    assert "ask_remote_work" in not_an_answer
    rules = yaml.safe_load((project / RULES_FILE).read_text(encoding="utf-8"))["rules"]
    assert {
        "rule": "answer remote work",
        "steps": [{"intent": "ask_remote_work"}, {"action": "action_answer_topic"}],
    } in rules
    stories = yaml.safe_load((project / STORIES_FILE).read_text(encoding="utf-8"))["stories"]
    story = next(s for s in stories if s["story"] == "ask remote work")
    assert story["steps"][0]["intent"] == "ask_remote_work"
    assert story["steps"][0]["user"].strip() == (
        'Can a [TPM]{"entity": "role", "value": "technical project manager"} work remotely?'
    )


def test_a_removed_topic_leaves_no_intent_or_rule_behind(project: Path) -> None:
    change_knowledge(project, lambda d: d["topics"]["types"].update(question="Kinds of TPM?"))
    sync(project)

    def drop_types(document: dict[str, Any]) -> None:
        document["topics"].pop("types")
        for entry in document["topics"].values():
            for field in ("follow_ups", "close"):
                entry[field] = [key for key in entry.get(field, []) if key != "types"]
        for role in document["roles"].values():
            role["topics"].pop("types", None)
        for place, keys in document["special_topics"].items():
            if isinstance(keys, list):
                document["special_topics"][place] = [key for key in keys if key != "types"]

    change_knowledge(project, drop_types)
    sync(project)
    for path in (DOMAIN_FILE, RULES_FILE, STORIES_FILE):
        assert "ask_types" not in (project / path).read_text(encoding="utf-8"), path


def test_generated_lines_edited_by_hand_are_stale_and_hand_written_lines_are_kept(
    project: Path,
) -> None:
    domain = project / DOMAIN_FILE
    text = domain.read_text(encoding="utf-8")
    edited = text.replace("  - ask_salary\n", "", 1).replace(
        "  - greet\n", "  # said first\n  - greet\n", 1
    )
    domain.write_text(edited, encoding="utf-8")
    assert stale_files(project) == [
        f"{DOMAIN_FILE}: not what `make sync` writes from {KNOWLEDGE_FILE}"
    ]
    sync(project)
    assert domain.read_text(encoding="utf-8") == text.replace(
        "  - greet\n", "  # said first\n  - greet\n", 1
    )


def test_a_missing_block_is_named_with_its_file(project: Path) -> None:
    stories = project / STORIES_FILE
    text = stories.read_text(encoding="utf-8")
    stories.write_text(text.replace("# <<< make sync: topic questions", "#"), encoding="utf-8")
    result = check(project)
    assert result.returncode == 2
    assert f"{STORIES_FILE}: needs exactly one block '# >>> make sync: topic questions'" in (
        result.stderr
    )


def test_roles_a_question_names_are_marked_for_the_story_check(knowledge: Knowledge) -> None:
    assert annotated(knowledge, "tech PMs vs a Project Coordinator?") == (
        '[tech PMs]{"entity": "role", "value": "technical project manager"} vs a '
        '[Project Coordinator]{"entity": "role", "value": "project coordinator"}?'
    )
    assert annotated(knowledge, "What is the pay?") == "What is the pay?"


def test_a_question_about_a_role_without_that_answer_is_refused(knowledge_variant) -> None:
    changed = load_knowledge(
        knowledge_variant(
            lambda d: d["topics"]["salary"].update(question="What does a coordinator earn?")
        )
    )
    with pytest.raises(
        SyncError,
        match=r"topics\.salary\.question: asks about role "
        r"'project_coordinator', which has no answer on it",
    ):
        answering_role(changed, changed.topics["salary"])


def test_a_question_naming_two_roles_is_refused_unless_its_topic_has_a_fixed_role(
    knowledge_variant,
) -> None:
    two_roles = "Do a TPM and a project coordinator earn the same?"
    changed = load_knowledge(
        knowledge_variant(lambda d: d["topics"]["salary"].update(question=two_roles))
    )
    with pytest.raises(SyncError, match="names several roles"):
        answering_role(changed, changed.topics["salary"])
    comparison = changed.topics["difference_coordinator"]
    assert answering_role(changed, comparison) is changed.default_role


def test_a_new_alias_nlu_does_not_know_is_named(project: Path) -> None:
    change_knowledge(
        project, lambda d: d["roles"]["project_scheduler"]["aliases"].append("planner")
    )
    result = check(project)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "data/nlu/: 'planner' (roles.project_scheduler of the knowledge file) is not in the "
        "`role` lookup table"
    ]


def test_an_alias_nlu_reads_as_another_role_is_named(project: Path) -> None:
    roles = project / "data" / "nlu" / "roles.yml"
    text = roles.read_text(encoding="utf-8")
    # "scheduler" moved from the scheduler's synonyms to the coordinator's.
    scheduler = "  - synonym: project scheduler\n    examples: |\n      - project schedulers\n"
    coordinator = "  - synonym: project coordinator\n    examples: |\n"
    assert scheduler + "      - scheduler\n" in text and coordinator in text
    text = text.replace(scheduler + "      - scheduler\n", scheduler)
    text = text.replace(coordinator, coordinator + "      - scheduler\n")
    roles.write_text(text, encoding="utf-8")
    assert check(project).stderr.splitlines() == [
        "data/nlu/: 'scheduler' (roles.project_scheduler of the knowledge file) reads as "
        "'project coordinator', not 'project scheduler': add it to the synonym "
        "'project scheduler'"
    ]
