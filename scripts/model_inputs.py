"""Print the project's Python files the model's components run: components/*.py and every module
of this project they import, directly or through another.

Rasa's cache knows a component by its configuration, not its code, and `make` knows a file only
if it is named; the Makefile's training step depends on this list, so a change in any module
the components import (knowledge/role_names.py through knowledge/loader.py, say) trains again.
Standard library only (it runs before the environment is installed); imports are read with
`ast`, never executed.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START = "components"


def module_file(name: str) -> Path | None:
    """The project file of a dotted module name, or None for a module from elsewhere."""
    base = ROOT.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def imported(path: Path) -> set[Path]:
    """The project files `path` imports (a package's __init__ too)."""
    found: set[Path] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        for name in names:
            parts = name.split(".")
            for depth in range(1, len(parts) + 1):
                file = module_file(".".join(parts[:depth]))
                if file is not None:
                    found.add(file)
    return found


def model_inputs() -> list[Path]:
    """components/*.py and everything of the project they reach, sorted."""
    pending = sorted((ROOT / START).glob("*.py"))
    seen: set[Path] = set()
    while pending:
        path = pending.pop()
        if path in seen:
            continue
        seen.add(path)
        pending.extend(imported(path) - seen)
    return sorted(seen)


def main() -> int:
    print(" ".join(str(path.relative_to(ROOT)) for path in model_inputs()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
