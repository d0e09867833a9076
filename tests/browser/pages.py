"""Steps every browser journey shares."""

from tests.factories import PASSWORD, totp_code


def english_page(browser, live_server):
    """A fresh browser (its own cookies) reading the portal in English."""
    context = browser.new_context(locale="en-US", base_url=live_server.url)
    context.set_default_timeout(15_000)
    context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    return context.new_page()


def log_in(page, username, start="/accounts/login/"):
    """Log in from ``start`` (the portal's log-in), in English."""
    page.goto(start)
    page.get_by_label("Unified Business Number or e-mail").fill(username)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()


def log_in_staff(page, username):
    """Staff log in from /admin/ in two steps: the password, then the authenticator app's
    code (tests/factories.py sets every staff member's app up)."""
    log_in(page, username, start="/admin/")
    page.locator('input[name="code"]').fill(totp_code())
    page.get_by_role("button", name="Sign In").click()
