"""The live quiz load test's clients on the push transport: phones and projectors that hold an
event stream open, as htmx's SSE extension does, over plain HTTP on one asyncio loop.

Used by bench_live (see its docstring); named live_* so pytest does not collect it.

A phone joins on /join, opens its event stream (asking once it is open whether the game moved
on meanwhile, as live.js does) and waits. When a `stage` event brings a
question it answers after 0.5-4 s of thought (one tap: one POST, as htmx sends it, with the
page's hx-headers: the player's ticket); when one brings the results it fetches its own
(points, rank), as the page's hx-trigger="load" does. A
dropped stream (the server restarted) is reopened a second later, as the server's `retry` asks,
and the phone then fetches the current state, as live.js does. The projector opens its stream,
and on every `state` event fetches its stage, as host.html does; the teacher starts, waits for
the question to close by itself (everyone answered) or for the time to run out, pauses on the
results and goes on.
"""

import asyncio
import random
import re
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from tests.bench.live_phones import (
    ENDED,
    FORM_TOKEN,
    PIN,
    REFUSED,
    RESULTS_PAUSE,
    RIGHT_SHARE,
    SECONDS,
    SUBMITTED,
    TEACHER,
    THINK,
    TIMEOUT,
    VERSION,
    Question,
    Tally,
    htmx_headers,
    questions_load,
)
from tests.bench.live_server import KINDS, BenchError

RECONNECT = 1.0  # the server's SSE `retry`, seconds (quizzes.views.live.RECONNECT_MS)
ANSWER_TRIES = 10  # while the server restarts, a player taps again, a second apart
ONCE = "每道题只能回答一次"
QUESTION = re.compile(r'name="index" value="(\d+)"')
STATE = re.compile(r'data-state="(\w+)"')
GAME_URL = re.compile(r"/live/(\d+)/")


@dataclass
class Reply:
    status: int
    text: str
    location: str
    seconds: float


class Connection:
    """One keep-alive HTTP/1.1 connection with a browser's cookies and Django's CSRF header."""

    def __init__(self, port: int, tally: Tally, cookies: dict | None = None) -> None:
        self.port, self.tally = port, tally
        self.cookies: dict[str, str] = cookies if cookies is not None else {}
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.lock = asyncio.Lock()
        self.htmx_headers: dict[str, str] = {}  # the page's hx-headers, sent with htmx requests

    def _head(self, method: str, path: str, body: bytes, htmx: bool) -> bytes:
        lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{self.port}"]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if htmx:
            lines.append("HX-Request: true")
            lines += [f"{name}: {value}" for name, value in self.htmx_headers.items()]
        if method == "POST":
            lines += [
                "Content-Type: application/x-www-form-urlencoded",
                f"Content-Length: {len(body)}",
                f"X-CSRFToken: {self.cookies.get('csrftoken', '')}",
            ]
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + body

    async def _read_head(self) -> tuple[int, dict[str, list[str]]]:
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionResetError("the server closed the connection")
        status = int(status_line.split()[1])
        headers: dict[str, list[str]] = {}
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode().partition(":")
            headers.setdefault(name.strip().lower(), []).append(value.strip())
        for header in headers.get("set-cookie", []):
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return status, headers

    async def _read_body(self, headers: dict) -> bytes:
        if "chunked" in headers.get("transfer-encoding", [""])[0]:
            body = b""
            while size := int((await self.reader.readline()).strip(), 16):
                body += await self.reader.readexactly(size)
                await self.reader.readline()
            await self.reader.readline()
            return body
        return await self.reader.readexactly(int(headers.get("content-length", ["0"])[0]))

    async def request(
        self, method: str, path: str, kind: str, *, fields: dict | None = None, htmx=False
    ) -> Reply:
        body = urlencode(fields or {}, doseq=True).encode() if method == "POST" else b""
        async with self.lock:
            for attempt in range(2):
                reused = self.writer is not None
                started = time.perf_counter()
                try:
                    if self.writer is None:
                        self.reader, self.writer = await asyncio.open_connection(
                            "127.0.0.1", self.port
                        )
                    self.writer.write(self._head(method, path, body, htmx))
                    status, headers = await asyncio.wait_for(self._read_head(), TIMEOUT)
                    text = (await asyncio.wait_for(self._read_body(headers), TIMEOUT)).decode()
                except (OSError, asyncio.IncompleteReadError, TimeoutError) as error:
                    self.close()
                    # A browser quietly retries on a fresh connection when a kept-alive one was closed.
                    if attempt == 0 and reused and not isinstance(error, TimeoutError):
                        self.tally.add(kind, "retried")
                        continue
                    self.tally.add(kind, "error")
                    raise BenchError(f"{method} {path}: {error!r}") from None
                seconds = time.perf_counter() - started
                if "close" in headers.get("connection", [""])[0].lower():
                    self.close()
                break
        self.tally.add(kind, status)
        if status >= 500:
            raise BenchError(f"{method} {path}: HTTP {status}")
        return Reply(status, text, headers.get("location", [""])[0], seconds)

    async def get(self, path: str, kind: str, *, htmx=False) -> Reply:
        return await self.request("GET", path, kind, htmx=htmx)

    async def post(self, path: str, kind: str, fields: dict, *, htmx=False) -> Reply:
        return await self.request("POST", path, kind, fields=fields, htmx=htmx)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def events(port: int, path: str, cookies: dict, tally: Tally, kind: str):
    """One event stream: yields (event type, data) until the server closes it."""
    stream = Connection(port, tally, cookies)
    stream.reader, stream.writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        stream.writer.write(stream._head("GET", path, b"", False))
        status, headers = await stream._read_head()
        tally.add(kind, status)
        if status != 200:
            raise BenchError(f"GET {path}: HTTP {status}")
        chunked = "chunked" in headers.get("transfer-encoding", [""])[0]
        buffer = ""
        while True:
            if chunked:
                size = int((await stream.reader.readline()).strip() or b"0", 16)
                if size == 0:
                    return
                buffer += (await stream.reader.readexactly(size)).decode()
                await stream.reader.readline()
            else:
                data = await stream.reader.read(65536)
                if not data:
                    return
                buffer += data.decode()
            while "\n\n" in buffer:
                block, buffer = buffer.split("\n\n", 1)
                event, lines = "", []
                for line in block.split("\n"):
                    if line.startswith("event: "):
                        event = line[7:]
                    elif line.startswith("data: "):
                        lines.append(line[6:])
                if event:
                    yield event, "\n".join(lines)
    finally:
        stream.close()


