"""A class in a real browser: the teacher creates it and assigns a quiz, a learner joins with the
code and takes it, the teacher reads the results. Every page passes the quality harness."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from corpus.models import Article
from quizzes.models import Classroom
from tests.browser.conftest import PHONE
from tests.browser.quality import click_through, visit, watch
from tests.browser.test_study import sign_in
from tests.browser.texts import RIVER_PAGE, RIVER_TITLE, make_document

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(params=["zh-hans", "en"])
def language(request, context, site_url) -> str:
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": request.param, "url": site_url}]
    )
    return request.param


def make_account(django_user_model, name, role):
    from quizzes.roles import grant_role

    user = django_user_model.objects.create_user(name, password="a-long-pass-phrase-2024")
    grant_role(user, role)
    return user


def test_a_class_from_join_code_to_results(page, context, site_url, django_user_model, language):
    make_document(RIVER_PAGE, "river.md")
    article = Article.objects.get(title=RIVER_TITLE)
    teacher = make_account(django_user_model, "laoshi", "teacher")
    learner = make_account(django_user_model, "xuesheng", "learner")

    sign_in(page, teacher)
    visit(page, reverse("quizzes:class_list"))
    page.locator("#id_name").fill("理论学习一班")
    click_through(page, page.locator("main form button[type=submit]"))
    code = Classroom.objects.get().join_code
    expect(page.locator(".join-code")).to_have_text(code)
    click_through(
        page,
        page.locator(
            f"main a[href='{reverse('quizzes:assignment_new', args=[Classroom.objects.get().pk])}']"
        ),
    )
    page.locator("#id_article").select_option(str(article.pk))
    click_through(page, page.locator("main form button[type=submit]"))
    page.locator("#id_size").fill("3")
    due = timezone.localtime() + timedelta(days=2)
    page.locator("#id_due_at").fill(due.strftime("%Y-%m-%dT%H:%M"))
    # The form previews its questions or sets them: set them.
    click_through(page, page.locator("main form button[type=submit].primary"))

    student = context.browser.new_context(base_url=site_url, locale="zh-CN", viewport=PHONE)
    student.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": site_url}]
    )
    phone = student.new_page()
    watch(phone, site_url)
    sign_in(phone, learner)
    visit(phone, reverse("quizzes:class_join"))
    phone.locator("#id_code").fill(code.lower())
    click_through(phone, phone.locator("main form button[type=submit]"))
    click_through(phone, phone.locator("main form button[type=submit]"))  # start the assignment
    click_through(phone, phone.locator("form.practice-test button[type=submit]"))
    expect(phone.locator(".score")).to_be_visible()
    student.close()

    visit(page, Classroom.objects.get().assignments.get().get_absolute_url())
    expect(page.locator("main table").first).to_contain_text("xuesheng")
