"""The quality gate every browser test runs on every page it visits.

`check_page(page)` fails the test, with one readable report, when the page

* is not valid HTML for the W3C Nu HTML checker (vnu), apart from its complaints
  about htmx's ``hx-*`` attributes (see `HTMX_ATTRIBUTE_ERROR`);
* has an axe-core accessibility violation of impact "serious" or "critical" (not
  checked in a page with JavaScript turned off: axe needs it);
* loaded anything from another origin than the site under test, logged a console
  error (Chromium logs Content Security Policy violations there too), threw an
  uncaught exception, or got a 4xx/5xx answer it was not expected to get.

`visit(page, url)` and `click_through(page, locator)` navigate, check the status and
validate the HTML the server sent. After an htmx swap, call `check_page(page)`
without HTML: it validates the live DOM instead.

The Nu checker runs once per test session as a local HTTP service (a JVM takes
seconds to start; a check then takes milliseconds). axe-core is evaluated into the
page through the DevTools protocol, which the page's CSP does not govern, so the
CSP stays enforced and a violation by the app still shows up.
"""

from __future__ import annotations

import atexit
import functools
import json
import re
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import ConsoleMessage, Locator, Page, Request, Response, Route

REPO = Path(__file__).resolve().parents[2]
NODE_MODULES = REPO / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"

# The only vnu messages dropped: vnu validates against the HTML standard, which has
# no hx-* attributes, so it reports each one on each element, exactly as
#   Attribute “hx-get” not allowed on element “form” at this point.
# (hx-on::after-request and the like included). Nothing else is dropped: a bad value,
# a duplicate id or a misplaced element on the same element is still an error.
HTMX_ATTRIBUTE_ERROR = re.compile(
    r"Attribute “hx-[^”]+” not allowed on element “[^”]+” at this point\."
)
# vnu message types that fail a page. Warnings ("info" with subType "warning") are
# advice, such as a missing lang hint, and do not.
FAILING_HTML_TYPES = frozenset({"error", "non-document-error"})

FAILING_IMPACTS = frozenset({"serious", "critical"})
AXE_RUN = """async () => {
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(" ")),
  }));
}"""

# Chromium's console line for a 4xx/5xx answer. The response listener reports the
# same answer with its URL and method, and knows which statuses a test expects.
HTTP_STATUS_CONSOLE_ERROR = re.compile(
    r"Failed to load resource: the server responded with a status of \d+"
)
# The console line for a request the watch itself blocked; the request is reported.
BLOCKED_CONSOLE_ERROR = "net::ERR_BLOCKED_BY_CLIENT"


class PageQualityError(AssertionError):
    """A page failed the quality gate; the message lists every problem found."""


# --------------------------------------------------------------------------- HTML (vnu)