# The game --------------------------------------------------------------------------------------


@dataclass
class Game:
    live_id: int
    pin: str
    questions: list[Question]
    players: int
    opened: dict[int, float] = field(default_factory=dict)  # index -> the teacher's POST sent
    joined: int = 0
    everyone: asyncio.Event = field(default_factory=asyncio.Event)
    closed: asyncio.Event = field(default_factory=asyncio.Event)
    ended: bool = False
    restarting: bool = False  # the load test kills and restarts the server during this game


@dataclass
class Phone:
    nickname: str
    game: Game
    seen: dict[int, float] = field(default_factory=dict)  # index -> when its stage event came
    answer_seconds: list[float] = field(default_factory=list)
    poll_seconds: list[float] = field(default_factory=list)  # none here: kept for the report
    accepted: dict[int, bool] = field(default_factory=dict)
    refused: list[str] = field(default_factory=list)
    foreign: int = 0  # events that named another game
    reconnects: int = 0
    failure: str = ""


async def phone_play(phone: Phone, port: int, tally: Tally, rng: random.Random, spread: float):
    try:
        await _phone_play(phone, port, tally, rng, spread)
    except BenchError as error:
        phone.failure = str(error)
    except Exception as error:  # a bug in the driver must show in the report, not hang the run
        phone.failure = f"driver error: {error!r}"


async def _phone_play(phone: Phone, port: int, tally: Tally, rng: random.Random, spread: float):
    game = phone.game
    await asyncio.sleep(rng.uniform(0, spread))
    browser = Connection(port, tally)
    await browser.get(f"/join?pin={game.pin}", "join")
    joined = await browser.post("/join", "join", {"pin": game.pin, "nickname": phone.nickname})
    if joined.status != 302:
        raise BenchError(f"{phone.nickname} could not join: HTTP {joined.status}")
    page = await browser.get(joined.location, "play")
    browser.htmx_headers = htmx_headers(page.text)
    game.joined += 1
    if game.joined == game.players:
        game.everyone.set()
    answering: list[asyncio.Task] = []

    async def answer(index: int, think: float) -> None:
        await asyncio.sleep(think)
        right = rng.random() < RIGHT_SHARE
        fields = {"index": index, **game.questions[index].fields(right)}
        url = f"/live/{game.live_id}/play/answer/"
        for attempt in range(ANSWER_TRIES):
            try:
                reply = await browser.post(url, "answer", fields, htmx=True)
                break
            except BenchError:
                if not game.restarting or attempt == ANSWER_TRIES - 1:
                    raise
                # The server went away under the answer: the player taps again once it is back.
                tally.add("answer", "tapped again")
                await asyncio.sleep(RECONNECT)
        phone.answer_seconds.append(reply.seconds)
        if attempt and ONCE in reply.text:
            phone.accepted[index] = right  # the first tap was stored; its reply was lost
        elif REFUSED in reply.text:
            phone.refused.append(f"question {index}: {reply.text.split(REFUSED, 1)[1][:80]}")
        elif SUBMITTED in reply.text or 'data-state="results"' in reply.text:
            phone.accepted[index] = right
        else:
            raise BenchError(
                f"{phone.nickname}: the answer's reply shows neither submitted nor refused"
            )

    def stage(html: str, received: float) -> None:
        if any(int(live_id) != game.live_id for live_id in GAME_URL.findall(html)):
            phone.foreign += 1
        question = QUESTION.search(html)
        if question is not None and int(question[1]) not in phone.seen:
            index = int(question[1])
            phone.seen[index] = received
            answering.append(asyncio.create_task(answer(index, rng.uniform(*THINK))))

    stage(page.text, time.monotonic())
    play_url = f"/live/{game.live_id}/play/"
    state_url = f"/live/{game.live_id}/play/state/"
    while not game.ended or ENDED not in page.text:
        try:
            async for kind, data in events(
                port, f"/live/{game.live_id}/events/", browser.cookies, tally, "events"
            ):
                received = time.monotonic()
                if kind == "stream-open" and phone.reconnects:
                    page = await browser.get(play_url, "state", htmx=True)  # as live.js does
                    stage(page.text, time.monotonic())
                elif kind == "stream-open":  # what changed before the stream opened, as live.js
                    shown = VERSION.search(page.text)[1]
                    check = await browser.get(f"{state_url}?v={shown}", "check", htmx=True)
                    if check.status == 200:
                        stage(check.text, time.monotonic())
                if kind != "stage":
                    continue
                stage(data, received)
                state = STATE.search(data)
                if state and state[1] in {"results", "ended"}:
                    page = await browser.get(play_url, "mine", htmx=True)
                    if state[1] == "ended":
                        break
            else:
                raise ConnectionResetError
            break
        except (OSError, asyncio.IncompleteReadError, ConnectionResetError, ValueError):
            phone.reconnects += 1  # the stream dropped: reopen it, as the browser does
            tally.add("events", "reconnected")
            await asyncio.sleep(RECONNECT)
    await asyncio.gather(*answering)  # an answer that failed fails the phone
    browser.close()


