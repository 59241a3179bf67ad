"""The project's modules, as a newcomer should find them: each where its process needs it.

- `knowledge/` (the knowledge file, its typed model, loader and checks) imports no Rasa code and
  none of `actions/`, `serving/` or `channels/`: anything may read what the assistant knows.
- The Rasa server's process (`python -m serving`, the channels of credentials.yml, the tracker
  store of endpoints.yml, the components of config.yml) imports no `actions/` module.
- The action server's process (`python -m actions`, which loads the whole `actions` package)
  imports no `serving/` module.
- No import cycle, no module name used twice, no module over MAX_LINES lines (tests included).

The graph is read from the source (`ast`), so it holds for every import, including those inside
functions; the last test also loads the trained model as the Rasa server does and looks at what
Python actually imported.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from serving import rasa_seam
from tests.servers import MODEL, ROOT

PACKAGES = ("actions", "benchmarks", "channels", "components", "knowledge", "scripts", "serving")
FOLDERS = (*PACKAGES, "tests", "web")
MAX_LINES = 400
# Names every package may have once: they are the package itself, not a module of it.
PACKAGE_FILES = {"__init__.py", "__main__.py"}


def python_files() -> list[Path]:
    """Every Python file of the project (not the virtualenv or the chat widget's packages)."""
    return sorted(
        path
        for folder in FOLDERS
        for path in (ROOT / folder).rglob("*.py")
        if "node_modules" not in path.parts
    )


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(path): path for path in python_files()}


def imported_by(name: str) -> set[str]:
    """The project's modules `name` imports, anywhere in its source."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(filter(None, [*anchor, base]))
            candidates = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        found.update(candidate for candidate in candidates if candidate in MODULES)
    return found - {name}


def external_imports(name: str) -> set[str]:
    """The top-level names of everything `name` imports that is not the project's."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(MODULES[name].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return found - set(PACKAGES)


GRAPH = {name: imported_by(name) for name in MODULES}


def reachable(starts: set[str]) -> set[str]:
    """Every module imported, directly or not, from `starts` (with the packages they are in)."""
    seen: set[str] = set()
    todo = list(starts)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        parent = name.rpartition(".")[0]
        todo.extend(GRAPH[name] | ({parent} if parent in MODULES else set()))
    return seen


def class_modules(names: object) -> set[str]:
    """The project modules of dotted class paths (`channels.rest.CheckedRestInput`)."""
    paths = names if isinstance(names, list) else [names]
    return {
        str(path).rpartition(".")[0] for path in paths if str(path).rpartition(".")[0] in MODULES
    }


def rasa_server_entry_points() -> set[str]:
    """What the Rasa server loads: its command, the classes our config files name, and the
    modules the seam puts in Rasa's place."""
    credentials = yaml.safe_load((ROOT / "credentials.yml").read_text(encoding="utf-8"))
    endpoints = (ROOT / "endpoints.yml").read_text(encoding="utf-8")
    store = re.findall(r"type:\s*([\w.]+)", endpoints)
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    components = [item["name"] for item in config["pipeline"] + config["policies"]]
    found = {"serving.__main__"} | class_modules(list(credentials)) | class_modules(store)
    found |= class_modules(components)
    # What serving/rasa_seam.py installs, by name, as the server starts.
    found |= {entry.ours.partition(":")[0] for entry in rasa_seam.SEAM}
    return found


def test_the_entry_points_are_found() -> None:
    """Not a check of an empty set: the channels, the store and the components are there."""
    points = rasa_server_entry_points()
    assert {"channels.rest", "channels.slack", "serving.tracker_store"} <= points
    assert any(point.startswith("components.") for point in points)


def test_knowledge_imports_no_rasa_and_no_server_code() -> None:
    problems = []
    for name in MODULES:
        if name.split(".")[0] != "knowledge":
            continue
        ours = {other for other in GRAPH[name] if other.split(".")[0] != "knowledge"}
        theirs = {other for other in external_imports(name) if other.startswith("rasa")}
        if ours or theirs:
            problems.append(f"{name} imports {sorted(ours | theirs)}")
    assert not problems, problems
    assert len([name for name in MODULES if name.startswith("knowledge.")]) >= 8


