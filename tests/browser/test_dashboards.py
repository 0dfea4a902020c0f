"""Both dashboards in a real browser, with `make run`'s demo data, in Chinese and English."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from quizzes.models import Classroom
from tests.browser.conftest import DESKTOP
from tests.browser.quality import click_through, visit
from tests.browser.site import site_menu

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in_as(page, username, password) -> None:
    visit(page, reverse("login"))
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    click_through(page, page.locator("main form button[type=submit]"))


@pytest.fixture
def demo(context, site_url, request):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": request.param, "url": site_url}]
    )
    return request.param


@pytest.mark.parametrize("demo", ["zh-hans", "en"], indirect=True)
def test_the_learner_sees_their_progress(page, demo):
    sign_in_as(page, "learner", "xueer-learner")
    click_through(page, site_menu(page).locator(f"nav a[href='{reverse('quizzes:progress')}']"))
    expect(page.locator(".heatmap rect")).to_have_count(365)
    # On a phone the year scrolls inside its box, which opens on the latest weeks.
    expect(page.locator(".heatmap rect").last).to_be_in_viewport()
    expect(page.locator(".heatmap rect").first).not_to_be_in_viewport()
    expect(page.locator(".heatmap .month").first).to_be_attached()
    forecast = page.locator("#forecast-title ~ .chart .column-chart")
    expect(forecast.locator("text.date")).to_have_count(5)  # a date a week under 30 days
    expect(forecast.locator("text.tick").first).to_have_text("0")
    expect(page.locator(".mastery li").first).to_be_visible()
    page.locator("section.dash details summary").first.click()
    expect(page.locator("section.dash details table").first).to_be_visible()
    click_through(page, page.locator(".weakest form button").first)  # one click: a practice test
    expect(page.locator("form.practice-test")).to_be_visible()


@pytest.mark.parametrize("viewport", [DESKTOP], indirect=True)
@pytest.mark.parametrize("demo", ["zh-hans", "en"], indirect=True)
def test_the_teacher_reads_the_class(page, demo):
    sign_in_as(page, "teacher", "xueer-teacher")
    classroom = Classroom.objects.get()
    visit(page, classroom.get_absolute_url())
    click_through(
        page,
        page.locator(f"main a[href='{reverse('quizzes:class_dashboard', args=[classroom.pk])}']"),
    )
    expect(page.locator("#learners-title ~ .table-wrap tbody tr")).to_have_count(7)
    click_through(page, page.locator("th a[href*='sort=retention']"))
    expect(page.locator("th[aria-sort]")).to_have_count(1)
    click_through(
        page, page.locator("#learners-title ~ .table-wrap tbody a").first
    )  # the drill-down
    expect(page.locator(".heatmap")).to_be_visible()
