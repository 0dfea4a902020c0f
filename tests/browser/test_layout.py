"""Every page on a 390 px phone, for a visitor, a learner and a teacher, in Chinese and then in
English (switched with the footer's buttons): no page is wider than the screen and the header is
one row. The header's menu opens by keyboard and without JavaScript; a wide screen shows the whole
navigation in the bar. Every page passes the quality gate."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from corpus.models import ImportJob
from quizzes.models import Classroom, LiveSession, PracticeTest, StudyItem
from quizzes.practice import practice_test_create
from quizzes.roles import grant_role
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.quality import check_page, click_through, visit
from tests.browser.site import site_menu

pytestmark = pytest.mark.django_db(transaction=True)

ONE_ROW = 64  # px: the brand and the menu button side by side, with the bar's padding
PASSWORDS = {"teacher": "xueer-teacher", "learner": "xueer-learner"}  # seed_demo's accounts


@pytest.fixture
def demo(live_server) -> dict[str, str]:
    """`make run`'s demo, and what the pages need beyond it; the URL names, filled in."""
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    users = get_user_model().objects
    teacher, learner = users.get(username="teacher"), users.get(username="learner")
    classroom = Classroom.objects.get()
    assignment = classroom.assignments.get()
    article = assignment.article
    item = StudyItem.objects.filter(article=article, kind="cloze").first()
    # One fact is one item: the demo's key points are lists to recall and its definitions the
    # clozes of their terms, so the flashcard whose back the layout checks is a teacher's.
    flashcard = StudyItem.objects.create(
        article=article,
        section=item.section,
        key="layout-flashcard",
        kind=StudyItem.Kind.DEFINITION,
        origin=StudyItem.Origin.ADDED,
        prompt="什么是基本公共服务？",
        answers=["保障全体人民生存和发展基本需要的公共服务"],
    )
    finished = PracticeTest.objects.get(user=learner, assignment=assignment)
    unfinished = practice_test_create(
        user=learner,
        article=article,
        section=None,
        kinds=["cloze"],
        size=2,
        time_limit=None,
        now=timezone.now(),
    )
    live = LiveSession.objects.create(
        teacher=teacher,
        article=article,
        item_ids=list(
            StudyItem.objects.filter(
                article=article, kind="cloze", options__isnull=False
            ).values_list("pk", flat=True)
        ),
    )
    job = ImportJob.objects.create(
        user=teacher,
        filename="page.pdf",
        state=ImportJob.State.READY,
        format="pdf",
        text=article.document.original_text,
    )
    article_id, document_id = [article.pk], [article.document_id]
    return {
        "library": reverse("corpus:library"),
        "document": article.document.get_absolute_url(),
        "article": article.get_absolute_url(),
        "item": item.get_absolute_url(),
        "answer": reverse("quizzes:item_answer", args=[item.pk]),
        "item_list": reverse("quizzes:item_list", args=article_id),
        "item_add": reverse("quizzes:item_add", args=article_id),
        "item_edit": reverse("quizzes:item_edit", args=[item.pk]),
        "outline": reverse("quizzes:document_outline", args=document_id),
        "import": reverse("corpus:document_import"),
        "import_job": reverse("corpus:document_import_job", args=[job.pk]),
        "study": reverse("quizzes:study_home"),
        "choose": reverse("quizzes:study_choose"),
        "settings": reverse("quizzes:study_settings"),
        "review": reverse("quizzes:study_review"),
        "reveal": reverse("quizzes:study_reveal", args=[flashcard.pk]),
        "mistakes": reverse("quizzes:study_mistakes"),
        "tests": reverse("quizzes:practice_list"),
        "new_test": reverse("quizzes:practice_new"),
        "test": unfinished.get_absolute_url(),
        "result": finished.get_absolute_url(),
        "recite": reverse("quizzes:recite", args=article_id),
        "progress": reverse("quizzes:progress"),
        "classes": reverse("quizzes:class_list"),
        "class": classroom.get_absolute_url(),
        "join_class": reverse("quizzes:class_join"),
        "dashboard": reverse("quizzes:class_dashboard", args=[classroom.pk]),
        "class_learner": reverse("quizzes:class_learner", args=[classroom.pk, learner.pk]),
        "assignment_new": reverse("quizzes:assignment_new", args=[classroom.pk]),
        "assignment": assignment.get_absolute_url(),
        "live_new": reverse("quizzes:live_new"),
        "live_host": reverse("quizzes:live_host", args=[live.pk]),
        "live_join": f"{reverse('live_join')}?pin={live.pin}",
        "live_play": reverse("quizzes:live_play", args=[live.pk]),
        "flags": reverse("quizzes:flag_list"),
        "password": reverse("password_change"),
        "password_done": reverse("password_change_done"),
        "login": reverse("login"),
        "signup": reverse("signup"),
    }


