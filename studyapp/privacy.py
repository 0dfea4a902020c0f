"""What a shared school computer or a proxy must not keep: signed-in pages and idle sessions."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

# When the session last saw its user, in seconds since the epoch.
LAST_SEEN_KEY = "_xueer_last_seen"
# The last-seen time is written at most this often, so a phone polling a live quiz every
# second does not rewrite its session every second; the timeout is that much less exact.
LAST_SEEN_RESOLUTION = 60


class PrivatePagesMiddleware:
    """Every response to a signed-in user is ``Cache-Control: no-store`` unless it says otherwise.

    Results, dashboards and the study queue are someone's own; neither the browser (the back
    button on a shared computer after signing out) nor a proxy may keep a copy. Static files
    never get here: whitenoise answers them first, with their long cache.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not response.has_header("Cache-Control") and _signed_in(request):
            patch_cache_control(response, no_store=True)
        return response


class SessionIdleTimeoutMiddleware:
    """Signs out a user who has done nothing for SESSION_IDLE_MINUTES (0: never)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        idle_seconds = settings.SESSION_IDLE_MINUTES * 60
        if idle_seconds and _signed_in(request):
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY)
            if isinstance(last_seen, int) and now - last_seen > idle_seconds:
                logout(request)
            elif not isinstance(last_seen, int) or now - last_seen >= min(
                LAST_SEEN_RESOLUTION, idle_seconds // 10
            ):
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


def _signed_in(request: HttpRequest) -> bool:
    # Read from the session, which the views load anyway, rather than request.user, which
    # would cost a query on the responses (204 polls) that never looked at the user.
    session = getattr(request, "session", None)
    return session is not None and session.session_key is not None and SESSION_KEY in session
