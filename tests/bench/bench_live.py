"""Load test: live quizzes of 10 questions played by phones against the real ASGI server.

Run with `.venv/bin/python -m tests.bench.bench_live` for SQLite, and for PostgreSQL with an admin URL:
`DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python -m tests.bench.bench_live`.
Without DATABASE_URL (or with a sqlite:// one) the game runs on a fresh SQLite file in a temporary
directory. With a postgres:// URL the benchmark creates a throwaway database xueer_bench_live_<pid>
on that server (the URL's own database only serves to create and drop it). Either way it migrates,
loads the demo (`seed_demo`), starts uvicorn on a free loopback port with DEBUG off, as `make serve`
does, and at the end stops the server and removes the database and the directory, after a
failure, Ctrl-C or SIGTERM too. With REDIS_URL set the server runs 2 workers that share the
games' events through Redis (`--workers` to change); without it, one.

`--players N --games G` plays G games at once, N players each. On the push transport (the
default) every phone holds an event stream open and answers when a question arrives on it; the
projector fetches its stage when its own stream says so, and the question closes by itself when
everyone has answered (tests/bench/live_push.py). `--transport polling` plays one game on the
fallback instead: phones poll the state every second with the version they show
(tests/bench/live_phones.py). `--restart` kills the server (SIGKILL) in the middle of the second
question and starts it again: the phones reconnect, the game goes on.

The demo teacher signs in over HTTP and creates each quiz of 10 questions (choice, multi, cloze,
number) from the demo article with the most such items; players answer after 0.5-4 s of thought,
right four times in five (the driver reads the answers from the same database).

Measured on the client: the answer POST's latency, and the delay from the teacher's start/next
POST until each phone has the question. Afterwards the database must hold every answer the server
accepted, graded as the player meant it, and each player's score must be the sum of their answers'
points. The script exits non-zero on any 5xx or connection error, a lost or refused answer, a
wrong score, a question a phone never saw, an event that reached another game's phone, or a
missed target (on this 2-core machine): push, answer p95 <= 150 ms and question visible p95 <=
500 ms; polling, 200 ms and 1.5 s. The CPU lines show how the cores were shared (server CPU per
player included): another busy process on the machine slows the figures down. `--help` lists
the knobs. Named bench_* so pytest does not collect it.

The parts live beside it: live_server.py (the database and uvicorn), live_push.py and
live_phones.py (the phones and the teacher on each transport) and live_checks.py (the database
checks, the figures and the verdict).
"""

import argparse
import asyncio
import logging
import os
import random
import shutil
import signal
import sys
import tempfile
from pathlib import Path

import django
import django.apps

from tests.bench import live_push
from tests.bench.live_checks import Usage, database_check, report
from tests.bench.live_phones import SECONDS, Browser, Tally, game_play, teacher_sign_in
from tests.bench.live_phones import Phone as PollingPhone
from tests.bench.live_phones import game_create as polling_game_create
from tests.bench.live_server import (
    BenchError,
    database_drop,
    database_env,
    free_port,
    prepare,
    server_kill,
    server_start,
    server_stop,
)

# The runs -------------------------------------------------------------------------------------


class Server:
    """The server under test, which --restart kills and starts again on the same port."""

    def __init__(self, env: dict, log: Path, workers: int, redis_url: str) -> None:
        self.env, self.log, self.workers, self.redis_url = env, log, workers, redis_url
        self.port = free_port()
        self.process = self.start()
        self.cpu_before_restart = 0.0

    def start(self):
        return server_start(
            self.env, self.port, self.log, workers=self.workers, redis_url=self.redis_url
        )

    def cpu(self, postgres: bool) -> Usage:
        return Usage.now(self.process, postgres=postgres)


