"""Sign up and change the password in a real browser; every page through the quality gate."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.quality import click_through, visit
from tests.browser.site import site_menu

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-pass-phrase-2024"
NEW_PASSWORD = "another-long-phrase-2025"


@pytest.fixture(params=["zh-hans", "en"])
def language(request, context, site_url) -> str:
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": request.param, "url": site_url}]
    )
    return request.param


def test_it_signs_up_then_changes_the_password(page, language):
    visit(page, reverse("login"))
    click_through(page, page.locator(f"main a[href='{reverse('signup')}']"))
    page.locator("#id_username").fill("xiaoming")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill("not-the-same-2024")
    click_through(page, page.locator("main form button[type=submit]"), status=400)
    expect(page.locator("#id_password2_error")).to_be_visible()

    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    click_through(page, page.locator("main form button[type=submit]"))
    assert page.url.endswith(reverse("corpus:library"))
    expect(site_menu(page).locator(".account .who")).to_contain_text("xiaoming")

    click_through(page, site_menu(page).locator(".account .who"))
    page.locator("#id_old_password").fill(PASSWORD)
    page.locator("#id_new_password1").fill(NEW_PASSWORD)
    page.locator("#id_new_password2").fill(NEW_PASSWORD)
    click_through(page, page.locator("main form button[type=submit]"))
    assert page.url.endswith(reverse("password_change_done"))
    assert get_user_model().objects.get(username="xiaoming").check_password(NEW_PASSWORD)
