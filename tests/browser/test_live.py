"""A live quiz in real browsers: the teacher's projector and three phones play three questions to
the podium; one phone reloads mid-game and keeps its points. Every page passes the quality harness."""

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from corpus.models import Article
from quizzes.live import rank_of
from quizzes.models import LivePlayer, LiveSession, StudyItem
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.quality import check_page, click_through, visit, watch
from tests.browser.test_classes import make_account
from tests.browser.test_study import sign_in
from tests.browser.texts import RIVER_PAGE, RIVER_TITLE, make_document

pytestmark = pytest.mark.django_db(transaction=True)


def new_phone(browser, site_url, language):
    context = browser.new_context(base_url=site_url, locale="zh-CN", viewport=PHONE)
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": site_url}]
    )
    page = context.new_page()
    watch(page, site_url)
    return context, page


def answer_on(phone, item, *, right: bool) -> None:
    form = phone.locator("#phone form")
    expect(form).to_be_visible()
    check_page(phone)
    if item.options:
        choice = (
            item.answers[0] if right else next(o for o in item.options if o not in item.answers)
        )
        form.locator(f"input[value='{choice}']").check()
    else:
        for index, value in enumerate(item.answers[: form.locator("input[name=answer]").count()]):
            form.locator("input[name=answer]").nth(index).fill(value if right else "不对")
    with phone.expect_response(lambda r: r.request.method == "POST"):
        form.locator("button[type=submit]").click()
    expect(phone.locator("#phone [role=status]")).to_be_visible()


@pytest.mark.parametrize("viewport", [DESKTOP], indirect=True)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_room_plays_a_live_quiz_to_the_podium(
    page, browser, context, site_url, django_user_model, language
):
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": site_url}]
    )
    make_document(RIVER_PAGE, "river.md")
    article = Article.objects.get(title=RIVER_TITLE)
    sign_in(page, make_account(django_user_model, "laoshi", "teacher"))
    visit(page, article.get_absolute_url())
    click_through(
        page, page.locator(f"main a[href='{reverse('quizzes:live_new')}?article={article.pk}']")
    )
    page.locator("#id_size").fill("3")
    page.locator("#id_seconds").fill("60")
    click_through(page, page.locator("main form button[type=submit]"))
    live = LiveSession.objects.get()
    expect(page.locator(".live-pin")).to_have_text(live.pin)
    expect(page.locator(".qr svg")).to_be_visible()

    phones = []
    for nickname in ("甲", "乙", "丙"):
        phone_context, phone = new_phone(browser, site_url, language)
        visit(phone, f"{reverse('live_join')}?pin={live.pin}")
        phone.locator("#id_nickname").fill(nickname)
        click_through(phone, phone.locator("main form button[type=submit]"))
        phones.append((phone_context, phone))
    expect(page.locator("#counts li")).to_have_count(3)
    check_page(page)

    click_through(page, page.locator("button[value=start]"))
    for index in range(3):
        live.refresh_from_db()
        item = StudyItem.objects.get(pk=live.current_item_id)
        for number, (_, phone) in enumerate(phones):
            answer_on(phone, item, right=number != 2)
        if index == 0:  # the second phone reloads and is still the same player, with its points
            _, phone = phones[1]
            phone.reload()
            expect(phone.locator(".live-me")).to_contain_text(
                str(LivePlayer.objects.get(nickname="乙").score)
            )
            check_page(phone)
        expect(page.locator("#counts")).to_contain_text("3 / 3")
        click_through(page, page.locator("button[value=results]"))
        expect(page.locator(".chart svg")).to_be_visible()
        for _, phone in phones:
            expect(phone.locator("#phone .score")).to_be_visible()
        check_page(phones[0][1])
        click_through(
            page, page.locator("button[value=next]" if index < 2 else "button[value=end]")
        )

    expect(page.locator(".podium li")).to_have_count(3)
    first, second, third = (LivePlayer.objects.get(nickname=n) for n in ("甲", "乙", "丙"))
    assert first.score > 0 and second.score > 0 and third.score == 0
    assert LivePlayer.objects.count() == 3
    for player, (phone_context, phone) in zip((first, second, third), phones, strict=True):
        expect(phone.locator("#phone .score")).to_contain_text(str(rank_of(player)))
        check_page(phone)
        phone_context.close()
    assert rank_of(third) == 3
