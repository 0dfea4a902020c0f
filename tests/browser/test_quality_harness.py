"""The quality gate can fail: each check rejects a page that breaks it, through the
real Nu checker, the real axe-core and the real browser events.

The pages live in pages/ and come from a small local server that sends the app's
Content-Security-Policy, so they behave like the app's pages without needing it.
"""

import functools
import http.server
import threading
from pathlib import Path

import django_htmx
import pytest

from tests.browser import quality
from tests.browser.quality import PageQualityError, check_page, visit

PAGES = Path(__file__).resolve().parent / "pages"
# The htmx build the app serves: django-htmx's copy, loaded by templates/base.html.
HTMX_JS = Path(django_htmx.__file__).resolve().parent / "static" / "django_htmx" / "htmx-2.min.js"
# The app's policy (studyapp/settings.py SECURE_CSP), less the nonce these pages don't need.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


class FixturePages(http.server.SimpleHTTPRequestHandler):
    def translate_path(self, path: str) -> str:
        if path.split("?")[0] == "/htmx.js":
            return str(HTMX_JS)
        return super().translate_path(path)

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", CSP)
        super().end_headers()

    def log_message(self, format: str, *args) -> None:
        pass


@pytest.fixture(scope="module")
def fixture_site():
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(FixturePages, directory=str(PAGES))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def site_url(fixture_site) -> str:
    return fixture_site


def test_it_passes_a_valid_accessible_page(page):
    visit(page, "/valid.html")


def test_it_rejects_invalid_html_with_the_nu_checker(page):
    with pytest.raises(PageQualityError) as failure:
        visit(page, "/invalid_html.html")
    report = str(failure.value)
    assert "HTML: " in report and "in the server response" in report
    assert "Duplicate ID “twin”." in report
    assert "Element “div” not allowed as child of element “span”" in report
    assert "line 10:" in report  # the line of the server's HTML, to find it in the source
    assert "Accessibility" not in report and "Browser" not in report


def test_it_rejects_a_serious_accessibility_violation_with_axe(page):
    with pytest.raises(PageQualityError) as failure:
        visit(page, "/unlabelled_input.html")
    report = str(failure.value)
    assert "[critical] label: Form elements must have labels" in report
    assert report.endswith("\n      input")  # the selector of the element at fault
    assert "HTML" not in report


def test_it_drops_the_hx_attribute_complaints_and_nothing_else(page, nu_checker):
    html = (PAGES / "htmx_attributes.html").read_text(encoding="utf-8")
    complaints = [
        m["message"] for m in nu_checker.messages(html) if quality.is_htmx_attribute_error(m)
    ]
    for attribute, element in [
        ("hx-headers", "body"),
        ("hx-get", "form"),
        ("hx-post", "form"),
        ("hx-disabled-elt", "button"),
    ]:
        assert (
            f"Attribute “{attribute}” not allowed on element “{element}” at this point."
            in complaints
        )
    assert quality.html_errors(html) == []
    visit(page, "/htmx_attributes.html")

    also_broken = html.replace('<section id="results"', '<section id="q"')
    assert [error["message"] for error in quality.html_errors(also_broken)] == ["Duplicate ID “q”."]


def test_it_drops_complaints_about_hx_on_event_attributes(nu_checker):
    html = (
        (PAGES / "valid.html")
        .read_text(encoding="utf-8")
        .replace("<p>", '<p hx-on::after-request="this.remove()" hx-on:htmx:load="1">')
    )
    messages = nu_checker.messages(html)
    assert sum(quality.is_htmx_attribute_error(message) for message in messages) == 2
    assert quality.html_errors(html) == []


def test_it_validates_the_live_dom_after_an_htmx_swap(page):
    visit(page, "/htmx_swap.html")
    page.get_by_role("button", name="Load").click()
    page.locator(".swapped").wait_for()
    with pytest.raises(PageQualityError) as failure:
        check_page(page)
    report = str(failure.value)
    assert "in the live DOM" in report
    assert "Duplicate ID “heading”." in report


def test_it_reports_and_blocks_a_request_to_another_origin(page):
    # set_content leaves the page without a CSP, which would otherwise refuse the image first.
    page.set_content(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Elsewhere</title></head>'
        '<body><main><h1>Elsewhere</h1><img src="http://example.invalid/pixel.png" alt=""></main></body></html>'
    )
    with pytest.raises(PageQualityError) as failure:
        check_page(page)
    assert "request to another origin: GET http://example.invalid/pixel.png" in str(failure.value)


def test_it_reports_a_content_security_policy_violation(page):
    with pytest.raises(PageQualityError) as failure:
        visit(page, "/inline_script.html")
    assert "CSP violation: Executing inline script violates" in str(failure.value)
    assert page.title() == "An inline script"  # the policy stayed enforced


def test_it_reports_console_errors_and_uncaught_exceptions(page):
    with pytest.raises(PageQualityError) as failure:
        visit(page, "/script_error.html")
    report = str(failure.value)
    assert "console error: deliberate console error" in report
    assert "uncaught exception: deliberate uncaught error" in report


def test_it_reports_an_error_status_of_a_subresource(page, fixture_site):
    with pytest.raises(PageQualityError) as failure:
        visit(page, "/broken_stylesheet.html")
    assert f"HTTP 404 for GET {fixture_site}/missing.css" in str(failure.value)


def test_it_checks_the_status_of_a_visit(page, fixture_site):
    with pytest.raises(AssertionError, match="answered 404, expected 200"):
        visit(page, "/nowhere.html")
    assert quality.page_problems(page) == [f"HTTP 404 for GET {fixture_site}/nowhere.html"]
