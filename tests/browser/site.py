"""The site's header in a browser test: on a phone its links sit behind the menu button."""

from playwright.sync_api import Locator, Page, expect


def site_menu(page: Page) -> Locator:
    """The header's navigation and account, after opening the menu when a phone hides them."""
    menu = page.locator("#site-menu")
    button = page.locator(".site-header .menu-button")
    if button.is_visible() and not menu.is_visible():
        button.click()
    expect(menu).to_be_visible()
    return menu
