"""Importing in a real browser: sign in, paste a page, see its outline, save it; and the
errors a reader sees for an empty form or a file that is not text. Every page and
every htmx swap goes through the quality gate."""

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from corpus.models import Document
from tests.browser.quality import check_page, click_through, visit
from tests.browser.texts import (
    READING_BANNER,
    READING_HEADINGS,
    READING_PAGE,
    READING_POINTS,
    READING_TITLE,
)

pytestmark = pytest.mark.django_db(transaction=True)  # the live server reads what the test writes

PASSWORD = "a-long-test-password-2024"


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(username="reader", password=PASSWORD)


def sign_in(page, user) -> None:
    """Sign in through the form, as a reader does: /import/ sends a visitor to sign in first."""
    visit(page, reverse("corpus:document_import"))  # redirected to the sign-in page
    assert reverse("login") in page.url
    page.locator("#id_username").fill(user.get_username())
    page.locator("#id_password").fill(PASSWORD)
    click_through(page, page.locator("main form button[type=submit]"))
    assert page.url.endswith(reverse("corpus:document_import"))  # back where the visitor was going


def submit_for_preview(page) -> None:
    """Send the import form through htmx, which swaps in the preview or the errors."""
    import_url = reverse("corpus:document_import")

    def is_htmx_post(response) -> bool:
        request = response.request
        return (
            request.method == "POST"
            and request.url.endswith(import_url)
            and "hx-request" in request.headers
        )

    with page.expect_response(is_htmx_post):
        page.locator("#workspace form button[type=submit]").click()


def test_it_imports_a_pasted_page_after_previewing_its_outline(page, reader):
    sign_in(page, reader)
    page.locator("#id_text").fill(READING_PAGE)
    submit_for_preview(page)
    preview = page.locator("#workspace .preview")
    expect(preview.get_by_role("heading", level=3)).to_have_text(READING_TITLE)
    expect(preview.locator(".outline-list strong")).to_have_text(["导语", *READING_HEADINGS])
    expect(preview.locator(".points li")).to_have_text(READING_POINTS)
    check_page(page)
    assert not Document.objects.exists()  # a preview saves nothing

    click_through(page, preview.get_by_role("button", name="保存到书库"))
    document = Document.objects.get()
    assert page.url.endswith(document.get_absolute_url())
    assert document.owner == reader
    expect(page.get_by_role("status")).to_have_text(f"已导入《{READING_BANNER}》。")
    expect(page.get_by_role("link", name=READING_TITLE)).to_be_visible()


@pytest.mark.parametrize("javascript", [False], indirect=True, ids=["no-javascript"])
def test_it_imports_without_javascript_too(page, reader):
    sign_in(page, reader)
    page.locator("#id_text").fill(READING_PAGE)
    click_through(
        page, page.locator("#workspace form button[type=submit]")
    )  # a plain POST and a whole page
    expect(page.locator("#workspace .preview .points li")).to_have_text(READING_POINTS)

    click_through(page, page.get_by_role("button", name="保存到书库"))
    assert page.url.endswith(Document.objects.get().get_absolute_url())
    expect(page.get_by_role("status")).to_have_text(f"已导入《{READING_BANNER}》。")


def test_it_asks_for_a_file_or_a_text_when_the_form_is_empty(page, reader):
    sign_in(page, reader)
    submit_for_preview(page)
    expect(page.locator("#workspace [role=alert]")).to_have_text("请上传文件或粘贴文本。")
    check_page(page, allowed_statuses=[400])
    assert not Document.objects.exists()


def test_it_refuses_a_binary_upload_with_a_clear_message(page, reader):
    sign_in(page, reader)
    page.locator("#id_upload").set_input_files(
        files=[{"name": "photo.txt", "mimeType": "text/plain", "buffer": b"\x89PNG\r\n\x1a\n\x00"}]
    )
    submit_for_preview(page)
    expect(page.locator("#workspace [role=alert]")).to_have_text(
        "这不是文本文件。请上传 .txt 或 .md 文本，或直接粘贴文字。 (PNG)"
    )
    check_page(page, allowed_statuses=[400])
    assert not Document.objects.exists()


def test_it_refuses_a_broken_pdf_with_its_own_message(page, reader):
    """A PDF is read in the background now; a broken one is refused with its reason."""
    sign_in(page, reader)
    page.locator("#id_upload").set_input_files(
        files=[
            {
                "name": "page.pdf",
                "mimeType": "application/pdf",
                "buffer": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
            }
        ]
    )
    submit_for_preview(page)
    expect(page.locator("#workspace [role=alert]")).to_have_text(
        "page.pdf 没有导入：这个 PDF 已损坏或不完整，无法读取。"
    )
    check_page(page, allowed_statuses=[400])
    assert not Document.objects.exists()


@pytest.fixture
def in_english(context, site_url):
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": site_url}])


def test_it_imports_in_english_too(page, reader, in_english):
    sign_in(page, reader)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    submit_for_preview(page)
    expect(page.locator("#workspace [role=alert]")).to_have_text("Upload a file or paste text.")
    check_page(page, allowed_statuses=[400])

    page.locator("#id_text").fill(READING_PAGE)
    submit_for_preview(page)
    preview = page.locator("#workspace .preview")
    expect(preview.locator(".outline-list strong")).to_have_text(
        ["Introduction", *READING_HEADINGS]
    )
    check_page(page)

    click_through(page, preview.get_by_role("button", name="Save to the library"))
    expect(page.get_by_role("status")).to_have_text(f"Imported “{READING_BANNER}”.")
