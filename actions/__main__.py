"""Start the action server, but only with a knowledge file that passes validation.

`python -m actions [--port N]` loads knowledge/roles.yml (or $TPM_KNOWLEDGE_FILE) first. A broken
file stops start-up with one line naming the file, the key and the problem and exit code 2, so
no server ever runs half-loaded; then the Rasa SDK server starts with this package.

The actions use only rasa_sdk's public API, so unlike the Rasa server (serving/rasa_seam.py) the
action server checks no versions; uv.lock pins rasa-sdk.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from knowledge.loader import KnowledgeError, get_knowledge

DEFAULT_PORT = 5055
# Sanic's listen queue when SANIC_BACKLOG is not set.
SANIC_DEFAULT_BACKLOG = 100


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m actions", description=__doc__)
    parser.add_argument(
        "--port", type=int, default=int(os.environ.get("ACTION_PORT", DEFAULT_PORT))
    )
    args = parser.parse_args(argv)

    try:
        knowledge = get_knowledge()
    except KnowledgeError as error:
        print(f"Knowledge file rejected, action server not started: {error}", file=sys.stderr)
        return 2

    from rasa_sdk import endpoint
    from rasa_sdk.constants import DEFAULT_LOG_LEVEL_LIBRARIES
    from rasa_sdk.plugin import plugin_manager
    from rasa_sdk.utils import number_of_sanic_workers

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    logging.getLogger("sanic").setLevel(DEFAULT_LOG_LEVEL_LIBRARIES)
    logging.info(
        "Knowledge file %s: %d roles, %d topics",
        knowledge.path,
        len(knowledge.roles),
        len(knowledge.topics),
    )
    # Loopback unless told otherwise: the Rasa server is the action server's only client.
    host = os.environ.setdefault("SANIC_HOST", "127.0.0.1")
    # rasa_sdk's endpoint.run, with the listen queue of SANIC_BACKLOG (the Makefile sizes it
    # for bursts, as for the Rasa server, which reads the same variable); endpoint.run leaves
    # it at Sanic's 100, and a burst of new connections beyond it waits for the client's retry.
    app = endpoint.create_app("actions", cors_origins="*")
    plugin_manager().hook.attach_sanic_app_extensions(app=app)
    logging.info("Action endpoint is up and running on http://%s:%s", host, args.port)
    app.run(host, args.port, workers=number_of_sanic_workers(), backlog=listen_backlog())
    return 0


def listen_backlog() -> int:
    """The listen queue asked for in SANIC_BACKLOG, or Sanic's own default."""
    return int(os.environ.get("SANIC_BACKLOG") or SANIC_DEFAULT_BACKLOG)


if __name__ == "__main__":
    sys.exit(main())
