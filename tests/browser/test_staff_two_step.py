"""In English: a reviewer without an authenticator app is sent to set one up before the admin
opens, reads the secret off the page into the app, keeps the recovery codes, and logs in from
then on with the password and the app's code; a wrong code is refused."""

import re
import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from playwright.sync_api import expect

from tests.browser.pages import english_page, log_in
from tests.builders import staff
from tests.factories import PASSWORD, totp_code

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def code_of_the_moment(secret: str) -> str:
    """The app's code, with enough of its period left to be typed and sent."""
    left = mfa_settings.TOTP_PERIOD - time.time() % mfa_settings.TOTP_PERIOD
    if left < 5:
        time.sleep(left + 0.1)
    return totp_code(secret)


def another_code(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_a_reviewer_sets_up_the_authenticator_app_and_logs_in_with_it(
    browser, live_server, assert_accessible
):
    staff("Reviewer", "new.reviewer", email="new.reviewer@example.gov.taipei", two_step=False)
    page = english_page(browser, live_server)

    log_in(page, "new.reviewer", start="/admin/")
    # The admin does not open yet: first the authenticator app, after the password again.
    expect(page.get_by_text("Staff log in in two steps.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm Access")
    assert_accessible(page)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Activate Authenticator App")
    assert_accessible(page)

    # The secret is on the page as text too, for an app that cannot scan the QR code.
    secret = page.get_by_label("Authenticator secret").input_value()
    assert re.fullmatch(r"[A-Z2-7]{16,}", secret)
    code = code_of_the_moment(secret)
    page.get_by_label("Authenticator code").fill(another_code(code))
    page.get_by_role("button", name="Activate").click()
    expect(page.get_by_text("Incorrect code.", exact=True)).to_be_visible()  # beside the field
    page.get_by_label("Authenticator code").fill(code_of_the_moment(secret))
    page.get_by_role("button", name="Activate").click()

    # The recovery codes are shown, to be kept somewhere safe.
    expect(page).to_have_url(re.compile(r"/accounts/2fa/recovery-codes/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Recovery Codes")
    assert_accessible(page)
    codes = page.get_by_label("Unused codes").input_value().split()
    assert len(codes) == mfa_settings.RECOVERY_CODE_COUNT
    assert all(re.fullmatch(r"[a-z0-9]{8}", code) for code in codes)

    page.goto("/admin/")
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()
    page.get_by_role("button", name="Log out").click()

    # From now on: the password, then the app's code.
    log_in(page, "new.reviewer", start="/admin/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-Factor Authentication")
    assert_accessible(page)
    code = code_of_the_moment(secret)
    page.get_by_label("Code").fill(another_code(code))
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_text("Incorrect code.", exact=True)).to_be_visible()  # beside the field
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-Factor Authentication")
    page.get_by_label("Code").fill(code_of_the_moment(secret))
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()
    assert_accessible(page)
