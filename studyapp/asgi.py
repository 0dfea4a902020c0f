"""The ASGI application: `make serve` and `make run` run it under uvicorn.

ASGI rather than WSGI because a live quiz keeps an event stream open to every phone and to the
projector (django-eventstream): under ASGI each one waits on the event loop instead of holding a
thread. With DEBUG on, the static files are served from the apps' folders, as runserver does.

Django runs the sync part of each request (its middleware, the view) in a thread of the
request's own, made for it and dropped after it, with a new database connection each time: some
3 ms of a lecture hall's every tap. Here the requests take turns on a fixed set of threads
(settings.ASGI_THREADS), which keep their connections (CONN_MAX_AGE); the event streams, which
last as long as the phone stays, share one more (a thousand phones opening theirs had made a
thread and a connection each).

In front of it all, quizzes.live_taps answers a live quiz's commonest taps (a phone's answer, its
own result) without the middleware, and passes everything else on.
"""

import asyncio
import gc
import os
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import ThreadSensitiveContext
from django.conf import settings
from django.core.asgi import get_asgi_application
from django.db import connections
from django.urls import Resolver404, resolve

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "studyapp.settings")
django_application = get_asgi_application()

# The views whose response is an event stream, held open for as long as the page is.
STREAMS = {"live_events", "live_host_events"}


class PooledThreads:
    """Each HTTP request's sync code on one of `threads` threads, one request at a time on each;
    a request finding them all busy waits for the first one free. The event streams, which hold
    their request for as long as the page is open, share one more thread between them."""

    def __init__(self, application, *, threads: int) -> None:
        self.application = application
        self.idle: asyncio.LifoQueue[ThreadPoolExecutor] = asyncio.LifoQueue()
        self.executors = [
            ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"request-{number}")
            for number in range(threads)
        ]
        for executor in self.executors:
            self.idle.put_nowait(executor)
        self.streams = ThreadPoolExecutor(max_workers=1, thread_name_prefix="streams")
        self.executors.append(self.streams)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.application(scope, receive, send)
        if _streams(scope):  # its sync part (middleware, view) is short; then it waits on the loop
            async with ThreadSensitiveContext(executor=self.streams):
                return await self.application(scope, receive, send)
        executor = await self.idle.get()
        try:
            async with ThreadSensitiveContext(executor=executor):
                await self.application(scope, receive, send)
        finally:
            self.idle.put_nowait(executor)

    def close_connections(self) -> None:
        """Each thread closes its database connection: a server stopping inside a process that
        goes on (a test's), whose database would otherwise stay in use."""
        for executor in self.executors:
            executor.submit(connections.close_all).result(timeout=10)


def _streams(scope) -> bool:
    path = scope["path"].removeprefix(scope.get("root_path", "")) or "/"
    try:
        return resolve(path).url_name in STREAMS
    except Resolver404:
        return False


application = django_application
if settings.DEBUG:
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

    application = ASGIStaticFilesHandler(application)
application = PooledThreads(application, threads=settings.ASGI_THREADS)

from quizzes import grading  # noqa: E402 (these need the apps, which Django set up above)
from quizzes.live_taps import LiveTaps  # noqa: E402

application = LiveTaps(application)

# A served worker loads the grading dictionaries as it starts, not on its first typed answer;
# then everything loaded so far (Django, the dictionaries: some 400,000 objects) is kept out of
# the garbage collector's full passes, which walked all of it every few hundred requests and
# made a lecture hall's answers four times as dear (gc.freeze, as the gc docs advise).
grading.warm_up()
gc.freeze()
