"""The live quiz load test's ground: a throwaway database with the demo, and uvicorn on loopback.

Used by bench_live (see its docstring); named live_* so pytest does not collect it.
"""

import http.client
import io
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import django
import psycopg

BASE_DIR = Path(__file__).resolve().parents[2]
# The kinds of question the game asks: prepare() picks the demo article by them, game_create() asks for them.
KINDS = ["choice", "multi", "cloze", "number"]


class BenchError(Exception):
    pass


# The database and the server ---------------------------------------------------------------


def database_env(tmp: Path) -> tuple[dict, str | None]:
    """The environment naming a fresh database, and the admin URL to drop it with (PostgreSQL)."""
    admin_url = os.environ.get("DATABASE_URL", "").strip()
    env = {"XUEER_VAR_DIR": str(tmp), "TASKS_BACKEND": "immediate"}
    parts = urlsplit(admin_url)
    if not admin_url or parts.scheme.startswith("sqlite"):
        return env, None  # without DATABASE_URL settings put SQLite at XUEER_VAR_DIR/db.sqlite3
    if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        raise BenchError(
            f"DATABASE_URL must be a postgres:// admin URL (or unset for SQLite), not {parts.scheme}://"
        )
    name = f"xueer_bench_live_{os.getpid()}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    return env | {"DATABASE_URL": urlunsplit(parts._replace(path=f"/{name}"))}, admin_url


def database_drop(env: dict, admin_url: str) -> None:
    name = urlsplit(env["DATABASE_URL"]).path.lstrip("/")
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_start(
    env: dict, port: int, log: Path, *, workers: int, redis_url: str = ""
) -> subprocess.Popen:
    """uvicorn as `make serve` runs it (scripts/serve), DEBUG off: one worker alone, or several
    sharing the game's events through Redis."""
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "studyapp.asgi:application",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--timeout-keep-alive",
        "75",
        "--timeout-graceful-shutdown",
        "5",
        "--no-proxy-headers",
        "--lifespan",
        "off",
        "--log-level",
        "warning",
    ]
    server_env = (
        os.environ
        | env
        | {
            "DEBUG": "0",
            # One key for the run: a restarted server must read the phones' sessions.
            "SECRET_KEY": env.get("SECRET_KEY") or "bench-live-" + os.urandom(16).hex(),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_COOKIES": "0",  # plain http on loopback
            "REDIS_URL": redis_url,
        }
    )
    # DEBUG off serves the collected, hashed static files: collect them as that server would.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
        env=server_env,
        cwd=BASE_DIR,
        check=True,
    )
    if "DATABASE_URL" not in env:
        server_env.pop("DATABASE_URL", None)
    server = subprocess.Popen(
        command,
        cwd=BASE_DIR,
        env=server_env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchError(f"uvicorn exited with {server.returncode}:\n{log.read_text()[-3000:]}")
        try:
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            probe.request("GET", "/join")
            if probe.getresponse().status == 200:
                probe.close()
                return server
        except OSError:
            time.sleep(0.2)
    raise BenchError("uvicorn did not answer within 30 s")


def server_kill(server: subprocess.Popen) -> None:
    """The machine loses the server at once: SIGKILL, no graceful end."""
    os.killpg(server.pid, signal.SIGKILL)
    server.wait()


def server_stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


# The demo ------------------------------------------------------------------------------------


def prepare(env: dict) -> tuple[int, str]:
    """Migrate the fresh database and load the demo; the article with most items of KINDS, and the vendor."""
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "studyapp.settings")
    django.setup()
    from django.core.management import call_command  # here: after django.setup() for this database
    from django.db import connection
    from django.db.models import Count

    from quizzes.models import StudyItem

    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())
    best = (
        StudyItem.objects.active()
        .filter(kind__in=KINDS)
        .values("article")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    connection.close()
    return best["article"], connection.vendor
