"""The projector under a server that cannot push (WSGI, Django's test server): it fetches its
stage every second, and its sounds still come once each (the last seconds tick once a second,
although every fetch brings the countdown back anew)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from quizzes.models import LiveSession
from tests.browser.conftest import DESKTOP
from tests.browser.quality import check_page
from tests.browser.test_live import projector_open

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("viewport", [DESKTOP], indirect=True)
def test_a_polling_projector_ticks_once_a_second_and_reveals_at_time_up(page, django_user_model):
    live = projector_open(page, django_user_model, questions=1)
    assert page.locator("main[data-sse-connect]").count() == 0  # no push here: it polls
    page.locator("[data-sound-toggle]").click()
    page.keyboard.press(" ")
    expect(page.locator("#stage")).to_have_attribute("data-state", "question")
    body = page.locator("body")
    expect(body).to_have_attribute("data-sounds-played", "tick question")

    LiveSession.objects.filter(pk=live.pk).update(closes_at=timezone.now() + timedelta(seconds=4))
    page.reload()  # the countdown from the new closing time; the same stage plays nothing
    expect(page.locator("#stage")).to_have_attribute("data-state", "results", timeout=9000)
    # Four seconds at most, each ticked once, although the stage came again every second.
    expect(body).to_have_attribute("data-sounds-played", re.compile(r"^(tick ){1,4}reveal$"))
    check_page(page)
