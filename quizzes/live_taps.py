"""A lecture hall's taps, answered beside Django's middleware: a phone's answer and its own result.

While a question is open every phone of the room answers within a few seconds, and when it
closes they all fetch their result at once. Through the whole stack (the session read from the
database, CSRF, messages, a dozen middlewares, a thread hop each way) one of those requests cost
10-15 ms of CPU, and a thousand of them queue for seconds. Here, under ASGI, an htmx request that
carries its player's ticket is answered at once: an answer goes to one writer thread, which
stores everything that arrived while it wrote the last batch in one transaction
(quizzes.live.answers_submit), and the phone's result is read and rendered on a thread of its
own, from the results every phone shares (quizzes.live.results_of).

On the polling fallback a phone asks every second whether the game moved on: the view's answer
(204 while nothing changed, from one small statement; else the phone's part) comes from here too.

The ticket (`X-Live-Ticket`, set by the phone page's hx-headers) is the player's id and game,
signed with SECRET_KEY: only the server makes one, and only the phone that joined as the player
gets its page. It travels in a header, which no other site's page can send without the CORS
preflight this site never grants, so it also does the CSRF token's job.

Whatever is not the common case goes to Django as it came, its body replayed (no ticket, not
htmx, a refusal, an odd body, a question still open when asked for a result), so every rule
has one home: the views answer it, as they would have without this path.
"""

import asyncio
import logging
import queue
import re
import threading
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie

from django.conf import settings
from django.core import signing
from django.db import close_old_connections, connections
from django.http import HttpResponse, QueryDict
from django.http.request import split_domain_port, validate_host
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.security import SecurityMiddleware
from django.template.loader import render_to_string
from django.utils import timezone, translation

from quizzes.forms import LiveAnswerForm, LiveStateQueryForm
from quizzes.live import LiveRefused, Tap, answers_submit, game_now, results_of
from quizzes.models import LivePlayer, LiveSession
from studyapp.middleware import language_chosen

logger = logging.getLogger(__name__)

TICKET_HEADER = "X-Live-Ticket"
_TICKET_SALT = "xueer.live.player"
# /live/<id>/play/ (the phone's own part, GET), /live/<id>/play/answer/ (POST) and, on the
# polling fallback, /live/<id>/play/state/?v= (GET).
_PATH = re.compile(r"/live/(\d{1,18})/play/(answer/|state/)?")
_KINDS = {None: "mine", "answer/": "answer", "state/": "state"}
# An answer's form is small; a bigger body goes to Django, which refuses it in its own way.
BODY_MOST = 16 * 1024
# Answers stored in one transaction at most; more wait for the next.
BATCH_MOST = 500
_HEADERS = [
    (b"content-type", b"text/html; charset=utf-8"),
    (b"cache-control", b"no-store"),
    (b"vary", b"Cookie, HX-Request, X-Live-Ticket"),
]


def ticket_for(player: LivePlayer) -> str:
    return signing.dumps([player.session_id, player.pk], salt=_TICKET_SALT)


def ticket_player(ticket: str, live_id: int) -> int | None:
    """The id of the player the ticket was made for, if it is genuine and for this game."""
    try:
        game, player = signing.loads(ticket, salt=_TICKET_SALT)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return player if game == live_id and isinstance(player, int) else None


class LiveTaps:
    """The ASGI application in front of Django's that answers the phones' common taps."""

    READERS = 2

    def __init__(self, application) -> None:
        self.application = application
        self.writer = _Writer()
        self.readers = ThreadPoolExecutor(max_workers=self.READERS, thread_name_prefix="live-reads")

    def close_connections(self) -> None:
        """Every thread of this path and of the application behind closes its database
        connection (see studyapp.asgi.PooledThreads.close_connections)."""
        self.writer.close_connections()
        # Once on each reader thread: the barrier keeps one thread from taking both turns.
        barrier = threading.Barrier(self.READERS)

        def close():
            connections.close_all()
            barrier.wait(10)

        for turn in [self.readers.submit(close) for _ in range(self.READERS)]:
            turn.result(timeout=20)
        if hasattr(self.application, "close_connections"):
            self.application.close_connections()

    async def __call__(self, scope, receive, send) -> None:
        tap = _tap_of(scope) if scope["type"] == "http" else None
        if tap is None:
            return await self.application(scope, receive, send)
        kind, live_id, player_id, language, secure = tap
        if kind == "state":
            loop = asyncio.get_running_loop()
            html = await loop.run_in_executor(
                self.readers, _phone_state, live_id, player_id, language, _version_shown(scope)
            )
            if html is None:
                return await self.application(scope, receive, send)
            return await _respond(send, html, secure=secure, status=200 if html else 204)
        if kind == "mine":
            loop = asyncio.get_running_loop()
            html = await loop.run_in_executor(
                self.readers, _phone_result, live_id, player_id, language
            )
            if html is None:
                return await self.application(scope, receive, send)
            return await _respond(send, html, secure=secure)
        body = await _body(scope, receive)
        if body is None:  # not read: Django reads it
            return await self.application(scope, receive, send)
        if (fields := _answer_fields(body)) is None:
            return await self.application(scope, _replay(body, receive), send)
        outcome = await self.writer.submit(
            live_id,
            Tap(player_id, fields["index"], fields["answer"], fields["option"], timezone.now()),
        )
        if isinstance(outcome, Exception):  # refused, or not stored: the view says why
            if not isinstance(outcome, LiveRefused):
                logger.error("a live answer was not stored", exc_info=outcome)
            return await self.application(scope, _replay(body, receive), send)
        context = {"player": outcome.player, "live": outcome.session, "answered": outcome}
        with translation.override(language):
            html = render_to_string("quizzes/live/play.html#phone", context | {"shared": False})
        return await _respond(send, html, secure=secure)


