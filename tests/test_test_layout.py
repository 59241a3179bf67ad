"""How the tests are laid out: test modules share helpers, never each other."""

from __future__ import annotations

import ast

from tests.servers import ROOT


def imported_modules(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_no_test_module_imports_another() -> None:
    """Shared code lives in helper modules (tests/servers.py, tests/trackers.py, ...) or in
    conftest, so each test module can be read, run and changed on its own."""
    offenders = {}
    for path in sorted((ROOT / "tests").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        others = {
            name
            for name in imported_modules(tree)
            if name.startswith("tests.test_") and name.split(".")[1] != path.stem
        }
        if others:
            offenders[path.name] = sorted(others)
    assert offenders == {}
