"""Reading in a real browser: the library and its htmx search, a document, an article
with its outline, the sign-in page and the language switch, in Chinese and English.
Every page goes through the quality gate."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from corpus.models import Article
from tests.browser.conftest import DESKTOP
from tests.browser.quality import check_page, click_through, visit
from tests.browser.texts import (
    READING_PAGE,
    READING_TITLE,
    RIVER_AUTHOR,
    RIVER_BANNER,
    RIVER_HEADINGS,
    RIVER_NOTE,
    RIVER_PAGE,
    RIVER_POINTS,
    RIVER_TITLE,
    make_document,
)

pytestmark = pytest.mark.django_db(transaction=True)  # the live server reads what the test writes


@pytest.fixture
def river():
    return make_document(RIVER_PAGE, "river.md")


@pytest.fixture(params=["zh-hans", "en"])
def language(request, context, site_url) -> str:
    """The interface language, chosen as the switch does: with the language cookie."""
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": request.param, "url": site_url}]
    )
    return request.param


def test_it_reads_from_the_library_to_an_article(page, river, language):
    visit(page, reverse("corpus:library"))
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("#results")).to_contain_text(RIVER_AUTHOR)

    click_through(page, page.get_by_role("link", name=RIVER_BANNER))
    expect(page.get_by_role("heading", level=1)).to_have_text(RIVER_BANNER)

    click_through(page, page.get_by_role("link", name=RIVER_TITLE))
    expect(page.get_by_role("heading", level=1)).to_have_text(RIVER_TITLE)
    expect(page.locator(".byline")).to_contain_text(RIVER_AUTHOR)
    expect(page.locator(".note")).to_have_text(f"（{RIVER_NOTE}）")


def test_it_shows_the_outline_and_moves_to_the_text_it_links(page, river, language):
    article = Article.objects.get(document=river)
    visit(page, article.get_absolute_url())
    outline = page.locator("aside.outline")
    headings = outline.locator(".outline-list > li > a")
    expect(headings).to_have_count(1 + len(RIVER_HEADINGS))  # the lead, then the headings
    expect(headings.nth(1)).to_have_text(RIVER_HEADINGS[0])
    expect(headings.nth(2)).to_have_text(RIVER_HEADINGS[1])
    expect(outline.locator(".points a")).to_have_text(RIVER_POINTS)

    # Each heading's key points fold away and come back.
    first_points = outline.locator(".outline-list > li").nth(1).locator(".points a").first
    toggle = outline.locator(".outline-list > li").nth(1).locator("summary")
    toggle.click()
    expect(first_points).to_be_hidden()
    toggle.click()
    expect(first_points).to_be_visible()
    expect(page.locator("article.text mark.point")).to_have_text(RIVER_POINTS)

    last_point = outline.get_by_role("link", name=RIVER_POINTS[-1])
    target = page.locator(last_point.get_attribute("href"))
    expect(target).not_to_be_in_viewport()  # on a phone the outline comes first
    last_point.click()
    expect(page).to_have_url(re.compile(re.escape(last_point.get_attribute("href")) + "$"))
    expect(target).to_be_in_viewport()
    expect(target.locator("mark.point")).to_have_text(RIVER_POINTS[-1])

    heading = outline.get_by_role("link", name=RIVER_HEADINGS[0])
    heading.click()
    expect(page.locator(heading.get_attribute("href")).get_by_role("heading")).to_have_text(
        RIVER_HEADINGS[0]
    )


@pytest.mark.parametrize("viewport", [DESKTOP], indirect=True, ids=["desktop"])
@pytest.mark.parametrize("color_scheme", ["dark"], indirect=True)
def test_it_puts_the_outline_beside_the_text_on_a_wide_screen(page, river):
    visit(page, Article.objects.get(document=river).get_absolute_url())
    outline, text = (
        page.locator("aside.outline").bounding_box(),
        page.locator("article.text").bounding_box(),
    )
    assert outline["x"] + outline["width"] <= text["x"]
    assert abs(outline["y"] - text["y"]) < 5


def test_it_searches_the_library_through_htmx(page, river):
    make_document(READING_PAGE, "reading.md")
    visit(page, reverse("corpus:library"))
    results = page.locator("#results")
    expect(results).to_contain_text(READING_TITLE)

    with page.expect_response(
        lambda response: response.request.headers.get("hx-request") == "true"
    ):
        page.locator("#id_q").fill(RIVER_AUTHOR)
    expect(results).not_to_contain_text(READING_TITLE)
    expect(results).to_contain_text(RIVER_TITLE)
    expect(page).to_have_url(re.compile(r"\?q="))  # pushed, so the address can be shared
    check_page(page)

    with page.expect_response(
        lambda response: response.request.headers.get("hx-request") == "true"
    ):
        page.locator("#id_q").fill("没有这篇文章")
    expect(results).to_have_text("没有找到与“没有这篇文章”相关的文章。")
    check_page(page)

    visit(page, f"{reverse('corpus:library')}?q={RIVER_AUTHOR}")  # the same search without htmx
    expect(results).to_contain_text(RIVER_TITLE)
    expect(results).not_to_contain_text(READING_TITLE)


def test_it_switches_the_language_with_the_footer_buttons(page, river):
    url = Article.objects.get(document=river).get_absolute_url()
    switch = page.locator("footer .language-switch")
    visit(page, url)
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    chinese_heading = page.locator("#outline-title").inner_text()
    chinese_names = switch.locator("button").all_inner_texts()

    click_through(page, switch.locator('button[value="en"]'))
    assert page.url.endswith(url)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(switch.locator('button[value="en"]')).to_have_attribute("aria-pressed", "true")
    english_heading = page.locator("#outline-title").inner_text()
    english_names = switch.locator("button").all_inner_texts()

    click_through(page, switch.locator('button[value="zh-hans"]'))
    assert page.url.endswith(url)
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(switch.locator('button[value="zh-hans"]')).to_have_attribute("aria-pressed", "true")

    assert english_heading != chinese_heading, (
        "the English interface shows the Chinese text (no translation)"
    )
    # Each button names its language in that language, as its lang attribute says, on every page.
    assert chinese_names == english_names == ["简体中文", "English"]


def test_it_shows_the_sign_in_page(page, language):
    visit(page, reverse("login"))
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("#id_username")).to_be_visible()
    expect(page.locator("#id_password")).to_be_visible()


def test_it_answers_a_missing_document_with_a_404_page(page):
    visit(page, reverse("corpus:document_detail", args=[999_999]), status=404)
