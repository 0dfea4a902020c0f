"""The teacher's item list on a 390 px phone, in Chinese and in English: search it (an htmx
swap, or a plain GET without JavaScript), tick items and disable them in one go, see each
item's options. Every page and swap goes through the quality gate."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from corpus.models import Article
from quizzes.models import StudyItem
from tests.browser.conftest import PHONE
from tests.browser.quality import check_page, click_through, visit
from tests.browser.texts import RIVER_PAGE, make_document

pytestmark = pytest.mark.django_db(transaction=True)  # the live server reads what the test writes


@pytest.fixture
def teacher(make_user):
    return make_user("shi", role="teacher")


@pytest.fixture
def river(teacher) -> Article:
    """The river article, the teacher's published text, with a choice item of its own."""
    document = make_document(RIVER_PAGE, "river.md", owner=teacher)
    article = Article.objects.get(document=document)
    StudyItem.objects.create(
        article=article,
        key="added-choice",
        kind=StudyItem.Kind.CHOICE,
        origin=StudyItem.Origin.ADDED,
        prompt="文中说，不少地方把河道治理纳入了哪一项建设？",
        answers=["乡村建设"],
        options=["乡村建设", "城市建设", "交通建设"],
        source="近年来，不少地方把河道治理纳入乡村建设，水质明显好转。",
    )
    assert article.items.count() > 3
    return article


@pytest.fixture(params=["zh-hans", "en"])
def language(request, context, site_url) -> str:
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": request.param, "url": site_url}]
    )
    return request.param


def sign_in(page, user, url: str) -> None:
    visit(page, f"{reverse('login')}?next={url}")
    page.locator("#id_username").fill(user.get_username())
    page.locator("#id_password").fill(f"pw-{user.get_username()}-2024")
    click_through(page, page.locator("main form button[type=submit]"))
    assert page.url.endswith(url)


def fits_the_phone(page) -> None:
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]


def test_it_searches_ticks_and_disables_items_on_a_phone(page, river, teacher, language):
    url = reverse("quizzes:item_list", args=[river.pk])
    sign_in(page, teacher, url)
    expect(page.locator("html")).to_have_attribute("lang", language)
    fits_the_phone(page)
    choice = river.items.get(key="added-choice")
    options = page.locator(f"#item-{choice.pk} .options li")
    expect(options).to_have_text([re.compile("^乡村建设"), "城市建设", "交通建设"])
    expect(options.first.locator("strong")).to_have_text("乡村建设")

    page.locator("#id_q").fill("乡村建设")  # the choice's answer and its source
    expect(page.locator(".item-list > li")).to_have_count(
        len(
            [
                item
                for item in river.items.all()
                if "乡村建设"
                in item.prompt + item.source + "".join(item.answers) + "".join(item.options or [])
            ]
        )
    )
    assert "?q=%E4%B9%A1%E6%9D%91%E5%BB%BA%E8%AE%BE&" in page.url  # pushed: ?q=乡村建设
    check_page(page)  # the swapped list, in the live DOM
    fits_the_phone(page)

    ticked = list(river.items.filter(pk=choice.pk))
    page.locator(f"#pick-{choice.pk}").check()
    click_through(page, page.locator("#bulk-status button[value=disabled]"))
    assert "?q=%E4%B9%A1%E6%9D%91%E5%BB%BA%E8%AE%BE&" in page.url  # back on the same list
    if language == "zh-hans":
        expect(page.get_by_role("status")).to_have_text("已停用 1 个条目。")
    expect(page.locator(f"#item-{choice.pk} .meta strong")).to_be_visible()
    assert [item.status for item in StudyItem.objects.filter(pk__in=[i.pk for i in ticked])] == [
        StudyItem.Status.DISABLED
    ]
    fits_the_phone(page)


@pytest.mark.parametrize("javascript", [False], indirect=True, ids=["no-javascript"])
def test_it_filters_and_enables_items_without_javascript(page, river, teacher, language):
    disabled = list(river.items.order_by("id")[:2])
    StudyItem.objects.filter(pk__in=[item.pk for item in disabled]).update(
        status=StudyItem.Status.DISABLED
    )
    sign_in(page, teacher, reverse("quizzes:item_list", args=[river.pk]))

    page.locator("#id_status").select_option("disabled")
    click_through(page, page.locator(".item-filters button[type=submit]"))
    expect(page.locator(".item-list > li")).to_have_count(2)
    fits_the_phone(page)
    for item in disabled:
        page.locator(f"#pick-{item.pk}").check()
    click_through(page, page.locator("#bulk-status button[value=active]"))

    assert set(
        river.items.filter(pk__in=[i.pk for i in disabled]).values_list("status", flat=True)
    ) == {StudyItem.Status.ACTIVE}
    expect(page.locator(".item-list > li.empty")).to_have_count(1)  # none disabled any more
    fits_the_phone(page)
