"""A PDF and a Word file imported in a real browser: upload, the preview with every heading's
level, save, then the owner corrects a heading's level on the outline page. Every page goes
through the quality gate."""

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from corpus.models import Document, Section
from tests.browser.quality import check_page, click_through
from tests.browser.test_importing import PASSWORD, sign_in, submit_for_preview
from tests.corpus.documents import make_numbered_docx, make_report_pdf

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "2025年青溪县人民政府工作报告"
SUB_HEADING = "着力壮大实体经济"


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(username="reader", password=PASSWORD)


def upload(page, name: str, mime: str, data: bytes) -> None:
    page.locator("#id_upload").set_input_files(
        files=[{"name": name, "mimeType": mime, "buffer": data}]
    )
    submit_for_preview(page)


def save_preview(page) -> Document:
    click_through(page, page.get_by_role("button", name="保存到书库"))
    document = Document.objects.get()
    assert page.url.endswith(document.get_absolute_url())
    return document


def test_it_imports_a_pdf_and_the_owner_corrects_a_headings_level(page, reader):
    sign_in(page, reader)
    upload(page, "report.pdf", "application/pdf", make_report_pdf())
    preview = page.locator("#workspace .preview")
    expect(preview.get_by_role("heading", level=3)).to_have_text(TITLE)
    expect(preview).to_contain_text("读取方式：PDF")
    expect(preview.locator("li.outline-level-2", has_text=SUB_HEADING)).to_contain_text("2 级")
    check_page(page)
    assert not Document.objects.exists()

    document = save_preview(page)
    assert document.encoding == "pdf"
    click_through(page, page.get_by_role("link", name="修正提纲"))
    check_page(page)
    line = page.locator("li.outline-line.heading", has_text=SUB_HEADING)
    line.get_by_label("层级").select_option("3")
    click_through(page, line.get_by_role("button", name="改层级"))

    expect(page.get_by_role("status")).to_contain_text("已设为标题。")
    check_page(page)
    section = Section.objects.get(article__document=document, heading=SUB_HEADING)
    assert section.level == 3
    assert (
        page.locator("li.outline-line.heading.outline-level-3", has_text=SUB_HEADING).count() == 1
    )


def test_it_imports_a_word_file_whose_labels_are_automatic_numbering(page, reader):
    sign_in(page, reader)
    upload(
        page,
        "report.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        make_numbered_docx(),
    )
    preview = page.locator("#workspace .preview")
    expect(preview.get_by_role("heading", level=3)).to_have_text(TITLE)
    expect(preview).to_contain_text("读取方式：Word (.docx)")
    expect(preview.locator("li.outline-level-1 strong")).to_have_text(
        ["2024年工作回顾", "2025年重点工作"]
    )
    expect(preview.locator("li.outline-level-2 strong").first).to_have_text(SUB_HEADING)
    check_page(page)
    assert save_preview(page).encoding == "docx"


@pytest.fixture
def in_english(context, site_url):
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": site_url}])


def test_the_outline_page_speaks_english_too(page, reader, in_english):
    sign_in(page, reader)
    upload(page, "report.pdf", "application/pdf", make_report_pdf())
    expect(page.locator("#workspace .preview")).to_contain_text("Read as: PDF")
    check_page(page)
    click_through(page, page.get_by_role("button", name="Save to the library"))
    click_through(page, page.get_by_role("link", name="Correct the outline"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Correct the outline")
    check_page(page)
    assert reverse("quizzes:document_outline", args=[Document.objects.get().pk]) in page.url