def run_push(args: argparse.Namespace, server: Server, article_id: int, tally: Tally):
    postgres = "DATABASE_URL" in server.env
    seeds = random.Random(args.seed)

    async def play():
        teacher = await live_push.teacher_sign_in(server.port, tally)
        games = [
            await live_push.game_create(teacher, article_id, args.questions, args.players)
            for _ in range(args.games)
        ]
        phones = [
            live_push.Phone(f"玩家{g}-{n:04d}", game)
            for g, game in enumerate(games, start=1)
            for n in range(1, args.players + 1)
        ]
        spread = max(5.0, args.players * args.games / 30)  # a hall arrives over half a minute
        started = server.cpu(postgres)
        restarted = []

        async def on_question(index: int) -> None:
            if args.restart and index == 1 and not restarted:
                restarted.append(True)
                for game in games:
                    game.restarting = True
                await asyncio.sleep(THINK_MIDDLE)
                before = server.cpu(postgres).since(started)
                await asyncio.to_thread(server_kill, server.process)
                server.process = await asyncio.to_thread(server.start)
                server.cpu_before_restart = before.server

        tasks = [
            asyncio.create_task(
                live_push.phone_play(
                    phone, server.port, tally, random.Random(seeds.random()), spread
                )
            )
            for phone in phones
        ]
        hosts = [
            asyncio.create_task(
                live_push.host(
                    teacher,
                    game,
                    server.port,
                    tally,
                    on_question=on_question if number == 0 else None,
                )
            )
            for number, game in enumerate(games)
        ]
        incidents = []
        for result in await asyncio.gather(*hosts, return_exceptions=True):
            if isinstance(result, BaseException):
                incidents.append(f"a game stopped: {result!r}")
        try:
            await asyncio.wait_for(asyncio.gather(*tasks), 30)
        except TimeoutError:
            incidents.append("phones still playing 30 s after the end")
        usage = server.cpu(postgres)
        usage = usage.since(started)
        usage.server += server.cpu_before_restart
        teacher.close()
        return games, phones, usage, incidents

    return asyncio.run(play())


THINK_MIDDLE = 1.5  # --restart: seconds into the second question, half the players have answered


def run(args: argparse.Namespace, tmp: Path, env: dict) -> int:
    article_id, vendor = prepare(env)
    log = tmp / "server.log"
    redis_url = os.environ.get("REDIS_URL", "")
    workers = args.workers or (2 if redis_url else 1)
    if workers > 1 and not redis_url:
        raise BenchError("more than one worker needs REDIS_URL (the games' events go through it)")
    tally = Tally()
    players = args.players * (args.games if args.transport == "push" else 1)
    env = env | {
        "LIVE_MAX_PLAYERS": str(max(args.players + 10, 300)),
        "SECRET_KEY": "bench-live-" + os.urandom(16).hex(),
    }
    server = Server(env, log, workers, redis_url)
    try:
        if args.transport == "push":
            games, phones, usage, incidents = run_push(args, server, article_id, tally)
            pairs = [(game, [p for p in phones if p.game is game]) for game in games]
        else:
            games, phones, usage, incidents = run_polling(args, server, article_id, tally)
            pairs = [(games[0], phones)]
    finally:
        server_stop(server.process)
    logged = log.read_text(errors="replace")
    if "Traceback" in logged or "Error" in logged:
        print("server log (last lines):\n" + "\n".join(logged.splitlines()[-30:]))
        if not args.restart or "Traceback" in logged.split("Started server process")[-1]:
            incidents.append("the server logged errors")
    broker = f", events through Redis ({redis_url})" if redis_url else ", no broker"
    print(f"database: {vendor}; server: uvicorn, {workers} worker(s) on 127.0.0.1{broker}")
    print(
        f"transport: {args.transport}; {len(games)} game(s) of {args.players} players,"
        f" {args.questions} questions of {SECONDS} s, {usage.wall:.0f} s"
        + ("; the server was killed and restarted mid-question" if args.restart else "")
    )
    print(usage)
    print(f"server cpu per player: {1000 * usage.server / players:.0f} ms for the whole game")
    mismatches = [problem for game, mine in pairs for problem in database_check(game, mine)]
    return report(
        pairs,
        tally,
        incidents=incidents,
        mismatches=mismatches,
        push=args.transport == "push",
        restarted=args.restart,
    )


def run_polling(args: argparse.Namespace, server: Server, article_id: int, tally: Tally):
    phones = [PollingPhone(f"玩家{number:03d}") for number in range(1, args.players + 1)]
    teacher = Browser(server.port, tally)
    teacher_sign_in(teacher)
    game = polling_game_create(teacher, article_id, args.questions)
    postgres = "DATABASE_URL" in server.env
    start = server.cpu(postgres)
    incidents = []
    try:
        game_play(teacher, game, phones, server.port, tally, args.seed)
    except BenchError as error:
        incidents.append(f"the game stopped: {error}")
    return [game], phones, server.cpu(postgres).since(start), incidents


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--players", type=int, default=200, help="players in each game")
    parser.add_argument("--games", type=int, default=1, help="games at once (push only)")
    parser.add_argument("--questions", type=int, default=10)
    parser.add_argument("--transport", choices=["push", "polling"], default="push")
    parser.add_argument(
        "--workers", type=int, default=0, help="uvicorn workers (default: 2 with REDIS_URL, else 1)"
    )
    parser.add_argument(
        "--restart", action="store_true", help="kill and restart the server mid-question (push)"
    )
    parser.add_argument("--seed", type=int, default=2024, help="players' think times and mistakes")
    args = parser.parse_args()
    if args.transport == "polling" and (args.games != 1 or args.restart):
        parser.error("--games and --restart are for the push transport")
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