def _tap_of(scope) -> tuple[str, int, int, str, bool] | None:
    """(what, game, player, language, over HTTPS) of a tap this path answers, None for anything
    else."""
    path = scope["path"].removeprefix(scope.get("root_path", ""))
    match = _PATH.fullmatch(path)
    if match is None:
        return None
    kind = _KINDS[match[2]]
    if scope["method"] != ("POST" if kind == "answer" else "GET"):
        return None
    headers = {name.lower(): value for name, value in scope["headers"]}
    ticket = headers.get(TICKET_HEADER.lower().encode())
    if ticket is None or headers.get(b"hx-request") != b"true" or not _host_allowed(headers):
        return None
    secure = _secure(scope, headers)
    if settings.SECURE_SSL_REDIRECT and not secure:
        return None
    live_id = int(match[1])
    player_id = ticket_player(ticket.decode("latin-1"), live_id)
    if player_id is None:
        return None
    return kind, live_id, player_id, _language(headers.get(b"cookie", b"")), secure


def _host_allowed(headers: dict) -> bool:
    """As HttpRequest.get_host: the Host must be one of ALLOWED_HOSTS."""
    host = headers.get(b"host", b"").decode("latin-1")
    domain, _port = split_domain_port(host)
    allowed = settings.ALLOWED_HOSTS
    if settings.DEBUG and not allowed:
        allowed = [".localhost", "127.0.0.1", "[::1]"]
    return bool(domain) and validate_host(domain, allowed)


def _secure(scope, headers: dict) -> bool:
    proxy = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    if proxy:
        name = proxy[0].removeprefix("HTTP_").replace("_", "-").lower().encode()
        return headers.get(name, b"").decode("latin-1").split(",")[0].strip() == proxy[1]
    return scope.get("scheme") == "https"


def _language(cookie: bytes) -> str:
    """The phone's language, as studyapp.middleware chooses it: the language cookie, else Chinese."""
    try:
        chosen = SimpleCookie(cookie.decode("latin-1")).get(settings.LANGUAGE_COOKIE_NAME)
    except Exception:  # a malformed Cookie header: Django ignores it too
        chosen = None
    return language_chosen(chosen.value if chosen is not None else None)


async def _body(scope, receive) -> bytes | None:
    """The request's form body, or None, unread, for one this path leaves alone (too big, not a
    form); None too if the phone went away meanwhile."""
    headers = {name.lower(): value for name, value in scope["headers"]}
    if not headers.get(b"content-type", b"").startswith(b"application/x-www-form-urlencoded"):
        return None
    try:
        length = int(headers.get(b"content-length", b""))
    except ValueError:
        return None
    if length > BODY_MOST:
        return None
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)


def _replay(body: bytes, receive):
    """The request's `receive`, giving Django the body this path has read already."""
    sent = False

    async def replayed():
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed


def _answer_fields(body: bytes) -> dict | None:
    try:
        form = LiveAnswerForm(QueryDict(body.decode("utf-8")))
    except UnicodeDecodeError:
        return None
    return form.cleaned_data if form.is_valid() else None


