"""Start the scaled-out setup as `make run-scaled` does: Rasa replicas on PostgreSQL and Redis,
the action server, the chat page, and nginx in front of them (deploy/nginx.conf).

Used by the tests of the setup behind nginx and by `make capacity` (benchmarks/capacity.py).
Every run has a PostgreSQL database of its own, dropped afterwards, so the messages it stored
can be counted.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg2

from tests.servers import (
    ROOT,
    ManagedProcess,
    action_server,
    base_env,
    free_port,
    rasa_server,
    web_server,
)

PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
REDIS = ("127.0.0.1", 6379)
# The listen queue of every server, as the Makefile sets it.
BACKLOG = "1024"


@dataclass
class Scaled:
    """A running scaled-out setup: the address in front, each replica's, and its database."""

    front_url: str
    replica_urls: list[str]
    database: str
    processes: list[ManagedProcess]

    def stored_messages(self, sender_prefix: str) -> dict[str, int]:
        """The user and bot messages stored for the senders beginning with `sender_prefix`."""
        return count_events(self.database, sender_prefix)


def stores_env(database: str) -> dict[str, str]:
    """The variables of endpoints.scaled.yml for this machine's PostgreSQL (`database` in it)
    and Redis."""
    return {
        "ENDPOINTS_FILE": "endpoints.scaled.yml",
        "POSTGRES_HOST": PG["host"],
        "POSTGRES_PORT": str(PG["port"]),
        "POSTGRES_DB": database,
        "POSTGRES_USER": PG["user"],
        "POSTGRES_PASSWORD": "",
        "POSTGRES_LOGIN_DB": "postgres",
        "REDIS_HOST": REDIS[0],
        "REDIS_PORT": str(REDIS[1]),
        "REDIS_DB": "0",
    }


def services_reachable() -> bool:
    """Whether PostgreSQL and Redis answer on this machine."""
    for host, port in ((PG["host"], PG["port"]), REDIS):
        try:
            with socket.create_connection((host, port), timeout=2):
                pass
        except OSError:
            return False
    return True


def count_events(database: str, sender_prefix: str) -> dict[str, int]:
    with psycopg2.connect(dbname=database, **PG) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT type_name, count(*) FROM events WHERE sender_id LIKE %s GROUP BY type_name",
            (sender_prefix + "%",),
        )
        return dict(cursor.fetchall())


def drop_database(database: str) -> None:
    connection = psycopg2.connect(dbname="postgres", **PG)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    finally:
        connection.close()


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx",) if Path(path).is_file()), None
    )


def nginx(tmp: Path, env: dict[str, str]) -> ManagedProcess:
    """nginx with deploy/nginx.conf rendered for `env`'s ports, in the foreground."""
    prefix = tmp / "nginx"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "nginx_conf.py"), str(prefix)],
        env=env,
        check=True,
        capture_output=True,
    )
    binary = nginx_binary()
    if binary is None:
        raise RuntimeError("nginx is not installed: `apt-get install nginx` (make run-scaled)")
    return ManagedProcess(
        name="nginx",
        command=[binary, "-p", str(prefix), "-c", "nginx.conf", "-g", "daemon off;"],
        env=env,
        log=tmp / "nginx.log",
        health_url=f"http://127.0.0.1:{env['PROXY_PORT']}/health",
    )


@contextmanager
def scaled_setup(tmp: Path, replicas: int = 2, **overrides: str) -> Iterator[Scaled]:
    """`replicas` Rasa servers behind nginx, with the action server behind its own address."""
    tmp.mkdir(parents=True, exist_ok=True)
    database = f"tpm_test_{uuid.uuid4().hex[:10]}"
    ports = {name: str(free_port()) for name in ("ACTION", "ACTION_PROXY", "PROXY", "WEB")}
    rasa_ports = [str(free_port()) for _ in range(replicas)]
    front = f"http://127.0.0.1:{ports['PROXY']}"
    env = base_env(
        tmp,
        ACTION_PORT=ports["ACTION"],
        ACTION_PROXY_PORT=ports["ACTION_PROXY"],
        # The Rasa replicas reach the action server through nginx, as in Procfile.scaled.
        ACTION_ENDPOINT_URL=f"http://127.0.0.1:{ports['ACTION_PROXY']}/webhook",
        PROXY_HOST="127.0.0.1",
        PROXY_PORT=ports["PROXY"],
        WEB_PORT=ports["WEB"],
        WEB_SOCKET_URL=front,
        WEB_ALLOWED_ORIGINS=front,
        RASA_PORT=rasa_ports[0],
        # deploy/nginx.conf names two replicas; with one, both name it.
        RASA_PORT_B=rasa_ports[-1],
        SANIC_BACKLOG=BACKLOG,
        **stores_env(database),
        **overrides,
    )
    processes = [action_server(tmp, env, int(ports["ACTION"]))]
    processes += [rasa_server(tmp, env, int(port)) for port in rasa_ports]
    processes.append(web_server(tmp, env, front))
    processes.append(nginx(tmp, env))
    try:
        for process in processes:
            process.start()
        yield Scaled(
            front_url=front,
            replica_urls=[f"http://127.0.0.1:{port}" for port in rasa_ports],
            database=database,
            processes=processes,
        )
    finally:
        for process in reversed(processes):
            process.stop()
        drop_database(database)
