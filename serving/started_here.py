"""`rasa run` and `rasa shell` in this folder refuse to start, in one line naming the command.

The Rasa server of this project is `python -m serving run` (`make run`): before Rasa starts it
checks the installed versions, refuses a store it cannot write and installs serving/rasa_seam.py
(the apology when the action server is down, the tracker store that fails loudly, the session
length). Rasa's own `rasa run` and `rasa shell` would load the same model without any of that,
silently. Both import this project's code as they start (`rasa run` the channels of
credentials.yml, both the tracker store of endpoints.yml), and that import calls `refuse()`
here: outside `python -m serving` it prints one line saying which command to use and ends the
process. `rasa test` loads only the model, which no entry of the seam changes, and runs as
Rasa runs it (`make test-stories`, `make test-nlu`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Exit code of a `rasa run` or `rasa shell` refused here.
REFUSED_EXIT = 2
INSTEAD = {
    "run": "Start this assistant with `make run`",
    "shell": "Talk to this assistant with `make shell` (and `make run` in another terminal)",
}


def rasa_command(argv: list[str]) -> str | None:
    """`run` or `shell` when this process is Rasa's command line running them, else None."""
    program = Path(argv[0]) if argv else Path()
    is_rasa = program.name == "rasa" or program.parts[-2:] == ("rasa", "__main__.py")
    if not is_rasa or len(argv) < 2 or argv[1] not in INSTEAD:
        return None
    if argv[1] == "run" and argv[2:3] == ["actions"]:
        return None
    return argv[1]


def refusal(argv: list[str]) -> str | None:
    """The one line to stop with, or None where this process may go on."""
    command = rasa_command(argv)
    if command is None:
        return None
    return (
        f"{INSTEAD[command]}, not `rasa {command}`: its Rasa server is `python -m serving run`, "
        f"with what Rasa's own command would skip (docs/RASA_SEAM.md)."
    )


def refuse(argv: list[str] | None = None) -> None:
    """End the process with `refusal`'s line when there is one.

    `os._exit`, not `sys.exit`: Rasa imports the tracker store inside a server listener, where
    Sanic would log a SystemExit and carry on starting.
    """
    line = refusal(sys.argv if argv is None else argv)
    if line is None:
        return
    print(line, file=sys.stderr, flush=True)
    os._exit(REFUSED_EXIT)
