"""What a live quiz pushes, over server-sent events (django-eventstream), when the game changes.

Each game has its own channels, so no event reaches another game: one per language for the
phones (the question is rendered once per language and the same HTML goes to every phone), and
one for the projector, which is told only that something changed and fetches what it shows.

Events, by channel:
  live-<id>-<language>  `stage`: the phones' shared view of the game (the lobby, the open
                        question with its options, the right answer, the end), as HTML for
                        htmx's SSE extension to swap in; a phone then fetches what is its own
                        (its points and rank) itself.
  live-<id>-host        `state`: the game moved on (the projector fetches its stage);
                        `counts`: someone joined, left or answered (it fetches the counts),
                        at most once every COUNTS_EVERY seconds per game and process, so a
                        hall answering at once is a few fetches, not one per answer.
"""

import re
import threading
import time

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django_eventstream import send_event

from quizzes.models import LiveSession, StudyItem


def phone_channel(live_id: int, language: str) -> str:
    return f"live-{live_id}-{language}"


def host_channel(live_id: int) -> str:
    return f"live-{live_id}-host"


def phone_language(language: str | None) -> str:
    """The site language a phone's channel is in: its own if the site speaks it, else the default."""
    codes = [code for code, _name in settings.LANGUAGES]
    return language if language in codes else settings.LANGUAGE_CODE


def stage_context(live: LiveSession, *, shared: bool) -> dict:
    """What every phone sees of the game now; `shared`: rendered once for all phones, pushed."""
    item = StudyItem.objects.filter(pk=live.current_item_id).first()
    return {"live": live, "item": item, "remaining": live.seconds, "shared": shared}


# A line break and the indentation around it: in the stage (no <pre>, no <textarea>) one space
# shows the same, and each line is a `data:` line of its own in every phone's event.
_ONE_LINE = re.compile(r"\s*\n\s*")


def stage_changed(live: LiveSession) -> None:
    """The question opened or closed, or the game ended: the new stage to the phones, word to
    the projector."""
    context = stage_context(live, shared=True)
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            html = render_to_string("quizzes/live/play.html#stage", context)
        html = _ONE_LINE.sub(" ", html)
        send_event(phone_channel(live.pk, language), "stage", html, json_encode=False)
    send_event(host_channel(live.pk), "state", str(live.version), json_encode=False)


# The least time between two `counts` events of one game from this process, in seconds: the
# first goes at once, the changes after it together when the time is up.
COUNTS_EVERY = 0.25
_counts_lock = threading.Lock()
_counts_sent: dict[int, float] = {}  # game id -> when its last `counts` event went (monotonic)
_counts_due: set[int] = set()  # games whose next `counts` event waits on a timer


def counts_changed(live_id: int) -> None:
    """A player joined, was removed or answered: the projector refreshes its counts."""
    with _counts_lock:
        if live_id in _counts_due:
            return  # the event on its way will bring this change too
        now = time.monotonic()
        wait = _counts_sent.get(live_id, now - COUNTS_EVERY) + COUNTS_EVERY - now
        if wait > 0:
            _counts_due.add(live_id)
            timer = threading.Timer(wait, _counts_send, args=[live_id])
            timer.daemon = True
            timer.start()
            return
        _counts_mark(live_id, now)
    send_event(host_channel(live_id), "counts", "", json_encode=False)


def _counts_send(live_id: int) -> None:
    with _counts_lock:
        _counts_due.discard(live_id)
        _counts_mark(live_id, time.monotonic())
    send_event(host_channel(live_id), "counts", "", json_encode=False)


def _counts_mark(live_id: int, now: float) -> None:
    if len(_counts_sent) > 1000:  # forget the games whose last event is long gone
        for old in [key for key, sent in _counts_sent.items() if now - sent > COUNTS_EVERY]:
            del _counts_sent[old]
    _counts_sent[live_id] = now
