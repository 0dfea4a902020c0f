"""Chromium, the Nu checker and axe-core for the browser tests.

Every test here is marked `browser`. Without Chromium, Java or the npm test tools
the tests are skipped with the reason, unless XUEER_REQUIRE_BROWSER=1 (set by CI),
where a missing tool fails them instead: CI must never pass by skipping.
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.browser import quality

# Playwright's sync API runs an event loop in the test thread from the first browser
# test to the end of the session, and Django refuses ORM calls from a thread with a
# running loop unless told it is safe. It is: the loop only drives the browser, and
# tests run one at a time. Set at import, so later non-browser tests are covered too.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

BROWSER_TESTS = Path(__file__).resolve().parent
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
# Generous for a slow CI machine, far below Playwright's 30 s so a hang fails fast.
TIMEOUT_MS = 10_000


def missing_tools() -> list[str]:
    missing = []
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright Python package (pip install '.[test]')")
    if not shutil.which("chromium"):
        missing.append("Chromium (a `chromium` executable on PATH)")
    if not shutil.which("java"):
        missing.append("Java 17 or later (a `java` executable on PATH), for the Nu HTML checker")
    for tool in (quality.VNU_JAR, quality.AXE_JS):
        if not tool.is_file():
            missing.append(f"{tool.relative_to(quality.REPO)} (run `npm ci`)")
    return missing


def browser_required() -> bool:
    return os.environ.get("XUEER_REQUIRE_BROWSER", "").strip() == "1"


def is_browser_test(item: pytest.Item) -> bool:
    return BROWSER_TESTS in item.path.parents


@pytest.hookimpl(tryfirst=True)  # before -m selects by marker
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    ours = [item for item in items if is_browser_test(item)]
    if not ours:
        return
    missing = missing_tools()
    skip = pytest.mark.skip(reason="browser tests need " + "; ".join(missing)) if missing else None
    for item in ours:
        item.add_marker(pytest.mark.browser)
        if skip and not browser_required():
            item.add_marker(skip)


def pytest_collection_finish(session: pytest.Session) -> None:
    # The JVM takes seconds to start: start it now, to warm up while Chromium starts.
    if any(is_browser_test(item) for item in session.items) and not missing_tools():
        quality.start_nu_checker(java=shutil.which("java"))


@pytest.fixture(scope="session", autouse=True)
def browser_tools() -> None:
    """Reached only when the tools are there, or when CI requires them."""
    if missing := missing_tools():
        pytest.fail(
            "XUEER_REQUIRE_BROWSER=1 but the browser tests need " + "; ".join(missing),
            pytrace=False,
        )


@pytest.fixture(scope="session", autouse=True)
def nu_checker(browser_tools):
    checker = quality.start_nu_checker(java=shutil.which("java"))
    yield checker
    quality.stop_nu_checker()


@pytest.fixture(scope="session")
def browser(browser_tools):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def viewport(request) -> dict:
    """The phone by default; parametrize indirectly with DESKTOP for a wide screen."""
    return getattr(request, "param", PHONE)


@pytest.fixture
def color_scheme(request) -> str:
    return getattr(request, "param", "light")


@pytest.fixture
def javascript(request) -> bool:
    """Parametrize indirectly with False to prove a page works without JavaScript."""
    return getattr(request, "param", True)


@pytest.fixture
def site_url(live_server) -> str:
    """Where the pages under test come from; the only origin a page may load from."""
    return live_server.url


@pytest.fixture
def context(browser, site_url, viewport, color_scheme, javascript):
    context = browser.new_context(
        base_url=site_url,
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
        viewport=viewport,
        color_scheme=color_scheme,
        java_script_enabled=javascript,
    )
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(context, site_url, javascript):
    """A watched page: check_page() reports what it requested and logged."""
    page = context.new_page()
    quality.watch(page, site_url, javascript=javascript)
    yield page
    # Whatever happened after the test's last check (a click, a late request) counts too.
    if problems := quality.page_problems(page):
        pytest.fail("\n".join(["After the last check_page():"] + problems), pytrace=False)