PAGES = {
    "visitor": ["library", "document", "article", "live_join", "login", "signup"],
    "learner": [
        "library", "document", "article", "item", "answer", "import", "study", "choose",
        "settings", "review", "reveal", "mistakes", "tests", "new_test", "test", "result",
        "recite", "progress", "classes", "class", "join_class", "password", "password_done",
        "live_join", "live_play",
    ],
    "teacher": [
        "library", "document", "article", "item_list", "item", "item_add", "item_edit",
        "outline", "import", "import_job", "study", "progress", "classes", "class",
        "dashboard", "class_learner", "assignment_new", "assignment", "live_new", "live_host",
        "flags", "password",
    ],
}  # fmt: skip


def sign_in(page, username: str) -> None:
    visit(page, reverse("login"))
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORDS[username])
    click_through(page, page.locator("main form button[type=submit]"))


def join_the_game(page) -> None:
    """The live game's phone page exists once the learner has joined, with a nickname."""
    page.locator("#id_nickname").fill("小学")
    click_through(page, page.locator("main form button[type=submit]"))


def too_wide_or_tall(page, language: str, name: str) -> list[str]:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    # The live quiz's projector is a page of its own, without the site's header.
    header = 0 if name == "live_host" else page.locator(".site-header").bounding_box()["height"]
    problems = []
    if width > PHONE["width"]:
        problems.append(f"{language} {name} ({page.url}): {width} px wide")
    if header > ONE_ROW:
        problems.append(f"{language} {name} ({page.url}): the header is {header:.0f} px high")
    return problems


@pytest.mark.parametrize("role", ["visitor", "learner", "teacher"])
def test_every_page_fits_a_phone_in_both_languages(page, demo, role):
    if role != "visitor":
        sign_in(page, role)
    problems = []
    for language in ("zh-hans", "en"):
        for name in PAGES[role]:
            visit(page, demo[name])
            expect(page.locator("html")).to_have_attribute("lang", language)
            if name == "live_join" and page.locator("#id_nickname").count() and role != "visitor":
                join_the_game(page)  # so that the game's phone page (live_play) exists
            problems += too_wide_or_tall(page, language, name)
        if language == "zh-hans":
            click_through(page, page.locator("footer .language-switch button[value=en]"))
    assert not problems, "\n".join(problems)


def test_the_menu_opens_and_closes_by_keyboard(page, demo):
    sign_in(page, "teacher")
    button = page.get_by_role("button", name="菜单")
    menu = page.locator("#site-menu")
    expect(menu).to_be_hidden()
    button.focus()
    page.keyboard.press("Enter")
    expect(menu).to_be_visible()
    check_page(page)
    page.keyboard.press("Tab")  # into the menu, the next thing after its button
    expect(menu.get_by_role("link", name="书库")).to_be_focused()
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    expect(button).to_be_focused()
    button.press(" ")
    click_through(page, menu.get_by_role("link", name="班级"))
    expect(page.get_by_role("heading", level=1)).to_have_text("班级")
    expect(site_menu(page).locator("a[aria-current=page]")).to_have_text("班级")


@pytest.mark.parametrize("javascript", [False], indirect=True, ids=["no-javascript"])
def test_the_menu_works_without_javascript(page, demo):
    sign_in(page, "learner")
    page.get_by_role("button", name="菜单").click()
    click_through(page, page.locator("#site-menu").get_by_role("link", name="进度"))
    assert page.url.endswith(demo["progress"])
    page.get_by_role("button", name="菜单").click()
    click_through(page, page.locator("#site-menu").get_by_role("button", name="退出"))
    expect(page.get_by_role("button", name="菜单")).to_be_visible()


@pytest.mark.parametrize("viewport", [DESKTOP], indirect=True)
def test_a_wide_screen_shows_the_whole_navigation_in_one_row(page, demo):
    admin = get_user_model().objects.create_user(
        "administrator", password="a-long-pass-phrase-2024", is_staff=True
    )
    grant_role(admin, "teacher")  # the most links there are: a teacher who is also staff
    visit(page, reverse("login"))
    page.locator("#id_username").fill("administrator")
    page.locator("#id_password").fill("a-long-pass-phrase-2024")
    click_through(page, page.locator("main form button[type=submit]"))
    for language in ("zh-hans", "en"):
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator(".site-header .menu-button")).to_be_hidden()
        expect(page.locator("#site-menu nav a")).to_have_count(7)
        for link in page.locator("#site-menu nav a").all():
            expect(link).to_be_visible()
        expect(page.locator("#site-menu .account .who")).to_be_visible()
        assert page.locator(".site-header").bounding_box()["height"] <= ONE_ROW
        assert page.evaluate("() => document.documentElement.scrollWidth") <= DESKTOP["width"]
        if language == "zh-hans":
            click_through(page, page.locator("footer .language-switch button[value=en]"))
