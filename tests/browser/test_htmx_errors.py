"""A form that htmx posts and the server refuses (400) shows its errors in place, inside the page
it was sent from, whether DEBUG is on or off: the layout never depends on the debug setting."""

import pytest
from playwright.sync_api import expect

from corpus.models import Document
from tests.browser.quality import check_page
from tests.browser.test_importing import reader, sign_in, submit_for_preview  # noqa: F401
from tests.browser.texts import READING_PAGE, READING_TITLE

pytestmark = pytest.mark.django_db(transaction=True)


WORDS = {
    "zh-hans": {"empty": "请上传文件或粘贴文本。", "heading": "导入文本"},
    "en": {"empty": "Upload a file or paste text.", "heading": "Import a text"},
}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("debug", [True, False], ids=["debug-on", "debug-off"])
def test_it_shows_the_errors_of_an_empty_import_in_place(
    page,
    context,
    site_url,
    reader,  # noqa: F811
    settings,
    debug,
    language,
):
    settings.DEBUG = debug
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": site_url}]
    )
    sign_in(page, reader)
    submit_for_preview(page)

    words = WORDS[language]
    expect(page.locator("#workspace [role=alert]")).to_have_text(words["empty"])
    expect(page.locator(".site-header .brand")).to_be_visible()
    expect(page.locator(".site-footer .language-switch")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["heading"])
    assert page.evaluate("() => document.querySelectorAll('#workspace').length") == 1
    check_page(page, allowed_statuses=[400])

    page.locator("#id_text").fill(READING_PAGE)  # the form swapped in still works
    submit_for_preview(page)
    expect(page.locator("#workspace .preview h3")).to_have_text(READING_TITLE)
    expect(page.locator(".site-header .brand")).to_be_visible()
    check_page(page)
    assert not Document.objects.exists()
