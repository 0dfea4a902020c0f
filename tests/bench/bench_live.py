"""Load test: a live quiz of 10 questions played by 200 phones against a real multi-worker server.

Run with `.venv/bin/python -m tests.bench.bench_live` for SQLite, and for PostgreSQL with an admin URL:
`DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python -m tests.bench.bench_live`.
Without DATABASE_URL (or with a sqlite:// one) the game runs on a fresh SQLite file in a temporary
directory. With a postgres:// URL the benchmark creates a throwaway database xueer_bench_live_<pid>
on that server (the URL's own database only serves to create and drop it). Either way it migrates,
loads the demo (`seed_demo`), starts gunicorn on a free loopback port with DEBUG off, and at the end
stops the server and removes the database and the directory, after a failure, Ctrl-C or SIGTERM too.

The server runs as the README recommends for production: 2 gthread workers of 4 threads with a
keep-alive of 5 s, longer than the phones' one-second poll, so a phone keeps its connection between
polls (`--workers 3 --threads 1` tries sync workers, which close each connection; on this 2-core
machine they did about as well). The demo teacher signs in over HTTP,
creates a quiz of 10 questions (choice, multi, cloze, number) from the demo article with the most
such items and runs it as the projector page would: start, watch the answered count every second
until everyone has answered or the time is up, results, next ... end. 200 players, a thread each
with its own connection and cookies, join on /join and poll the phone's state every second with the
version they show, as htmx does; when a question appears they answer after 0.5-4 s of thought,
right four times in five (the driver reads the answers from the same database).

Measured on the client: the answer POST's latency, and the delay from the teacher's start/next POST
returning until each phone's poll brings the question (one poll interval of it is waiting for the
next poll). Afterwards the database must hold every answer the server accepted, graded as the
player meant it, and each player's score must be the sum of their answers' points. The script exits
non-zero on any 5xx or connection error, a lost or refused answer, a wrong score, a question a phone
never saw, or a missed target (on this 2-core machine): answer p95 <= 200 ms, question visible p95
<= 1.5 s. The CPU line shows how the cores were shared: another busy process on the machine
slows the figures down. `--help` lists the knobs. Named bench_* so pytest does not collect it.

The parts live beside it: live_server.py (the database and gunicorn), live_phones.py (the
phones and the teacher) and live_checks.py (the database checks, the figures and the verdict).
"""

import argparse
import logging
import shutil
import signal
import sys
import tempfile
from pathlib import Path

import django
import django.apps

from tests.bench.live_checks import Usage, database_check, report
from tests.bench.live_phones import (
    SECONDS,
    Browser,
    Phone,
    Tally,
    game_create,
    game_play,
    teacher_sign_in,
)
from tests.bench.live_server import (
    BenchError,
    database_drop,
    database_env,
    free_port,
    prepare,
    server_start,
    server_stop,
)

# The run -------------------------------------------------------------------------------------


def run(args: argparse.Namespace, tmp: Path, env: dict) -> int:
    article_id, vendor = prepare(env)
    port, log = free_port(), tmp / "gunicorn.log"
    tally, incidents = Tally(), []
    phones = [Phone(f"玩家{number:03d}") for number in range(1, args.players + 1)]
    server = server_start(env, port, log, workers=args.workers, threads=args.threads)
    try:
        teacher = Browser(port, tally)
        teacher_sign_in(teacher)
        game = game_create(teacher, article_id, args.questions)
        start = Usage.now(server, postgres="DATABASE_URL" in env)
        try:
            game_play(teacher, game, phones, port, tally, args.seed)
        except BenchError as error:
            incidents.append(f"the game stopped: {error}")
        usage = Usage.now(server, postgres="DATABASE_URL" in env).since(start)
    finally:
        server_stop(server)
    logged = log.read_text(errors="replace")
    if "Traceback" in logged or "Error" in logged:
        print("server log (last lines):\n" + "\n".join(logged.splitlines()[-30:]))
        incidents.append("the server logged errors")
    print(
        f"database: {vendor}; server: gunicorn, {args.workers} workers × {args.threads} threads on 127.0.0.1"
    )
    print(
        f"game: {len(phones)} players, {len(game.opened)} questions of {SECONDS} s, {usage.wall:.0f} s"
    )
    print(usage)
    return report(game, phones, tally, incidents=incidents, mismatches=database_check(game, phones))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--players", type=int, default=200)
    parser.add_argument("--questions", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument(
        "--threads", type=int, default=4, help="threads per worker (more than 1: gthread)"
    )
    parser.add_argument("--seed", type=int, default=2024, help="players' think times and mistakes")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # clean up as after Ctrl-C
    logging.getLogger("jieba").setLevel(logging.WARNING)
    tmp = Path(tempfile.mkdtemp(prefix="xueer-bench-live-"))
    admin_url = None
    try:
        env, admin_url = database_env(tmp)
        return run(args, tmp, env)
    except BenchError as error:
        print(f"bench_live: {error}", file=sys.stderr)
        return 1
    finally:
        if admin_url is not None:
            if django.apps.apps.ready:
                from django.db import connections

                connections.close_all()
            database_drop(env, admin_url)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
