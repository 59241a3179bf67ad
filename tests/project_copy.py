"""A temporary copy of the project, for tests that change its files.

Only the project's own files are copied (what git tracks, plus new files it does not ignore),
with their modification times, so `make` in the copy sees what it sees here. Installed things
(`.venv`, the chat widget's `node_modules`) are linked, not copied.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

from tests.servers import ROOT

LINKED = (Path(".venv"), Path("web/node_modules"))


def project_files() -> list[Path]:
    """The project's files, relative to its root: tracked or new, never ignored ones."""
    listing = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return [Path(name) for name in listing.split("\0") if name and (ROOT / name).is_file()]


def copy_project(target: Path, only: Iterable[str] = (), link_installed: bool = False) -> Path:
    """Copy the project (or the files under the paths in `only`) to `target`; return it."""
    prefixes = tuple(only)
    for relative in project_files():
        if prefixes and not any(str(relative).startswith(prefix) for prefix in prefixes):
            continue
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / relative, target / relative)
    if link_installed:
        for relative in LINKED:
            (target / relative).symlink_to(ROOT / relative, target_is_directory=True)
    return target
