"""The README's "How to add a topic", followed as written on a copy of the project.

The topic entry and the NLU examples are the README's own code blocks, and the commands are its
own command block, so the recipe cannot drift from what works. Step 2 (the answer) is prose: the
new topic gets the facts of an existing answer of the default role. Train-free: the model is not
retrained; what Rasa would train from is checked instead.
"""

from __future__ import annotations

import copy
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from knowledge.loader import load_knowledge
from tests.project_copy import copy_project
from tests.servers import ROOT

SECTION = "## How to add a topic"
# The installed parts the copy links to; `make` in the copy must find them up to date, so it
# never reinstalls into the linked .venv.
INSTALL_STAMPS = [".venv/.installed", ".venv/.compiled", "web/node_modules/.installed"]


def recipe() -> tuple[list[str], list[str]]:
    """The README section's YAML blocks and its commands (comments dropped)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split(SECTION, 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"^```(\w+)\n(.*?)^```", section, re.MULTILINE | re.DOTALL)
    yaml_blocks = [body for kind, body in blocks if kind == "yaml"]
    commands = [
        line.split("#", 1)[0].strip()
        for kind, body in blocks
        if kind == "bash"
        for line in body.splitlines()
    ]
    return yaml_blocks, [command for command in commands if command]


def run(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", command], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def test_adding_a_topic_as_the_readme_says(tmp_path: Path) -> None:
    (topic_block, nlu_block), commands = recipe()
    assert commands == ["make sync", "make validate"]
    project = copy_project(tmp_path / "project", link_installed=True)
    up_to_date = run("make -q " + " ".join(INSTALL_STAMPS), project)
    if up_to_date.returncode != 0:
        pytest.skip("the installed packages are older than pyproject.toml or uv.lock: make install")

    # 1. The topic under `topics:`; 2. its answer under the default role.
    new_topics = yaml.safe_load(topic_block)
    (key,) = new_topics
    knowledge_file = project / "knowledge" / "roles.yml"
    document = yaml.safe_load(knowledge_file.read_text(encoding="utf-8"))
    document["topics"].update(new_topics)
    answers = document["roles"][document["default_role"]]["topics"]
    answers[key] = copy.deepcopy(next(iter(answers.values())))
    knowledge_file.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")

    # 3. NLU examples in the training data and in the held-out set.
    for nlu_file in ("data/nlu/role_topics.yml", "tests/nlu/holdout.yml"):
        path = project / nlu_file
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + nlu_block)

    # 4. The README's commands, each of which must succeed.
    for command in commands:
        result = run(command, project)
        assert result.returncode == 0, f"{command}:\n{result.stdout[-3000:]}{result.stderr[-3000:]}"

    intent = f"ask_{key}"
    assert load_knowledge(knowledge_file).topics[key].intent == intent
    domain = yaml.safe_load((project / "domain.yml").read_text(encoding="utf-8"))
    assert intent in domain["intents"]
    for slot in ("education_level", "it_experience_years", "skills"):
        assert intent in domain["slots"][slot]["mappings"][1]["not_intent"], slot
    rules = yaml.safe_load((project / "data/rules_topics.yml").read_text(encoding="utf-8"))
    steps = [rule["steps"] for rule in rules["rules"]]
    assert [{"intent": intent}, {"action": "action_answer_topic"}] in steps
    in_the_form = next(s for s in steps if "or" in s[0])
    assert {"intent": intent} in in_the_form[0]["or"]
    stories = yaml.safe_load((project / "tests/test_stories.yml").read_text(encoding="utf-8"))
    asked = [s for s in stories["stories"] if s["steps"][0].get("intent") == intent]
    assert len(asked) == 1 and "[TPM]" in asked[0]["steps"][0]["user"]