class NuChecker:
    """The Nu HTML checker as an HTTP service on a free local port."""

    def __init__(
        self, *, java: str = "java", jar: Path = VNU_JAR, startup_timeout: float = 90
    ) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self._startup_timeout = startup_timeout
        self._ready = False
        # A file, not a pipe: the JVM logs every request and a full pipe would block it.
        self._log = tempfile.TemporaryFile()
        self._process = subprocess.Popen(
            [
                java,
                "-Xss1024k",
                "-Dnu.validator.servlet.bind-address=127.0.0.1",
                "-cp",
                str(jar),
                "nu.validator.servlet.Main",
                str(self.port),
            ],
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    def wait_until_ready(self) -> None:
        deadline = time.monotonic() + self._startup_timeout
        while not self._ready:
            if self._process.poll() is not None:
                raise RuntimeError(
                    f"The Nu HTML checker exited with {self._process.returncode}:\n{self._log_tail()}"
                )
            try:
                with urllib.request.urlopen(self.url, timeout=2):
                    self._ready = True
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    raise RuntimeError(
                        f"The Nu HTML checker did not answer on {self.url} within {self._startup_timeout:.0f}s:\n"
                        f"{self._log_tail()}"
                    ) from None
                time.sleep(0.2)

    def messages(self, html: str) -> list[dict]:
        """Every message vnu gives for the document, unfiltered."""
        self.wait_until_ready()
        request = urllib.request.Request(
            self.url + "?out=json",
            data=html.encode("utf-8"),
            headers={"Content-Type": "text/html; charset=utf-8"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.load(response)["messages"]

    def stop(self) -> None:
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._log.close()

    def _log_tail(self, size: int = 4000) -> str:
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace")[-size:]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


_nu_checker: NuChecker | None = None


def start_nu_checker(**options) -> NuChecker:
    """Start the session's checker (idempotent); it warms up while other things run."""
    global _nu_checker
    if _nu_checker is None:
        _nu_checker = NuChecker(**options)
        atexit.register(stop_nu_checker)
    return _nu_checker


def stop_nu_checker() -> None:
    global _nu_checker
    if _nu_checker is not None:
        _nu_checker.stop()
        _nu_checker = None


def is_htmx_attribute_error(message: dict) -> bool:
    return message.get("type") == "error" and bool(
        HTMX_ATTRIBUTE_ERROR.fullmatch(message.get("message", ""))
    )


def html_errors(html: str) -> list[dict]:
    """The vnu messages that fail a page: errors, less the hx-* attribute complaints."""
    return [
        message
        for message in start_nu_checker().messages(html)
        if message.get("type") in FAILING_HTML_TYPES and not is_htmx_attribute_error(message)
    ]


def _format_html_errors(errors: list[dict], source: str) -> str:
    lines = [f"HTML: {len(errors)} error(s) from the Nu checker in the {source}:"]
    for error in errors:
        where = f"line {error['lastLine']}" if "lastLine" in error else "document"
        lines.append(f"  {where}: {error['message']}")
        if extract := error.get("extract"):
            lines.append(f"      {extract.replace(chr(10), '↵')}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- accessibility (axe)


@functools.cache
def _axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def axe_violations(page: Page) -> list[dict]:
    """axe-core's serious and critical violations in the page as it is now."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_source())
    return [
        violation for violation in page.evaluate(AXE_RUN) if violation["impact"] in FAILING_IMPACTS
    ]


def _format_violations(violations: list[dict]) -> str:
    lines = [f"Accessibility: {len(violations)} serious or critical axe-core violation(s):"]
    for violation in violations:
        lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.extend(f"      {target}" for target in violation["targets"])
    return "\n".join(lines)


# --------------------------------------------------------------------------- requests and console


@dataclass
class PageWatch:
    """What a page did between two checks: requests, answers, console and errors."""

    origin: str
    javascript: bool = True
    problems: list[str] = field(default_factory=list)
    failed_responses: list[tuple[int, str]] = field(default_factory=list)

    def is_foreign(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https", "ws", "wss") and _origin(url) != self.origin

    def on_request(self, request: Request) -> None:
        if self.is_foreign(request.url):
            self.problems.append(f"request to another origin: {request.method} {request.url}")

    def on_response(self, response: Response) -> None:
        if response.status >= 400:
            self.failed_responses.append(
                (response.status, f"{response.request.method} {response.url}")
            )

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        text = message.text
        if HTTP_STATUS_CONSOLE_ERROR.match(text) or BLOCKED_CONSOLE_ERROR in text:
            return
        kind = "CSP violation" if "Content Security Policy" in text else "console error"
        where = message.location.get("url", "")
        self.problems.append(f"{kind}: {text}" + (f" (at {where})" if where else ""))

    def on_page_error(self, error: Exception) -> None:
        self.problems.append(f"uncaught exception: {error}")

    def take(self, allowed_statuses: Iterable[int] = ()) -> list[str]:
        """The problems since the last take, forgetting them."""
        allowed = set(allowed_statuses)
        problems = self.problems + [
            f"HTTP {status} for {request}"
            for status, request in self.failed_responses
            if status not in allowed
        ]
        self.problems, self.failed_responses = [], []
        return problems


def _origin(url: str) -> str:
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "ws": 80, "https": 443, "wss": 443}.get(parts.scheme)
    return f"{parts.scheme}://{parts.hostname}:{port}"


_watches: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def watch(page: Page, site_url: str, *, javascript: bool = True) -> PageWatch:
    """Record what `page` does; requests to other origins are reported and never sent."""
    recorder = PageWatch(_origin(site_url), javascript)
    page.on("request", recorder.on_request)
    page.on("response", recorder.on_response)
    page.on("console", recorder.on_console)
    page.on("pageerror", recorder.on_page_error)

    def block(route: Route) -> None:
        route.abort("blockedbyclient")

    page.route(recorder.is_foreign, block)
    _watches[page] = recorder
    return recorder


def _watch_of(page: Page) -> PageWatch:
    recorder = _watches.get(page)
    if recorder is None:
        raise RuntimeError(
            "This page is not watched: open it with the browser tests' `page` fixture."
        )
    return recorder


def page_problems(page: Page, allowed_statuses: Iterable[int] = ()) -> list[str]:
    return _watch_of(page).take(allowed_statuses)


def _format_problems(problems: list[str]) -> str:
    return "\n".join(
        [f"Browser: {len(problems)} problem(s) while loading or using the page:"]
        + [f"  {problem}" for problem in problems]
    )


# --------------------------------------------------------------------------- the gate


def check_page(
    page: Page, html: str | None = None, *, allowed_statuses: Iterable[int] = ()
) -> None:
    """Fail unless the page passes vnu, axe and the watch.

    `html` is the server's response for a navigation; without it the live DOM is
    validated (use that after an htmx swap). `allowed_statuses` are 4xx/5xx answers
    the test expects, such as the 400 of a form with errors.
    """
    source = "server response" if html is not None else "live DOM"
    if html is None:
        html = page.content()
    report = []
    if errors := html_errors(html):
        report.append(_format_html_errors(errors, source))
    # axe-core waits on timers, which never fire in a page without JavaScript; such
    # a page is the server's HTML as is, and the tests check it with JavaScript too.
    if _watch_of(page).javascript and (violations := axe_violations(page)):
        report.append(_format_violations(violations))
    if problems := page_problems(page, allowed_statuses):
        report.append(_format_problems(problems))
    if report:
        raise PageQualityError(f"{page.url} fails the quality gate.\n\n" + "\n\n".join(report))


def visit(page: Page, url: str, *, status: int = 200) -> Response:
    """Go to `url`, expect `status`, and check the page with the HTML the server sent."""
    response = page.goto(url)
    assert response is not None, f"no response for {url}"
    _expect_status(response, status)
    check_page(page, response.text(), allowed_statuses=[status])
    return response


def click_through(page: Page, target: Locator, *, status: int = 200) -> Response:
    """Click something that loads a new page (a link, a submit button) and check that page."""
    return navigate_with(page, target.click, status=status)


def navigate_with(page: Page, action: Callable[[], object], *, status: int = 200) -> Response:
    with page.expect_navigation() as navigation:
        action()
    response = navigation.value
    assert response is not None, "the navigation had no response"
    _expect_status(response, status)
    check_page(page, response.text(), allowed_statuses=[status])
    return response


def _expect_status(response: Response, status: int) -> None:
    assert response.status == status, (
        f"{response.request.method} {response.url} answered {response.status}, expected {status}"
    )