# The teacher -------------------------------------------------------------------------------------


async def teacher_sign_in(port: int, tally: Tally) -> Connection:
    browser = Connection(port, tally)
    form = await browser.get("/accounts/login/", "teacher")
    token = FORM_TOKEN.search(form.text)[1]
    fields = {"username": TEACHER[0], "password": TEACHER[1], "csrfmiddlewaretoken": token}
    if (await browser.post("/accounts/login/", "teacher", fields)).status != 302:
        raise BenchError("the teacher could not sign in")
    return browser


async def game_create(teacher: Connection, article_id: int, size: int, players: int) -> Game:
    fields = {"size": size, "kinds": KINDS, "seconds": SECONDS, "speed_scoring": "on"}
    reply = await teacher.post(f"/live/new/?article={article_id}", "teacher", fields)
    match = re.fullmatch(r"/live/(\d+)/host/", reply.location)
    if reply.status != 302 or match is None:
        raise BenchError(f"the live quiz was not created: HTTP {reply.status}")
    projector = await teacher.get(reply.location, "teacher")
    live_id = int(match[1])
    questions = await asyncio.to_thread(questions_load, live_id)
    if len(questions) < size:
        raise BenchError(f"the article gave {len(questions)} questions, not {size}")
    return Game(live_id, PIN.search(projector.text)[1], questions, players)


async def projector(teacher: Connection, game: Game, port: int, tally: Tally) -> None:
    """The projector's stream: on every `state` event it fetches its stage, as host.html does."""
    host_url = f"/live/{game.live_id}/host/"
    while not game.ended:
        try:
            async for kind, _data in events(
                port, f"/live/{game.live_id}/host/events/", teacher.cookies, tally, "host events"
            ):
                if kind == "state":
                    stage = await teacher.get(host_url, "projector", htmx=True)
                    if 'data-state="results"' in stage.text or 'data-state="ended"' in stage.text:
                        game.closed.set()
                if game.ended:
                    return
        except (OSError, asyncio.IncompleteReadError, ValueError, BenchError):
            await asyncio.sleep(RECONNECT)


async def control(teacher: Connection, game: Game, action: str) -> None:
    reply = await teacher.post(f"/live/{game.live_id}/host/control/", "teacher", {"action": action})
    if reply.status != 302:
        raise BenchError(
            f"the teacher's {action} answered HTTP {reply.status}: {reply.text[:300]!r}"
        )


async def host(teacher: Connection, game: Game, port: int, tally: Tally, on_question=None):
    """Wait for everyone, then each question: open, wait until it closes or time is up, results."""
    try:
        await asyncio.wait_for(game.everyone.wait(), 120)
    except TimeoutError:
        raise BenchError(
            f"only {game.joined} of {game.players} players joined in 2 minutes"
        ) from None
    watching = asyncio.create_task(projector(teacher, game, port, tally))
    await asyncio.sleep(0.5)
    for index in range(len(game.questions)):
        game.closed.clear()
        game.opened[index] = time.monotonic()
        await control(teacher, game, "next" if index else "start")
        if on_question is not None:
            await on_question(index)
        try:
            await asyncio.wait_for(game.closed.wait(), SECONDS + 1)
        except TimeoutError:
            pass
        await control(teacher, game, "results")  # nothing if everyone answered already
        await asyncio.sleep(RESULTS_PAUSE)
    game.ended = True
    await control(teacher, game, "end")
    await asyncio.sleep(0.5)
    watching.cancel()
