"""A new learner's first session, end to end in a real browser: sign up, choose a demo article,
review ten cards by keyboard, take a practice test, recite the outline. Every page passes the
quality harness."""

import pytest
from django.conf import settings
from django.urls import reverse
from opencc import OpenCC
from playwright.sync_api import expect

from corpus.models import Article
from quizzes.models import PracticeTest, ReviewLog
from tests.browser.quality import check_page, click_through, visit
from tests.browser.site import site_menu
from tests.browser.test_study import review_by_keyboard
from tests.browser.texts import make_document

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-pass-phrase-2024"
DEMO_PAGE = settings.BASE_DIR / "corpus" / "demo" / "page-3-ecology-digital.md"
DEMO_ARTICLE = "守护澄河流域的生态安全"


def test_a_new_learner_studies_a_demo_article(page):
    make_document(DEMO_PAGE.read_text(encoding="utf-8"), DEMO_PAGE.name)

    visit(page, reverse("signup"))
    page.locator("#id_username").fill("xinxuesheng")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    click_through(page, page.locator("main form button[type=submit]"))

    click_through(page, site_menu(page).locator(f"nav a[href='{reverse('quizzes:study_home')}']"))
    click_through(page, page.get_by_role("link", name="选择文章").first)
    page.get_by_label(DEMO_ARTICLE).check()
    click_through(page, page.locator("main form button[type=submit]"))
    click_through(page, page.get_by_role("link", name="开始学习"))

    assert review_by_keyboard(page, 10, hint_at=2, override_from=4) == 10
    typed = ReviewLog.objects.exclude(correct=None)
    assert typed.filter(correct=True).count() >= 2  # typed in traditional characters, accepted
    assert ReviewLog.objects.filter(correct=False, rating=3).count() == 1  # wrong, then rated Good

    visit(page, reverse("quizzes:study_mistakes"))
    take_a_practice_test(page)
    recite_the_outline(page)


def take_a_practice_test(page) -> None:
    visit(page, Article.objects.get(title=DEMO_ARTICLE).get_absolute_url())
    click_through(page, page.get_by_role("link", name="测验", exact=True))
    page.locator("#id_size").fill("5")
    click_through(page, page.locator("main form button[type=submit]"))
    test = PracticeTest.objects.get()
    to_traditional = OpenCC("s2t")
    questions = list(test.answers.select_related("item"))
    for question in questions[1:]:  # the first is left unanswered: wrong
        item, prefix = question.item, question.field_prefix
        # A blank fact may be asked as a single choice in a test (question.asked_as).
        if item.kind in {"choice", "multi"} or question.asked_as == "choice":
            for answer in item.answers:
                page.locator(f"input[name='{prefix}option'][value='{answer}']").check()
        else:
            for index, answer in enumerate(
                item.answers[: page.locator(f"input[name='{prefix}answer']").count()]
            ):
                page.locator(f"input[name='{prefix}answer']").nth(index).fill(
                    to_traditional.convert(answer)
                )
    click_through(page, page.get_by_role("button", name="交卷"))
    expect(page.locator(".score")).to_have_text("4 / 5（80%）")
    wrong = page.locator(".results .is-wrong")
    expect(wrong).to_have_count(1)
    expect(wrong).to_contain_text(questions[0].item.answers[0])
    click_through(page, page.get_by_role("button", name="重新测验"))
    expect(page.locator(".question")).to_have_count(5)


def recite_the_outline(page) -> None:
    visit(page, Article.objects.get(title=DEMO_ARTICLE).get_absolute_url())
    click_through(page, page.get_by_role("link", name="背提纲"))
    group = page.locator(".recite-group").first
    before = ReviewLog.objects.count()
    with page.expect_response(lambda r: "show=" in r.url):
        group.get_by_role("link", name="显示").click()
    expect(group.locator(".recite-lines li").first).to_be_visible()
    check_page(page)
    with page.expect_response(lambda r: r.request.method == "POST"):
        group.get_by_role("button", name="良好").click()
    expect(group.get_by_role("status")).to_contain_text("已记录")
    check_page(page)
    assert ReviewLog.objects.count() > before
    click_through(page, page.get_by_role("link", name="只留标题"))
