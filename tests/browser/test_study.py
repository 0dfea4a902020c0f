"""The review loop in a real browser: choose an article, review by keyboard, type answers."""

import pytest
from django.urls import reverse
from opencc import OpenCC
from playwright.sync_api import expect

from quizzes.models import ReviewLog
from tests.browser.quality import check_page, click_through, visit
from tests.browser.texts import RIVER_PAGE, make_document

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def learner(context, live_server, django_user_model):
    from quizzes.roles import grant_role

    user = django_user_model.objects.create_user("xue", password="a-long-pass-phrase-2024")
    grant_role(user, "learner")
    return user


def sign_in(page, user) -> None:
    visit(page, reverse("login"))
    page.locator("#id_username").fill(user.get_username())
    page.locator("#id_password").fill("a-long-pass-phrase-2024")
    click_through(page, page.locator("main form button[type=submit]"))


def shown_item(card):
    from quizzes.models import StudyItem

    action = card.locator(".question form").get_attribute("action")
    return StudyItem.objects.get(pk=int(action.rstrip("/").split("/")[-1]))


def review_by_keyboard(
    page, count: int, *, hint_at: int = 3, override_from: int | None = None
) -> int:
    """Answer up to `count` cards as a learner at a keyboard: Space and 3 for flashcards, number
    keys for options, typed answers in traditional characters; the hint once. From the
    `override_from`-th card, the first typed card is answered wrong and then rated Good by the
    learner. Returns how many cards were answered."""
    to_traditional = OpenCC("s2t")
    pending_override = override_from is not None
    for answered in range(1, count + 1):
        card = page.locator("#card")
        item_kind = card.locator(".question h2").inner_text()
        overriding = False
        with page.expect_response(
            lambda r: r.request.method == "POST" and "/study/review/" in r.url
        ):
            if card.locator("[data-key=' ']").count():  # a flashcard: Space reveals, 3 rates Good
                page.keyboard.press(" ")
                expect(card.locator(".ratings")).to_be_visible()
                check_page(page)
                page.keyboard.press("3")
            elif card.locator("input[name=option]").count():  # keys 1-4 pick options
                item = shown_item(card)
                for number, option in enumerate(item.options, start=1):
                    if option in item.answers:
                        page.keyboard.press(str(number))  # a single choice's answers at once
                if item.is_multi:
                    page.keyboard.press("Enter")  # a multiple choice's, once Enter hands it in
            else:
                item = shown_item(card)
                overriding = pending_override and answered >= override_from
                if answered == hint_at:  # use the hint once
                    card.locator("details.hint summary").click()
                for index, value in enumerate(
                    item.answers[: card.locator("input[name=answer]").count()]
                ):
                    typed = "不是这个" if overriding else to_traditional.convert(value)
                    card.locator("input[name=answer]").nth(index).fill(typed)
                card.locator(".question button[type=submit].primary").click()
        expect(page.locator("#card .feedback")).to_be_visible()
        check_page(page)
        assert ReviewLog.objects.count() == answered, item_kind
        if overriding:
            pending_override = False
            expect(page.locator("#feedback")).to_contain_text("回答错误")
            good = page.locator("#feedback .override button[value='3']")
            with page.expect_response(lambda r: r.request.method == "POST" and "/rating/" in r.url):
                good.click()
            expect(page.locator("#feedback .override button[value='3']")).to_have_attribute(
                "aria-pressed", "true"
            )
            assert ReviewLog.objects.order_by("-pk").first().rating == 3
        if not page.locator("#card .question").count():
            return answered
    return count


def test_it_reviews_items_by_keyboard_and_typed_answers(page, learner):
    document = make_document(RIVER_PAGE, "river.md")
    sign_in(page, learner)
    visit(page, reverse("quizzes:study_home"))
    click_through(page, page.get_by_role("link", name="选择文章").first)
    page.locator("input[name=articles]").first.check()
    click_through(page, page.locator("main form button[type=submit]"))
    click_through(page, page.get_by_role("link", name="开始学习"))

    # Every card the day offers, up to ten. Every item of the river page is made from its
    # outline, so once one of a section's items is answered the others wait for another day
    # (the feedback shows their answers): the day offers one card per section.
    from quizzes.models import StudyItem

    answered = review_by_keyboard(page, 10)
    sections = StudyItem.objects.active().values("section").distinct().count()
    assert answered == sections >= 3
    if answered < 10:
        expect(page.locator("#card .question")).to_have_count(0)  # nothing left today
    typed = ReviewLog.objects.exclude(correct=None)
    assert typed.exists() and all(
        log.correct for log in typed
    )  # traditional characters were accepted
    assert document.articles.exists()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_it_changes_study_settings(page, learner, context, site_url, language):
    from django.conf import settings as django_settings

    context.add_cookies(
        [{"name": django_settings.LANGUAGE_COOKIE_NAME, "value": language, "url": site_url}]
    )
    sign_in(page, learner)
    visit(page, reverse("quizzes:study_settings"))
    page.locator("#id_desired_retention").fill("1.5")
    click_through(page, page.locator("main form button[type=submit]"), status=400)
    expect(page.locator("#id_desired_retention_error")).to_be_visible()
    page.locator("#id_desired_retention").fill("0.85")
    click_through(page, page.locator("main form button[type=submit]"))
    assert page.url.endswith(reverse("quizzes:study_home"))
