"""A live quiz in real browsers, served by uvicorn as in production: the teacher's projector and
three phones (one without EventSource, on the polling fallback) play three questions to the
podium; the projector moves on by itself once everyone has answered, and with the Space key; one
phone reloads mid-game and keeps its points, another goes offline, shows 正在重新连接 and comes
back with its points. Every page passes the quality harness."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from corpus.models import Article
from quizzes.live import rank_of
from quizzes.models import LivePlayer, LiveSession, StudyItem
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.quality import check_page, click_through, page_problems, visit, watch
from tests.browser.test_classes import make_account
from tests.browser.test_study import sign_in
from tests.browser.texts import RIVER_PAGE, RIVER_TITLE, make_document
from tests.live_asgi import asgi_server

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site_url(transactional_db):
    """uvicorn instead of Django's WSGI test server: the event streams need ASGI."""
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

    from studyapp.asgi import application

    with asgi_server(ASGIStaticFilesHandler(application)) as port:
        yield f"http://127.0.0.1:{port}"


def new_phone(browser, site_url, language, *, event_source=True):
    context = browser.new_context(base_url=site_url, locale="zh-CN", viewport=PHONE)
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": site_url}]
    )
    if not event_source:  # an old browser: the phone must poll
        context.add_init_script("delete window.EventSource;")
    page = context.new_page()
    watch(page, site_url)
    return context, page


def answer_on(phone, item, *, right: bool) -> None:
    form = phone.locator("#phone form")
    expect(form).to_be_visible()
    check_page(phone)
    with phone.expect_response(lambda r: r.request.method == "POST"):
        if item.is_choice:
            choice = (
                item.answers[0] if right else next(o for o in item.options if o not in item.answers)
            )
            if item.is_multi:
                form.locator(f"input[value='{choice}']").check()
                form.locator("button[type=submit]").click()
            else:  # one tap
                form.locator(f"button[value='{choice}']").click()
        else:
            inputs = form.locator("input[name=answer]")
            for index, value in enumerate(item.answers[: inputs.count()]):
                inputs.nth(index).fill(value if right else "不对")
            inputs.last.press("Enter")  # the keyboard's Go
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
        phone_context, phone = new_phone(browser, site_url, language, event_source=nickname != "丙")
        visit(phone, f"{reverse('live_join')}?pin={live.pin}")
        phone.locator("#id_nickname").fill(nickname)
        click_through(phone, phone.locator("main form button[type=submit]"))
        phones.append((phone_context, phone))
    expect(page.locator("#counts li")).to_have_count(3)  # pushed to the projector as they join
    for _, phone in phones[:2]:
        expect(phone.locator("#live")).to_have_attribute("data-transport", "push")
    expect(phones[2][1].locator("#live")).to_have_attribute("data-transport", "polling")
    check_page(page)

    page.locator("button[value=start]").click()  # htmx: the new stage, the page stays
    expect(page.locator("#stage")).to_have_attribute("data-state", "question")
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
        # Everyone has answered: the projector shows the results by itself.
        expect(page.locator(".projector-bars li").first).to_be_visible()
        check_page(page)
        for _, phone in phones:
            expect(phone.locator("#phone .score")).to_be_visible()
        check_page(phones[0][1])
        if index == 1:  # the first phone loses its connection, and gets it back
            phone_context, phone = phones[0]
            phone_context.set_offline(True)
            expect(phone.locator("[data-reconnecting]")).to_be_visible()
            if language == "zh-hans":
                expect(phone.locator("[data-reconnecting]")).to_contain_text("正在重新连接")
            phone_context.set_offline(False)
            expect(phone.locator("[data-reconnecting]")).to_be_hidden(timeout=5000)
            expect(phone.locator(".live-me")).to_contain_text(
                str(LivePlayer.objects.get(nickname="甲").score)
            )
            # What the browser reported while offline is the lost connection, and only that.
            offline = page_problems(phone)
            assert all("ERR_INTERNET_DISCONNECTED" in p or "sseError" in p for p in offline), (
                offline
            )
        page.keyboard.press(" ")  # Space: the next step
        expect(page.locator("#stage")).to_have_attribute(
            "data-state", "question" if index < 2 else "ended"
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


def projector_open(page, django_user_model, *, questions: int) -> LiveSession:
    """A teacher signed in on `page` starts a live game of the river article: its projector."""
    make_document(RIVER_PAGE, "river.md")
    article = Article.objects.get(title=RIVER_TITLE)
    sign_in(page, make_account(django_user_model, "laoshi", "teacher"))
    visit(page, f"{reverse('quizzes:live_new')}?article={article.pk}")
    page.locator("#id_size").fill(str(questions))
    click_through(page, page.locator("main form button[type=submit]"))
    return LiveSession.objects.get()


@pytest.mark.parametrize("viewport", [DESKTOP], indirect=True)
def test_the_projector_plays_its_sounds_only_once_the_teacher_turns_them_on(
    page, browser, site_url, django_user_model
):
    live = projector_open(page, django_user_model, questions=2)
    phone_context, phone = new_phone(browser, site_url, "zh-hans")
    visit(phone, f"{reverse('live_join')}?pin={live.pin}")
    phone.locator("#id_nickname").fill("甲")
    click_through(phone, phone.locator("main form button[type=submit]"))
    expect(page.locator("#counts li")).to_have_count(1)
    body = page.locator("body")

    def heard():
        return page.evaluate("document.body.dataset.soundsPlayed || ''")

    toggle = page.locator("[data-sound-toggle]")
    expect(toggle).to_have_attribute("aria-pressed", "false")  # off until asked for
    page.keyboard.press(" ")
    expect(page.locator("#stage")).to_have_attribute("data-state", "question")
    assert heard() == ""

    toggle.click()  # on, with a tick to say so
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(body).to_have_attribute("data-sounds-played", "tick")
    check_page(page)
    page.reload()  # the choice is kept in this browser; the same stage again plays nothing
    expect(toggle).to_have_attribute("aria-pressed", "true")
    live.refresh_from_db()
    answer_on(phone, StudyItem.objects.get(pk=live.current_item_id), right=True)
    expect(body).to_have_attribute("data-sounds-played", "reveal")  # everyone answered
    toggle.focus()
    page.keyboard.press(" ")  # Space steps even with the toggle focused, and leaves it on
    expect(page.locator("#stage")).to_have_attribute("data-state", "question")
    expect(body).to_have_attribute("data-sounds-played", "reveal question")
    expect(toggle).to_have_attribute("aria-pressed", "true")

    # The last seconds tick, once each, and time up shows the results by itself.
    closes = timezone.now() + timedelta(seconds=3)
    LiveSession.objects.filter(pk=live.pk).update(closes_at=closes)
    page.reload()
    expect(page.locator("#stage")).to_have_attribute("data-state", "results", timeout=8000)
    expect(body).to_have_attribute("data-sounds-played", re.compile(r"^(tick ){1,3}reveal$"))
    page.keyboard.press(" ")
    expect(page.locator("#stage")).to_have_attribute("data-state", "ended")
    expect(body).to_have_attribute("data-sounds-played", re.compile(r"reveal podium$"))
    assert (
        page.evaluate("[...document.querySelectorAll('audio')].filter(a => a.error).length") == 0
    )  # every sound it played was there to load
    check_page(page)
    assert phone.evaluate("document.body.dataset.soundsPlayed") is None  # phones stay quiet
    phone_context.close()
