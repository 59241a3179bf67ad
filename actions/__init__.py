"""Custom actions of the TPM career assistant.

The action server imports every module of this package; each action reads the role knowledge
file through `knowledge.loader.get_knowledge()`, which loads and validates it once.

The action server is `python -m actions` (`make run`): it refuses a broken knowledge file at
start-up, naming the file, key and problem, before serving anything. Rasa's `rasa run actions`
would start serving and fail only at the first answer, so it is refused here, in one line
naming the command to use (as serving/started_here.py refuses `rasa run` and `rasa shell`).
"""

from __future__ import annotations

import sys
from pathlib import Path

RASA_RUN_ACTIONS_REFUSAL = (
    "Start this assistant's action server with `make run` (or `python -m actions`), not "
    "`rasa run actions`: it checks the knowledge file before it serves."
)
REFUSED_EXIT = 2


def started_by_rasa_run_actions(argv: list[str]) -> bool:
    """True when this process is Rasa's command line running `rasa run actions`."""
    program = Path(argv[0]) if argv else Path()
    is_rasa = program.name == "rasa" or program.parts[-2:] == ("rasa", "__main__.py")
    return is_rasa and argv[1:3] == ["run", "actions"]


if started_by_rasa_run_actions(sys.argv):
    print(RASA_RUN_ACTIONS_REFUSAL, file=sys.stderr, flush=True)
    sys.exit(REFUSED_EXIT)
