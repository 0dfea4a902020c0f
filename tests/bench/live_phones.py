"""The live quiz load test's clients on the polling fallback: the phones and the teacher's laptop,
over plain HTTP, a thread each (the push transport's are in live_push.py).

Used by bench_live (see its docstring); named live_* so pytest does not collect it.
"""

import http.client
import json
import random
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from tests.bench.live_server import KINDS, BenchError

TEACHER = ("teacher", "xueer-teacher")  # the demo account seed_demo creates
SECONDS = 20  # per question
POLL = 1.0  # the phones' poll interval (quizzes.views.live.POLL_SECONDS)
THINK = (0.5, 4.0)  # seconds a player takes to answer
RIGHT_SHARE = 0.8
JOIN_SPREAD = 5.0  # players arrive over this many seconds
RESULTS_PAUSE = 2.0  # the teacher shows each question's results this long
TIMEOUT = 30.0  # one request; longer is an error

# What the pages say, read the way a person would.
VERSION = re.compile(r'data-version="(\d+)"')
QUESTION = re.compile(r'name="index" value="(\d+)"')
SUBMITTED = "已提交"
REFUSED = "message-error"
ENDED = "抢答结束"
FORM_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PIN = re.compile(r'class="live-pin">(\d{6})<')
JOINED = re.compile(r"(\d+) 人已加入")
ANSWERED = re.compile(r"已作答 (\d+) / (\d+)")
HX_HEADERS = re.compile(r"hx-headers='([^']*)'")


def htmx_headers(page: str) -> dict[str, str]:
    """The headers htmx adds to the requests of a phone's page (the player's ticket), but for the
    CSRF header, which the clients take from the cookie themselves."""
    headers = {}
    for found in HX_HEADERS.findall(page):
        headers |= json.loads(found.replace("&quot;", '"'))
    headers.pop("X-CSRFToken", None)
    return headers


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
        self.htmx_headers: dict[str, str] = {}  # the page's hx-headers, sent with htmx requests

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
            headers.update(self.htmx_headers)
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


# The players (on the polling fallback) ------------------------------------------------------


@dataclass
class Question:
    kind: str
    options: list[str]
    answers: list[str]
    choice: bool  # answered by picking options (StudyItem.is_choice), else typed

    def fields(self, right: bool) -> dict:
        if self.choice:
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
    browser.htmx_headers = htmx_headers(page.text)
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


def questions_load(live_id: int) -> list[Question]:
    from django.db import connection

    from quizzes.models import LiveSession, StudyItem

    item_ids = LiveSession.objects.get(pk=live_id).item_ids
    items = StudyItem.objects.in_bulk(item_ids)
    connection.close()
    return [
        Question(items[pk].kind, items[pk].options, items[pk].answers, items[pk].is_choice)
        for pk in item_ids
    ]


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
            if answered is None or int(answered[1]) >= players:
                break  # everyone answered (the question closed by itself)
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


# The game ------------------------------------------------------------------------------------


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
