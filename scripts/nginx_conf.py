"""Write nginx's configuration for the scaled-out setup: deploy/nginx.conf with its ports filled in.

`python scripts/nginx_conf.py PREFIX` reads deploy/nginx.conf, replaces each ${NAME} with the
environment's value (the Makefile exports every one of them), and writes PREFIX/nginx.conf with
the temporary folders nginx needs beside it; nginx then runs with `-p PREFIX -c nginx.conf`. A
name the environment lacks stops it with that name, rather than an nginx that listens nowhere.
nginx's own `$variables` (lower case) are left as they are.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "nginx.conf"
PLACEHOLDER = re.compile(r"\$\{([A-Z][A-Z0-9_]*)\}")
TEMP_FOLDERS = ("body", "proxy", "fastcgi", "uwsgi", "scgi")


def rendered(template: str, environ: dict[str, str]) -> str:
    """`template` with every ${NAME} replaced; KeyError naming the first one missing."""
    missing = sorted({name for name in PLACEHOLDER.findall(template) if not environ.get(name)})
    if missing:
        raise KeyError(", ".join(missing))
    return PLACEHOLDER.sub(lambda match: environ[match.group(1)], template)


def write(prefix: Path, environ: dict[str, str]) -> Path:
    """Write PREFIX/nginx.conf and its temporary folders; return the file."""
    text = rendered(TEMPLATE.read_text(encoding="utf-8"), environ)
    for folder in TEMP_FOLDERS:
        (prefix / "temp" / folder).mkdir(parents=True, exist_ok=True)
    target = prefix / "nginx.conf"
    target.write_text(text, encoding="utf-8")
    return target


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python scripts/nginx_conf.py PREFIX", file=sys.stderr)
        return 2
    try:
        target = write(Path(argv[0]).resolve(), dict(os.environ))
    except KeyError as missing:
        print(f"nginx not configured: {TEMPLATE.name} needs {missing.args[0]}", file=sys.stderr)
        return 1
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
