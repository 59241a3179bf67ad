"""The table "Where each behaviour is proven" in docs/TESTING.md names tests that exist.

A newcomer reads that table to find the test proving a behaviour; a test renamed, moved to
another file or deleted would leave its row pointing nowhere, and a table that shrinks stops
answering the question. Each row's pytest node id is checked against the test file as written:
the file is parsed with `ast`, never imported, so this starts nothing and runs in a moment.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTING = ROOT / "docs" / "TESTING.md"
HEADING = "## Where each behaviour is proven"
HEADER = [
    "Behaviour (what a user or operator sees)",
    "Test",
    "Layer (unit / server / browser)",
]
LAYERS = {"unit", "server", "browser"}
MIN_ROWS = 30
# `tests/file.py::test_function` or `tests/file.py::Class::test_method`, in backticks.
NODE_ID = re.compile(r"`(?P<path>tests/[\w/]+\.py)::(?P<name>\w+(?:::\w+)?)`")


def table_rows(markdown: str) -> list[list[str]]:
    """The cells of each row of the table under HEADING, its header and separator left out."""
    lines = markdown.splitlines()
    assert HEADING in lines, f"no {HEADING!r} section in {TESTING.relative_to(ROOT)}"
    rows: list[list[str]] = []
    for line in lines[lines.index(HEADING) + 1 :]:
        if line.startswith("## "):
            break
        if line.startswith("|"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    assert rows[:1] == [HEADER], f"the table's header is not {HEADER}"
    assert rows[1:2] and all(set(cell) <= set("-:") for cell in rows[1]), "no separator row"
    return rows[2:]


def defined_tests(path: Path) -> set[str]:
    """The node names a test file defines: `test_x`, and `Class::test_x` for its classes."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    functions = (ast.FunctionDef, ast.AsyncFunctionDef)
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, functions):
            names.add(node.name)
        elif isinstance(node, ast.ClassDef):
            methods = (sub.name for sub in node.body if isinstance(sub, functions))
            names.update(f"{node.name}::{name}" for name in methods)
    return names


def problems(rows: list[list[str]], root: Path) -> list[str]:
    """What is wrong with each row: its shape, its layer, its file or its test."""
    found: list[str] = []
    defined: dict[Path, set[str]] = {}
    for number, row in enumerate(rows, start=1):
        if len(row) != len(HEADER):
            found.append(f"row {number}: {len(row)} cells, not {len(HEADER)}: {row}")
            continue
        _, test, layer = row
        if layer not in LAYERS:
            found.append(f"row {number}: layer {layer!r} is not one of {sorted(LAYERS)}")
        match = NODE_ID.fullmatch(test)
        if match is None:
            found.append(f"row {number}: {test!r} is not one `tests/file.py::test_name`")
            continue
        path = root / match["path"]
        if not path.is_file():
            found.append(f"row {number}: {match['path']} does not exist")
            continue
        if path not in defined:
            defined[path] = defined_tests(path)
        if match["name"] not in defined[path]:
            found.append(f"row {number}: {match['name']} is not defined in {match['path']}")
    return found


def test_every_test_the_table_names_is_defined() -> None:
    rows = table_rows(TESTING.read_text(encoding="utf-8"))
    found = problems(rows, ROOT)
    assert not found, "docs/TESTING.md names tests that are not there:\n" + "\n".join(found)


def test_the_table_has_at_least_thirty_rows() -> None:
    rows = table_rows(TESTING.read_text(encoding="utf-8"))
    assert len(rows) >= MIN_ROWS, f"{len(rows)} rows; at least {MIN_ROWS} expected"


def test_the_check_names_each_test_that_is_not_there(tmp_path: Path) -> None:
    """The check itself: a wrong name, a missing file, a class's method and a bad layer."""
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_x.py").write_text(
        "def test_here() -> None: ...\n\n\n"
        "class TestGroup:\n    def test_inside(self) -> None: ...\n",
        encoding="utf-8",
    )
    table = "\n".join(
        [
            HEADING,
            "",
            "| " + " | ".join(HEADER) + " |",
            "|---|---|---|",
            "| Defined | `tests/test_x.py::test_here` | unit |",
            "| In a class | `tests/test_x.py::TestGroup::test_inside` | server |",
            "| Misspelt | `tests/test_x.py::test_hear` | unit |",
            "| Moved | `tests/test_gone.py::test_here` | browser |",
            "| Two tests | `tests/test_x.py::test_here`, `tests/test_x.py::test_here` | unit |",
            "| Layer | `tests/test_x.py::test_here` | everything |",
            "",
            "## Next section",
            "| Not | part of | the table |",
        ]
    )
    assert problems(table_rows(table), tmp_path) == [
        "row 3: test_hear is not defined in tests/test_x.py",
        "row 4: tests/test_gone.py does not exist",
        "row 5: '`tests/test_x.py::test_here`, `tests/test_x.py::test_here`' is not one"
        " `tests/file.py::test_name`",
        "row 6: layer 'everything' is not one of ['browser', 'server', 'unit']",
    ]
