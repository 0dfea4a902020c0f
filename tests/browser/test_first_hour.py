"""A new learner's and a new teacher's first steps in a real browser, in Chinese and English:
the home page says what to do first, 学这篇 starts an article's study, a single choice's number
key answers it, a wrong typed answer is shown beside the right one, an override says when the
card comes back, a timed test keeps its countdown in sight; the class page has an invite link
with its QR code, and a new assignment shows its questions before it is set."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from corpus.models import Article
from quizzes.models import (
    Assignment,
    Classroom,
    Generation,
    PracticeAnswer,
    PracticeTest,
    ReviewLog,
    StudyItem,
)
from quizzes.practice import practice_test_create
from tests.browser.quality import check_page, click_through, visit
from tests.browser.texts import RIVER_PAGE, make_document

pytestmark = pytest.mark.django_db(transaction=True)  # the live server reads what the test writes

PASSWORD = "a-long-pass-phrase-2024"
TEXT = {
    "zh-hans": {
        "what": "学而是什么",
        "first": "第一步",
        "study_this": "学这篇",
        "yours": "你的回答",
        "wrong": "回答错误",
        "next_review": "下次复习",
        "invite": "邀请链接",
        "preview": "预览题目",
        "set": "布置",
        "import": "导入",
        "due": "今天待复习",
        "not_answered": "还没有作答",
        "give_up": "不会",
        "undone": "已撤销上一次回答。",
        "undo": "撤销这次回答",
        "generating": "已完成 1 / 2 篇（50%）",
        "generated": "条学习条目已生成",
    },
    "en": {
        "what": "What 学而 is",
        "first": "First step",
        "study_this": "Study this",
        "yours": "Your answer",
        "wrong": "Not quite",
        "next_review": "next review in",
        "invite": "Invite link",
        "preview": "Preview the questions",
        "set": "Assign",
        "import": "Import",
        "due": "Due today",
        "not_answered": "You have not answered yet",
        "give_up": "Don't know",
        "undone": "Your last answer was undone.",
        "undo": "Undo this answer",
        "generating": "1 of 2 articles done (50%)",
        "generated": "study items generated",
    },
}


@pytest.fixture(params=["zh-hans", "en"])
def language(request, context, site_url) -> str:
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": request.param, "url": site_url}]
    )
    return request.param


def account(django_user_model, name: str, role: str):
    from quizzes.roles import grant_role

    user = django_user_model.objects.create_user(name, password=PASSWORD)
    grant_role(user, role)
    return user


def sign_in(page, user) -> None:
    visit(page, reverse("login"))
    page.locator("#id_username").fill(user.get_username())
    page.locator("#id_password").fill(PASSWORD)
    click_through(page, page.locator("main form button[type=submit]"))


def answer_untyped_card(page) -> None:
    """Answers the card on screen, a flashcard by its keys, a choice by its options' number keys
    (a single choice answers at once, a multiple choice is handed in with Enter)."""
    card = page.locator("#card .question")
    if card.locator("[data-key=' ']").count():
        page.keyboard.press(" ")
        expect(page.locator("#card .ratings")).to_be_visible()
        with page.expect_response(lambda r: r.request.method == "POST"):
            page.keyboard.press("3")
    else:
        action = card.locator("form").get_attribute("action")
        item = StudyItem.objects.get(pk=int(action.rstrip("/").split("/")[-1]))
        with page.expect_response(lambda r: r.request.method == "POST"):
            for number, option in enumerate(item.options, start=1):
                if option in item.answers:
                    page.keyboard.press(str(number))
            if item.is_multi:
                page.keyboard.press("Enter")
    expect(page.locator("#card .feedback")).to_be_visible()


def answer_typed_card(page, text: str) -> None:
    inputs = page.locator("#card .question input[name=answer]")
    for index in range(inputs.count()):
        inputs.nth(index).fill(text)
    with page.expect_response(lambda r: r.request.method == "POST"):
        inputs.last.press("Enter")


def test_a_learner_starts_from_the_home_page_and_sees_a_wrong_answer_explained(
    page, language, django_user_model
):
    words = TEXT[language]
    document = make_document(RIVER_PAGE, "river.md")
    article = Article.objects.get(document=document)
    visit(page, reverse("corpus:library"))
    expect(page.locator(".today")).to_contain_text(words["what"])
    learner = account(django_user_model, "xue", "learner")
    sign_in(page, learner)
    visit(page, reverse("corpus:library"))
    expect(page.locator(".today")).to_contain_text(words["first"])

    visit(page, article.get_absolute_url())
    click_through(page, page.get_by_role("button", name=words["study_this"]))
    assert page.url.endswith(reverse("quizzes:study_review"))
    for _ in range(12):  # answer until a typed card comes up, then answer it wrong
        if page.locator("#card .question input[name=answer]").count():
            break
        answer_untyped_card(page)
    inputs = page.locator("#card input[name=answer]")
    for index in range(inputs.count()):
        inputs.nth(index).fill("错字")
    with page.expect_response(lambda r: r.request.method == "POST"):
        page.locator("#card .question button[type=submit].primary").click()
    feedback = page.locator("#feedback")
    expect(feedback).to_contain_text(words["wrong"])
    expect(feedback.locator(".typed-against")).to_contain_text(words["yours"])
    expect(feedback.locator(".typed-against del").first).to_be_visible()
    check_page(page)
    with page.expect_response(lambda r: r.request.method == "POST" and "/rating/" in r.url):
        feedback.locator(".override button[value='4']").click()
    expect(page.locator("#feedback")).to_contain_text(words["next_review"])
    check_page(page)
    assert ReviewLog.objects.filter(user=learner, rating=4, correct=False).exists()


def test_a_teacher_invites_a_class_and_previews_an_assignment(page, language, django_user_model):
    words = TEXT[language]
    teacher = account(django_user_model, "laoshi", "teacher")
    document = make_document(RIVER_PAGE, "river.md", owner=teacher)
    article = Article.objects.get(document=document)
    classroom = Classroom.objects.create(name="一班", teacher=teacher)
    sign_in(page, teacher)
    visit(page, classroom.get_absolute_url())
    expect(page.locator("#invite-link")).to_contain_text(f"?code={classroom.join_code}")
    expect(page.locator(".invite-qr svg")).to_be_visible()
    expect(page.locator("button[data-copy]")).to_be_visible()  # shown once the script runs

    visit(page, f"{reverse('quizzes:assignment_new', args=[classroom.pk])}?article={article.pk}")
    assert page.locator("#id_due_at").input_value()  # a deadline is filled in already
    page.locator("#id_size").fill("3")
    click_through(page, page.get_by_role("button", name=words["preview"]))
    shown = page.locator(".preview-questions li")
    expect(shown).to_have_count(3)
    click_through(page, page.get_by_role("button", name=words["set"], exact=True))
    assert len(Assignment.objects.get(classroom=classroom).item_ids) == 3


def test_a_timed_test_keeps_its_countdown_in_sight_and_its_fields_are_finger_sized(
    page, language, django_user_model
):
    learner = account(django_user_model, "xue", "learner")
    article = Article.objects.get(document=make_document(RIVER_PAGE, "river.md"))
    page.set_viewport_size({"width": 390, "height": 700})
    sign_in(page, learner)
    visit(page, f"{reverse('quizzes:practice_new')}?article={article.pk}")
    for field in ("#id_size", "#id_time_limit"):
        assert page.locator(field).bounding_box()["height"] >= 44
    test = practice_test_create(
        user=learner,
        article=article,
        section=None,
        kinds=[kind.value for kind in StudyItem.TESTABLE_KINDS],
        size=10,
        time_limit=10,
        now=timezone.now(),
    )
    visit(page, test.get_absolute_url())
    page.mouse.wheel(0, 2000)
    page.wait_for_timeout(200)
    timer = page.locator(".timer")
    box = timer.bounding_box()
    assert box is not None and -1 <= box["y"] <= 5  # stuck to the top while the page scrolls
    expect(timer).to_be_in_viewport()


def test_a_visitor_is_not_offered_import_and_a_learner_sees_one_count_of_reviews(
    page, language, django_user_model
):
    words = TEXT[language]
    make_document(RIVER_PAGE, "river.md")
    visit(page, reverse("corpus:library"))
    assert page.locator(f"a[href='{reverse('corpus:document_import')}']").count() == 0
    learner = account(django_user_model, "xue", "learner")
    sign_in(page, learner)
    visit(page, reverse("quizzes:study_choose"))
    group = page.locator("main fieldset")
    expect(group.locator("legend")).to_have_count(1)  # one document, its articles under it
    article = Article.objects.get()
    count = StudyItem.objects.active().filter(article=article).count()
    expect(group.locator("label.choice .meta").first).to_contain_text(str(count))
    group.locator("input[type=checkbox]").first.check()
    click_through(page, page.locator("main form button[type=submit].primary"))

    def due_on(url) -> str:
        visit(page, url)
        term = page.locator("main dt", has_text=words["due"]).first
        return term.locator("xpath=following-sibling::dd[1]").inner_text()

    assert due_on(reverse("quizzes:study_home")) == due_on(reverse("quizzes:progress"))
    check_page(page)


def test_an_empty_answer_is_asked_again_and_an_undo_message_goes_with_the_next_card(
    page, language, django_user_model
):
    words = TEXT[language]
    article = Article.objects.get(document=make_document(RIVER_PAGE, "river.md"))
    learner = account(django_user_model, "xue", "learner")
    sign_in(page, learner)
    visit(page, article.get_absolute_url())
    click_through(page, page.get_by_role("button", name=words["study_this"]))
    for _ in range(12):
        if page.locator("#card .question input[name=answer]").count():
            break
        answer_untyped_card(page)
    answer_typed_card(page, "")  # Enter on empty fields asks again rather than counting 重来
    expect(page.locator("#card .question")).to_contain_text(words["not_answered"])
    assert not ReviewLog.objects.filter(user=learner, correct=False).exists()
    check_page(page)
    with page.expect_response(lambda r: r.request.method == "POST"):
        page.get_by_role("button", name=words["give_up"]).click()
    expect(page.locator("#feedback")).to_be_visible()
    assert ReviewLog.objects.filter(user=learner, rating=1, correct=False).count() == 1

    click_through(page, page.get_by_role("button", name=words["undo"]))
    expect(page.locator("#messages")).to_contain_text(words["undone"])
    assert not ReviewLog.objects.filter(user=learner).exclude(rating=3).exists()
    if page.locator("#card .question input[name=answer]").count():
        answer_typed_card(page, "错字")
    else:
        answer_untyped_card(page)
    expect(page.locator("#messages")).not_to_contain_text(words["undone"])
    check_page(page)


def test_the_generation_bar_says_how_far_it_is_and_how_many_items_came(
    page, language, django_user_model
):
    words = TEXT[language]
    teacher = account(django_user_model, "laoshi", "teacher")
    document = make_document(RIVER_PAGE, "river.md", owner=teacher)
    Generation.objects.filter(document=document).update(
        state=Generation.State.RUNNING, done=1, total=2, updated_at=timezone.now()
    )
    sign_in(page, teacher)
    visit(page, document.get_absolute_url())
    bar = page.locator("#generation")
    expect(bar).to_contain_text(words["generating"])
    expect(bar.locator("progress")).to_have_attribute("value", "1")
    check_page(page)
    Generation.objects.filter(document=document).update(state=Generation.State.DONE, done=2)
    made = StudyItem.objects.active().of_document(document).count()
    expect(bar).to_contain_text(f"{made} {words['generated']}", timeout=5000)
    expect(bar.get_by_role("link")).to_have_attribute(
        "href",
        reverse("quizzes:item_list", args=[document.articles.order_by("position").first().pk]),
    )


def test_assignment_results_put_the_hardest_question_first(page, language, django_user_model):
    teacher = account(django_user_model, "laoshi", "teacher")
    article = Article.objects.get(document=make_document(RIVER_PAGE, "river.md", owner=teacher))
    classroom = Classroom.objects.create(name="一班", teacher=teacher)
    items = list(StudyItem.objects.active().filter(article=article)[:3])
    assignment = Assignment.objects.create(
        classroom=classroom,
        article=article,
        kinds=sorted({item.kind for item in items}),
        item_ids=[item.pk for item in items],
        due_at=timezone.now() + timedelta(days=1),
    )
    rights = {items[0].pk: [True, True], items[1].pk: [False, True]}  # items[2]: unanswered
    for n in range(2):
        test = PracticeTest.objects.create(
            user=account(django_user_model, f"xue{n}", "learner"),
            article=article,
            assignment=assignment,
            started_at=timezone.now(),
            finished_at=timezone.now(),
        )
        for position, (item_id, right) in enumerate(rights.items(), start=1):
            PracticeAnswer.objects.create(
                test=test, item_id=item_id, position=position, correct=right[n]
            )
    page.set_viewport_size({"width": 390, "height": 800})
    sign_in(page, teacher)
    visit(page, reverse("quizzes:assignment_detail", args=[assignment.pk]))
    rows = page.locator("section[aria-labelledby=questions-title] tbody tr")
    expect(rows).to_have_count(3)
    shares = [rows.nth(n).locator("td").last.inner_text().strip() for n in range(3)]
    assert shares == ["50%", "100%", "—"]  # the hardest first, the unanswered last
    for n, item in enumerate([items[1], items[0], items[2]]):
        link = rows.nth(n).locator("a")
        assert link.get_attribute("href") == item.get_absolute_url()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    check_page(page)
