"""`python -m serving run ...`: Rasa's own command line, with CarefulMessageProcessor.

First, the installed Rasa, TensorFlow, python-engineio... must be the versions our changes to
their internals were tested with (serving.rasa_seam); on a difference the server refuses to
start, in one line, unless TPM_ALLOW_UNTESTED_VERSIONS=1 is set.

Rasa has no setting for the processor class; the agent builds a `MessageProcessor` from the name
it imported. Pointing that name at our subclass before Rasa starts changes what a message gets,
and every other argument is Rasa's (`python -m serving run --help`). That pointing, and every
other change to Rasa's objects, is made by `rasa_seam.install()`, which lists them all.
Some changes only make it faster, each kept while it pays for itself (docs/RASA_SEAM.md):
`serving.startup` keeps an unused package out of start-up and TensorFlow to one thread,
`serving.hot_paths` checks the action server's answers with one prepared validator, and the
tracker store of endpoints.yml remembers each conversation's current session.

The conversation store fails loudly (serving.store_health): Rasa would carry on in memory when
the database fails, losing every message from then on at the next restart. The same pointing
puts `LoudTrackerStore` where the agent builds `FailSafeTrackerStore` (the readiness route
`/health/ready` is a channel, channels/health_check.py); a store that cannot be used at
start-up stops the server here, with one line naming it and the error.

Rasa's HTTP API (`--enable-api`) can read and rewrite every conversation and replace the model.
It is off in every documented way of running; turned on without `--auth-token` or
`--jwt-secret` it would be open to anyone who reaches the port, so that is refused here.
"""

from __future__ import annotations

import sys

from serving import rasa_seam, startup

API_WITHOUT_TOKEN = (
    "Refusing to start: --enable-api needs --auth-token (for example --auth-token "
    '"$RASA_AUTH_TOKEN") or --jwt-secret, or anyone who reaches the port controls the assistant.'
)


def api_is_unprotected(argv: list[str]) -> bool:
    """True when Rasa's HTTP API would be enabled with no token or JWT secret."""
    if "--enable-api" not in argv:
        return False
    for index, arg in enumerate(argv):
        if arg.split("=", 1)[0] in {"--auth-token", "--jwt-secret"}:
            value = arg.split("=", 1)[1] if "=" in arg else (argv[index + 1 : index + 2] or [""])[0]
            if value.strip() and not value.startswith("--"):
                return False
    return True


def endpoints_path(argv: list[str]) -> str:
    """The endpoints file `rasa run` will read (Rasa's default when none is given)."""
    for index, arg in enumerate(argv):
        if arg.split("=", 1)[0] == "--endpoints":
            return arg.split("=", 1)[1] if "=" in arg else (argv[index + 1 : index + 2] or [""])[0]
    return "endpoints.yml"


def starts_the_server(argv: list[str]) -> bool:
    """`run` starts the Rasa server; `run actions` and the other commands use no tracker store."""
    return argv[:1] == ["run"] and argv[1:2] != ["actions"] and "--help" not in argv


def main() -> None:
    versions = rasa_seam.version_check(rasa_seam.RASA_SERVER)
    if versions.refusal:
        print(versions.refusal, file=sys.stderr)
        sys.exit(rasa_seam.UNTESTED_VERSIONS_EXIT)
    if versions.warning:
        print(versions.warning, file=sys.stderr)
    if api_is_unprotected(sys.argv[1:]):
        print(API_WITHOUT_TOKEN, file=sys.stderr)
        sys.exit(2)

    left_out = rasa_seam.left_out()
    startup.prepare(keep_unused_packages_out=rasa_seam.JAX_KEPT_OUT not in left_out)
    from serving import store_health

    if starts_the_server(sys.argv[1:]):
        from rasa.core.utils import read_endpoints_from_path

        endpoints = read_endpoints_from_path(endpoints_path(sys.argv[1:]))
        problem = store_health.refusal(endpoints.tracker_store)
        if problem:
            print(problem, file=sys.stderr)
            sys.exit(3)

    from rasa.__main__ import main as rasa_main

    rasa_seam.install(entries=[entry for entry in rasa_seam.SEAM if entry.name not in left_out])
    rasa_main()


if __name__ == "__main__":
    main()
