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
"""

import argparse
import http.client
import io
import logging
import math
import os
import random
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import astuple, dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import django
import django.apps
import psycopg

BASE_DIR = Path(__file__).resolve().parents[2]
TEACHER = ("teacher", "xueer-teacher")  # the demo account seed_demo creates
KINDS = ["choice", "multi", "cloze", "number"]
SECONDS = 20  # per question
POLL = 1.0  # the phones' poll interval (quizzes.views.live.POLL_SECONDS)
THINK = (0.5, 4.0)  # seconds a player takes to answer
RIGHT_SHARE = 0.8
JOIN_SPREAD = 5.0  # players arrive over this many seconds
RESULTS_PAUSE = 2.0  # the teacher shows each question's results this long
TIMEOUT = 30.0  # one request; longer is an error
ANSWER_P95_TARGET, VISIBLE_P95_TARGET = 0.200, 1.5

# What the pages say, read the way a person would.
VERSION = re.compile(r"/play/state/\?v=(\d+)")
QUESTION = re.compile(r'name="index" value="(\d+)"')
SUBMITTED = "已提交"
REFUSED = "message-error"
ENDED = "抢答结束"
FORM_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PIN = re.compile(r'class="live-pin">(\d{6})<')
JOINED = re.compile(r"(\d+) 人已加入")
ANSWERED = re.compile(r"已作答 (\d+) / (\d+)")


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
    env: dict, port: int, log: Path, *, workers: int, threads: int
) -> subprocess.Popen:
    """gunicorn as in production, DEBUG off; keep-alive outlasts the phones' one-second poll."""
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "studyapp.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--keep-alive",
        "5",
        "--log-level",
        "warning",
    ]
    server_env = (
        os.environ
        | env
        | {
            "DEBUG": "0",
            "SECRET_KEY": "bench-live-" + os.urandom(16).hex(),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_COOKIES": "0",  # plain http on loopback
        }
    )
    if "DATABASE_URL" not in env:
        server_env.pop("DATABASE_URL", None)
    server = subprocess.Popen(
        command,
        cwd=BASE_DIR,
        env=server_env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchError(
                f"gunicorn exited with {server.returncode}:\n{log.read_text()[-3000:]}"
            )
        try:
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            probe.request("GET", "/join")
            if probe.getresponse().status == 200:
                probe.close()
                return server
        except OSError:
            time.sleep(0.2)
    raise BenchError("gunicorn did not answer within 30 s")


def server_stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


# HTTP, as a browser does it ----------------------------------------------------------------


@dataclass
class Reply:
    status: int
    text: str
    location: str
    seconds: float


class Tally:
    """Every response status (and connection error) by kind of request, from all threads."""

    def __init__(self) -> None:
        self.counts: Counter = Counter()
        self.lock = threading.Lock()

    def add(self, kind: str, status: int | str) -> None:
        with self.lock:
            self.counts[kind, status] += 1


class Browser:
    """One phone or the teacher's laptop: a keep-alive connection, cookies, Django's CSRF header."""

    def __init__(self, port: int, tally: Tally) -> None:
        self.port, self.tally = port, tally
        self.cookies: dict[str, str] = {}
        self.connection: http.client.HTTPConnection | None = None

    def get(self, path: str, kind: str, *, htmx: bool = False) -> Reply:
        return self.request("GET", path, kind, htmx=htmx)

    def post(self, path: str, kind: str, fields: dict, *, htmx: bool = False) -> Reply:
        return self.request("POST", path, kind, fields=fields, htmx=htmx)

    def request(
        self, method: str, path: str, kind: str, *, fields: dict | None = None, htmx: bool = False
    ) -> Reply:
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if htmx:
            headers["HX-Request"] = "true"
        body = None
        if method == "POST":
            body = urlencode(fields or {}, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")  # as base.html's hx-headers
        for attempt in range(2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(
                    "127.0.0.1", self.port, timeout=TIMEOUT
                )
            reused = self.connection.sock is not None
            started = time.perf_counter()
            try:
                self.connection.request(method, path, body, headers)
                response = self.connection.getresponse()
                text = response.read().decode()
            except (OSError, http.client.HTTPException) as error:
                self.connection.close()
                self.connection = None
                # A browser quietly retries on a fresh connection when a kept-alive one was closed under it.
                if (
                    attempt == 0
                    and reused
                    and isinstance(
                        error,
                        (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError),
                    )
                ):
                    self.tally.add(kind, "retried")
                    continue
                self.tally.add(kind, "error")
                raise BenchError(f"{method} {path}: {error!r}") from None
            seconds = time.perf_counter() - started
            break
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        self.tally.add(kind, response.status)
        if response.status >= 500:
            raise BenchError(f"{method} {path}: HTTP {response.status}")
        return Reply(response.status, text, response.getheader("Location", ""), seconds)


# The players ---------------------------------------------------------------------------------


@dataclass
class Question:
    kind: str
    options: list[str]
    answers: list[str]

    def fields(self, right: bool) -> dict:
        if self.options:
            wrong = [option for option in self.options if option not in self.answers][:1]
            return {"option": self.answers if right else wrong}
        return {"answer": self.answers if right else ["不知道"] * len(self.answers)}


@dataclass
class Game:
    live_id: int
    pin: str
    questions: list[Question]
    opened: dict[int, float] = field(
        default_factory=dict
    )  # index -> when the teacher's POST returned
    ready: threading.Semaphore = field(default_factory=lambda: threading.Semaphore(0))
    stop: threading.Event = field(default_factory=threading.Event)


@dataclass
class Phone:
    nickname: str
    seen: dict[int, float] = field(
        default_factory=dict
    )  # index -> when a poll brought the question
    answer_seconds: list[float] = field(default_factory=list)
    poll_seconds: list[float] = field(default_factory=list)
    accepted: dict[int, bool] = field(default_factory=dict)  # index -> meant to be right
    refused: list[str] = field(default_factory=list)
    failure: str = ""


def play(phone: Phone, game: Game, port: int, tally: Tally, rng: random.Random) -> None:
    try:
        _play(phone, game, Browser(port, tally), rng)
    except BenchError as error:
        phone.failure = str(error)
    except Exception as error:  # a bug in the driver must show in the report, not hang the run
        phone.failure = f"driver error: {error!r}"


def _play(phone: Phone, game: Game, browser: Browser, rng: random.Random) -> None:
    time.sleep(rng.uniform(0, JOIN_SPREAD))
    browser.get(f"/join?pin={game.pin}", "join")  # the csrftoken cookie
    joined = browser.post("/join", "join", {"pin": game.pin, "nickname": phone.nickname})
    if joined.status != 302:
        raise BenchError(f"{phone.nickname} could not join: HTTP {joined.status}")
    page = browser.get(joined.location, "play")
    version = int(VERSION.search(page.text)[1])
    state_url = f"/live/{game.live_id}/play/state/?v="
    game.ready.release()
    next_poll = time.monotonic() + rng.uniform(0, POLL)
    open_index, answer_at = None, None
    while not game.stop.is_set():
        now = time.monotonic()
        if answer_at is not None and now >= answer_at:
            right = rng.random() < RIGHT_SHARE
            fields = {"index": open_index, **game.questions[open_index].fields(right)}
            reply = browser.post(f"/live/{game.live_id}/play/answer/", "answer", fields, htmx=True)
            phone.answer_seconds.append(reply.seconds)
            if REFUSED in reply.text:
                phone.refused.append(
                    f"question {open_index}: {reply.text.split(REFUSED, 1)[1][:80]}"
                )
            elif SUBMITTED in reply.text:
                phone.accepted[open_index] = right
            else:
                raise BenchError(
                    f"{phone.nickname}: the answer's reply shows neither submitted nor refused"
                )
            version = int(VERSION.search(reply.text)[1])
            open_index, answer_at = None, None
            next_poll = (
                time.monotonic() + POLL
            )  # htmx swapped #phone: the new element's timer starts now
            continue
        if now < next_poll:
            time.sleep(min(next_poll, answer_at or next_poll) - now)
            continue
        reply = browser.get(state_url + str(version), "poll", htmx=True)
        phone.poll_seconds.append(reply.seconds)
        received = time.monotonic()
        next_poll = max(now + POLL, received) if reply.status == 204 else received + POLL
        if reply.status == 204:
            continue
        if reply.status != 200:
            raise BenchError(f"{phone.nickname}: poll answered HTTP {reply.status}")
        version = int(VERSION.search(reply.text)[1])
        question = QUESTION.search(reply.text)
        if question is not None and int(question[1]) not in phone.seen:
            open_index = int(question[1])
            phone.seen[open_index] = received
            answer_at = received + rng.uniform(*THINK)
        elif question is None:
            open_index, answer_at = None, None  # the question closed before this player answered
        if ENDED in reply.text:
            return


# The teacher ---------------------------------------------------------------------------------


def teacher_sign_in(browser: Browser) -> None:
    form = browser.get("/accounts/login/", "teacher")
    token = FORM_TOKEN.search(form.text)[1]
    reply = browser.post(
        "/accounts/login/",
        "teacher",
        {
            "username": TEACHER[0],
            "password": TEACHER[1],
            "csrfmiddlewaretoken": token,
        },
    )
    if reply.status != 302:
        raise BenchError(f"the teacher could not sign in: HTTP {reply.status}")


def game_create(browser: Browser, article_id: int, size: int) -> "Game":
    reply = browser.post(
        f"/live/new/?article={article_id}",
        "teacher",
        {
            "size": size,
            "kinds": KINDS,
            "seconds": SECONDS,
            "speed_scoring": "on",
        },
    )
    match = re.fullmatch(r"/live/(\d+)/host/", reply.location)
    if reply.status != 302 or match is None:
        raise BenchError(f"the live quiz was not created: HTTP {reply.status}")
    projector = browser.get(reply.location, "teacher")
    game = Game(int(match[1]), PIN.search(projector.text)[1], questions_load(int(match[1])))
    if len(game.questions) < size:
        raise BenchError(f"the article gave {len(game.questions)} questions, not {size}")
    return game


def counts(browser: Browser, live_id: int) -> str:
    return browser.get(f"/live/{live_id}/host/counts/", "teacher", htmx=True).text


def control(browser: Browser, live_id: int, action: str) -> None:
    reply = browser.post(f"/live/{live_id}/host/control/", "teacher", {"action": action})
    if reply.status != 302:
        raise BenchError(f"the teacher's {action} answered HTTP {reply.status}")


def host(browser: Browser, game: Game, phones: list[Phone]) -> None:
    """Wait for everyone, then run every question: open, wait for the answers, results, pause."""
    players = len(phones)
    for _ in range(players):
        if not game.ready.acquire(timeout=JOIN_SPREAD + 60):
            raise BenchError("players did not all join within a minute: " + first_failure(phones))
    while (joined := JOINED.search(counts(browser, game.live_id))) and int(joined[1]) < players:
        time.sleep(POLL)
    for index in range(len(game.questions)):
        control(browser, game.live_id, "next" if index else "start")
        game.opened[index] = time.monotonic()
        browser.get(f"/live/{game.live_id}/host/", "teacher")  # the redirect after the POST
        deadline = game.opened[index] + SECONDS + 1
        while time.monotonic() < deadline:
            time.sleep(POLL)
            answered = ANSWERED.search(counts(browser, game.live_id))
            if answered and int(answered[1]) >= players:
                break
        control(browser, game.live_id, "results")
        browser.get(f"/live/{game.live_id}/host/", "teacher")
        time.sleep(RESULTS_PAUSE)
    control(browser, game.live_id, "end")
    browser.get(f"/live/{game.live_id}/host/", "teacher")


def first_failure(phones: list[Phone]) -> str:
    return next(
        (f"{phone.nickname}: {phone.failure}" for phone in phones if phone.failure),
        "no player failed",
    )


# The figures ---------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    """Nearest rank: the smallest value at least `share` of the values do not exceed."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(len(ordered) * share) - 1)] if ordered else float("nan")


def spread(values: list[float]) -> str:
    if not values:
        return "no values"
    ms = [value * 1000 for value in values]
    return (
        f"p50 {percentile(ms, 0.5):7.1f} ms, p95 {percentile(ms, 0.95):7.1f} ms, max {max(ms):7.1f} ms"
        f" ({len(ms)})"
    )


def database_check(game: Game, phones: list[Phone]) -> list[str]:
    """What the database holds against what the phones were told; each line a problem."""
    from django.db.models import Count, Sum  # here: Django is set up only in prepare()

    from quizzes.models import LiveAnswer, LivePlayer

    problems = []
    accepted = sum(len(phone.accepted) for phone in phones)
    stored = LiveAnswer.objects.filter(session=game.live_id)
    if stored.count() != accepted:
        problems.append(f"{accepted} answers accepted, {stored.count()} in the database")
    players = {
        player.nickname: player
        for player in LivePlayer.objects.filter(session=game.live_id).annotate(
            total=Sum("answers__points"), answers_count=Count("answers")
        )
    }
    for phone in phones:
        player = players.get(phone.nickname)
        if player is None:
            problems.append(f"{phone.nickname}: no player in the database")
            continue
        if player.answers_count != len(phone.accepted):
            problems.append(
                f"{phone.nickname}: {len(phone.accepted)} answers accepted, {player.answers_count} stored"
            )
        if player.score != (player.total or 0):
            problems.append(
                f"{phone.nickname}: score {player.score}, answers' points {player.total or 0}"
            )
    graded = {
        (answer.player.nickname, answer.index): answer.correct
        for answer in stored.select_related("player")
    }
    meant = {
        (phone.nickname, index): right
        for phone in phones
        for index, right in phone.accepted.items()
    }
    misgraded = sum(1 for key, right in meant.items() if key in graded and graded[key] != right)
    if misgraded:
        problems.append(
            f"{misgraded} answers graded against the player's intent (right answers marked wrong or back)"
        )
    return problems


def report(
    game: Game, phones: list[Phone], tally: Tally, *, incidents: list[str], mismatches: list[str]
) -> int:
    answers = [seconds for phone in phones for seconds in phone.answer_seconds]
    polls = [seconds for phone in phones for seconds in phone.poll_seconds]
    visible = [
        max(seen - game.opened[index], 0.0)
        for phone in phones
        for index, seen in phone.seen.items()
        if index in game.opened
    ]
    unseen = sum(1 for phone in phones for index in game.opened if index not in phone.seen)
    refused = [f"{phone.nickname} {refusal}" for phone in phones for refusal in phone.refused]
    failed = [f"{phone.nickname}: {phone.failure}" for phone in phones if phone.failure]
    errors = {
        key: count
        for key, count in tally.counts.items()
        if key[1] == "error" or isinstance(key[1], int) and key[1] >= 500
    }
    accepted = sum(len(phone.accepted) for phone in phones)
    right = sum(sum(phone.accepted.values()) for phone in phones)

    statuses = sorted(tally.counts.items(), key=lambda item: (item[0][0], str(item[0][1])))
    print(
        "requests: " + ", ".join(f"{kind} {status}: {count}" for (kind, status), count in statuses)
    )
    print(f"answers: {accepted} accepted ({right} meant right), {len(refused)} refused")
    print(f"answer latency:   {spread(answers)}  (target p95 <= {ANSWER_P95_TARGET * 1000:.0f} ms)")
    print(f"question visible: {spread(visible)}  (target p95 <= {VISIBLE_P95_TARGET:.1f} s)")
    print(f"poll latency:     {spread(polls)}  (reported)")
    checks = [
        (
            "no server error, lost connection or stopped game",
            not (errors or failed or incidents),
            f"{errors} {failed[:3]} {incidents}",
        ),
        ("no answer refused", not refused, str(refused[:3])),
        ("every phone saw every question", unseen == 0, f"{unseen} missed"),
        (
            "every accepted answer stored, graded as meant and scored",
            not mismatches,
            "; ".join(mismatches[:5]),
        ),
        (
            "answer p95 within target",
            bool(answers) and percentile(answers, 0.95) <= ANSWER_P95_TARGET,
            "",
        ),
        (
            "question visible p95 within target",
            bool(visible) and percentile(visible, 0.95) <= VISIBLE_P95_TARGET,
            "",
        ),
    ]
    for name, passed, detail in checks:
        print(
            f"{'ok  ' if passed else 'FAIL'} {name}"
            + ("" if passed or not detail else f": {detail}")
        )
    return 0 if all(passed for _, passed, _ in checks) else 1


# The run -------------------------------------------------------------------------------------


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


def questions_load(live_id: int) -> list[Question]:
    from django.db import connection

    from quizzes.models import LiveSession, StudyItem

    item_ids = LiveSession.objects.get(pk=live_id).item_ids
    items = StudyItem.objects.in_bulk(item_ids)
    connection.close()
    return [Question(items[pk].kind, items[pk].options, items[pk].answers) for pk in item_ids]


def machine_busy() -> float:
    """CPU seconds all processes on this machine have used since boot (Linux; nan elsewhere)."""
    try:
        ticks = [
            int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]
        ]
    except OSError:
        return float("nan")
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")  # all but idle and iowait


def cpu_of(*, group: int = 0, name: str = "") -> float:
    """CPU seconds used so far by the processes of a process group or of a program name, with their
    children that have ended (a PostgreSQL connection that closed counts with the postmaster)."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            program, rest = stat.read_text().split(" (", 1)[1].rsplit(") ", 1)
        except (OSError, ValueError):
            continue
        fields = rest.split()  # from the third field on: state, ppid, pgrp, ...
        if group and int(fields[2]) == group or name and program == name:
            total += sum(int(value) for value in fields[11:15]) / os.sysconf(
                "SC_CLK_TCK"
            )  # [cu]time, [cs]time
    return total


@dataclass
class Usage:
    """Wall time and CPU seconds: the machine, the server, PostgreSQL, this process (players, teacher)."""

    wall: float
    machine: float
    server: float
    database: float
    driver: float

    @classmethod
    def now(cls, server: subprocess.Popen, postgres: bool) -> "Usage":
        database = cpu_of(name="postgres") if postgres else 0.0
        return cls(
            time.monotonic(),
            machine_busy(),
            cpu_of(group=server.pid),
            database,
            sum(resource.getrusage(resource.RUSAGE_SELF)[:2]),
        )

    def since(self, start: "Usage") -> "Usage":
        return Usage(*(now - then for now, then in zip(astuple(self), astuple(start), strict=True)))

    def __str__(self) -> str:
        other = max(self.machine - self.server - self.database - self.driver, 0.0)
        database = f", PostgreSQL (all of it) {self.database:.0f} s" if self.database else ""
        return (
            f"cpu in the game's {self.wall:.0f} s on {os.cpu_count()} cores: server {self.server:.0f} s{database},"
            f" players and teacher {self.driver:.0f} s, other processes {other:.0f} s"
        )


def game_play(
    teacher: Browser, game: Game, phones: list[Phone], port: int, tally: Tally, seed: int
) -> None:
    seeds = random.Random(seed)
    threads = [
        threading.Thread(
            target=play, args=(phone, game, port, tally, random.Random(seeds.random())), daemon=True
        )
        for phone in phones
    ]
    for thread in threads:
        thread.start()
    try:
        host(teacher, game, phones)
        deadline = time.monotonic() + 2 * POLL + 10  # time for the phones to see the end
        for thread in threads:
            thread.join(max(deadline - time.monotonic(), 0))
    finally:
        game.stop.set()


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