def test_the_rasa_server_imports_no_actions() -> None:
    loaded = reachable(rasa_server_entry_points())
    assert not sorted(name for name in loaded if name.split(".")[0] == "actions")
    # It does read the knowledge file's role names (components/role_mentions.py).
    assert "knowledge.loader" in loaded


def test_the_action_server_imports_no_serving() -> None:
    actions = {name for name in MODULES if name.split(".")[0] == "actions"}
    loaded = reachable(actions)
    assert not sorted(name for name in loaded if name.split(".")[0] in {"serving", "channels"})
    assert "knowledge.loader" in loaded


def test_no_import_cycle() -> None:
    """Tarjan's strongly connected components: a component of two or more is a cycle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))

    def visit(name: str) -> None:
        index[name] = low[name] = len(index)
        stack.append(name)
        on_stack.add(name)
        for other in GRAPH[name]:
            if other not in index:
                visit(other)
                low[name] = min(low[name], low[other])
            elif other in on_stack:
                low[name] = min(low[name], index[other])
        if low[name] == index[name]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == name:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for name in MODULES:
        if name not in index:
            visit(name)
    assert not cycles, cycles


def test_no_module_name_is_used_twice() -> None:
    names = Counter(path.name for path in MODULES.values() if path.name not in PACKAGE_FILES)
    assert not [name for name, count in names.items() if count > 1]


def test_no_module_is_over_the_line_limit() -> None:
    long = {
        str(path.relative_to(ROOT)): lines
        for path in MODULES.values()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, long


def test_the_graph_sees_a_cycle_and_a_crossing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The checks above can fail: a made-up import from knowledge/ to actions/ is caught."""
    monkeypatch.setitem(GRAPH, "knowledge.loader", GRAPH["knowledge.loader"] | {"actions.scope"})
    assert "actions.scope" in reachable({"knowledge.loader"})
    with pytest.raises(AssertionError):
        test_knowledge_imports_no_rasa_and_no_server_code()
    with pytest.raises(AssertionError):
        test_the_rasa_server_imports_no_actions()
    with pytest.raises(AssertionError):
        test_no_import_cycle()


def test_loading_the_model_as_the_rasa_server_does_imports_no_actions() -> None:
    """What Python really imports: the seam installed, the channels and the store loaded, the
    trained model (and with it every component's module) loaded by Rasa's agent."""
    script = (
        "import sys\n"
        "from serving import rasa_seam, startup\n"
        "startup.prepare()\n"
        "rasa_seam.install()\n"
        "import channels.rest, channels.health_check, channels.slack, channels.webchat\n"
        "import serving.tracker_store, serving.processor\n"
        "from rasa.core.agent import Agent\n"
        f"agent = Agent.load({str(MODEL)!r})\n"
        "assert agent.is_ready()\n"
        "print(sorted({m.split('.')[0] for m in sys.modules if m.split('.')[0] in "
        f"{list(PACKAGES)!r}}}))\n"
    )
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-3000:]
    loaded = done.stdout.strip().splitlines()[-1]
    assert "actions" not in loaded
    assert "components" in loaded and "knowledge" in loaded


def test_the_message_path_names_modules_that_exist() -> None:
    """docs/MESSAGE_PATH.md draws one message's path: each module it names is there."""
    text = (ROOT / "docs" / "MESSAGE_PATH.md").read_text(encoding="utf-8")
    named = set(re.findall(r"\b((?:actions|channels|components|knowledge|serving)/\w+\.py)", text))
    assert len(named) >= 25
    assert not sorted(path for path in named if not (ROOT / path).is_file())
    # The Rasa server's half of the path is in its process; the action server's is not.
    loaded = reachable(rasa_server_entry_points())
    on_rasa_side = {name for name in named if not name.startswith(("actions/", "knowledge/"))}
    assert {module_name(ROOT / path) for path in on_rasa_side} <= loaded
