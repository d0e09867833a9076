"""In English: a buyer resets a forgotten password, then changes its contact e-mail with a code."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import OrganisationFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NEW_PASSWORD = "Brand-new-Taipei-2026"


def test_password_reset_and_contact_email_change(page, mailbox, assert_accessible):
    organisation = OrganisationFactory(tax_id="04541302", account__email="office@example.com")
    page.goto("/")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.get_by_role("link", name="Log in").click()
    page.get_by_role("link", name="Forgotten your password?").click()
    assert_accessible(page)
    page.get_by_label("Email").fill("office@example.com")
    page.get_by_role("button", name=re.compile("Reset", re.I)).click()
    assert_accessible(page)

    [mail] = mailbox.wait_for(to="office@example.com")
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+", mail.body).group(0)
    page.goto("/" + link.split("://", 1)[1].split("/", 1)[1])
    assert_accessible(page)
    page.get_by_label("New Password", exact=False).first.fill(NEW_PASSWORD)
    page.get_by_label(re.compile("again", re.I)).fill(NEW_PASSWORD)
    page.get_by_role("button", name=re.compile("Change Password", re.I)).click()
    assert_accessible(page)

    page.goto("/accounts/login/")
    page.get_by_label("Unified Business Number or e-mail").fill("office@example.com")
    page.get_by_label("Password:", exact=True).fill(NEW_PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My organisation")

    page.get_by_role("link", name="Change contact e-mail").click()
    assert_accessible(page)
    page.get_by_label("New contact e-mail").fill("purchasing@example.com")
    page.get_by_role("button", name="Send a code to the new address").click()
    assert_accessible(page)
    mail = mailbox.wait_for(to="purchasing@example.com")[-1]
    code = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", mail.body, re.MULTILINE).group(1)
    page.get_by_label("Verification code").fill(code)
    page.get_by_role("button", name="Verify", exact=True).click()

    page.goto("/organisation/")
    expect(page.get_by_text("purchasing@example.com")).to_be_visible()
    organisation.account.refresh_from_db()
    assert organisation.account.email == "purchasing@example.com"