async def _respond(send, html: str, *, secure: bool, status: int = 200) -> None:
    body = html.encode()
    headers = [*_HEADERS, *_security_headers(secure), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _security_headers(secure: bool) -> list[tuple[bytes, bytes]]:
    """What SecurityMiddleware and XFrameOptionsMiddleware add to the views' responses, added by
    them (they ask the request only whether it came over HTTPS), so that a tap answered here is
    sent as one the views answer."""
    response = HttpResponse()
    before = set(response.headers)
    request = _Scheme(secure)
    SecurityMiddleware(_unused).process_response(request, response)
    XFrameOptionsMiddleware(_unused).process_response(request, response)
    return [
        (name.lower().encode("latin-1"), value.encode("latin-1"))
        for name, value in response.headers.items()
        if name not in before
    ]


class _Scheme:
    """All the security middlewares' response side reads of a request."""

    def __init__(self, secure: bool) -> None:
        self.secure = secure

    def is_secure(self) -> bool:
        return self.secure


def _unused(request):  # the middlewares' get_response, which process_response never calls
    raise NotImplementedError


def _version_shown(scope) -> int | None:
    """The game's version the polling phone shows (?v=), as the view reads it."""
    query = QueryDict(scope.get("query_string", b"").decode("latin-1"))
    form = LiveStateQueryForm(query)
    return form.cleaned_data["v"] if form.is_valid() else None


def _phone_state(live_id: int, player_id: int, language: str, shown: int | None) -> str | None:
    """What the view answers a poll: "" (204) while the game is at the version the phone shows,
    else the phone's part as it is now; None for a player not in the game (the view's)."""
    from quizzes.views.live import phone_context  # the view's own context: one definition

    try:
        close_old_connections()
        live = game_now(live_id)
        if live is None:
            return None
        if shown is not None and shown == live.version:
            return ""
        player = LivePlayer.objects.get(pk=player_id, session=live_id)
    except LivePlayer.DoesNotExist:
        return None
    except Exception:  # the database went away: the view tries again and says what went wrong
        logger.exception("a live game was not read")
        return None
    with translation.override(language):
        return render_to_string("quizzes/live/play.html#phone", phone_context(player, live))


def _phone_result(live_id: int, player_id: int, language: str) -> str | None:
    """The phone's own part once the question has closed (its verdict, points and rank), from
    what every phone of the game shares (quizzes.live.results_of); None while it is open or in
    the lobby, or for a player no longer playing, which the view renders."""
    from quizzes.views.live import phone_context  # the view's own context: one definition

    try:
        close_old_connections()
        live = game_now(live_id)
        if live is None or live.state not in {LiveSession.State.RESULTS, LiveSession.State.ENDED}:
            return None
        player = results_of(live).players.get(player_id)
    except Exception:  # the database went away: the view tries again and says what went wrong
        logger.exception("a live result was not read")
        return None
    if player is None:  # removed, or not of this game
        return None
    with translation.override(language):
        return render_to_string("quizzes/live/play.html#phone", phone_context(player, live))


class _Writer:
    """The threads that store the answers, a game always on the same one: each batch is
    everything that arrived for its games while it wrote the one before, one transaction per
    game (quizzes.live.answers_submit). On PostgreSQL the games' batches go side by side, each
    thread waiting on its own round trips; on SQLite they take turns (quizzes.live._one_writer)."""

    THREADS = 4

    def __init__(self) -> None:
        self.queues = [queue.SimpleQueue() for _ in range(self.THREADS)]
        self.threads: list[threading.Thread | None] = [None] * self.THREADS
        self.lock = threading.Lock()

    def submit(self, live_id: int, tap: Tap) -> asyncio.Future:
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        number = live_id % self.THREADS
        with self.lock:
            thread = self.threads[number]
            if thread is None or not thread.is_alive():
                thread = threading.Thread(
                    target=self.run, args=[self.queues[number]], name="live-answers", daemon=True
                )
                self.threads[number] = thread
                thread.start()
        self.queues[number].put((live_id, tap, loop, future))
        return future

    def close_connections(self) -> None:
        """Each writer thread closes its database connection once it has written what it holds
        (see studyapp.asgi.PooledThreads.close_connections)."""
        asked = []
        with self.lock:
            for number, thread in enumerate(self.threads):
                if thread is not None and thread.is_alive():
                    asked.append(threading.Event())
                    self.queues[number].put(asked[-1])
        for closed in asked:
            closed.wait(10)

    def run(self, taps: queue.SimpleQueue) -> None:
        while True:
            batch = [taps.get()]
            while len(batch) < BATCH_MOST:
                try:
                    batch.append(taps.get_nowait())
                except queue.Empty:
                    break
            games = defaultdict(list)
            closing = []
            for entry in batch:
                if isinstance(entry, threading.Event):
                    closing.append(entry)
                else:
                    games[entry[0]].append(entry)
            for live_id, entries in games.items():
                try:
                    close_old_connections()
                    outcomes = answers_submit(live_id, [entry[1] for entry in entries])
                except Exception as error:  # the view will try again, and say what went wrong
                    outcomes = [error] * len(entries)
                settled = defaultdict(list)
                for (_live, _tap, loop, future), outcome in zip(entries, outcomes, strict=True):
                    settled[loop].append((future, outcome))
                for loop, pairs in settled.items():
                    loop.call_soon_threadsafe(_settle, pairs)
            if closing:
                connections.close_all()
                for closed in closing:
                    closed.set()


def _settle(pairs) -> None:
    for future, outcome in pairs:
        if not future.done():  # the phone may have gone
            future.set_result(outcome)
