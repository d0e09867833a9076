"""The mails allauth sends about an account are the portal's own, in the reader's language,
signed by the portal and linking to its public address (SITE_DOMAIN)."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.factories import PASSWORD, OrganisationFactory

pytestmark = pytest.mark.django_db

SIGNATURE = {"zh-hant": "TOPS 專線服務窗口", "en": "TOPS service window"}


def text(language, msgid):
    with translation.override(language):
        return translation.gettext(msgid)


@pytest.fixture
def organisation():
    return OrganisationFactory(tax_id="22099131", account__email="buyer@example.com")


@pytest.fixture
def public_address(settings):
    settings.SITE_DOMAIN = "tops.gov.taipei"
    settings.HTTPS = True
    return "https://tops.gov.taipei"


def in_language(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.mark.parametrize("language", SIGNATURE)
def test_the_password_reset_mail_is_the_portals_own(
    client, organisation, mailbox, public_address, language
):
    in_language(client, language).post(
        reverse("account_reset_password"), {"email": "buyer@example.com"}
    )
    [mail] = mailbox.wait_for(to="buyer@example.com")
    # strip(): a subject read back from a mail file may keep its folded header's space.
    assert mail.subject.strip() == "[TOPS 台北好購] " + text(language, "Reset your password")
    assert text(language, "Hello,") in mail.body
    assert SIGNATURE[language] in mail.body
    assert "22099131" in mail.body  # how to log in
    assert re.search(re.escape(public_address) + r"/accounts/password/reset/key/\S+", mail.body), (
        mail.body
    )
    for stock in ("localhost", "example.com!", "Hello from", "Thank you for using", "testserver"):
        assert stock not in mail.body


@pytest.mark.parametrize("language", SIGNATURE)
def test_a_changed_password_is_told_in_the_portals_words(
    client, organisation, mailbox, public_address, language
):
    client.login(username="22099131", password=PASSWORD)
    new = "a-new-Taipei-password-9"
    in_language(client, language).post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": new, "password2": new},
    )
    [mail] = mailbox.wait_for(to="buyer@example.com")
    assert mail.subject.strip() == "[TOPS 台北好購] " + text(language, "Your password was changed")
    assert text(language, "Your password was changed.") in mail.body
    assert SIGNATURE[language] in mail.body
    assert "localhost" not in mail.body and "Thank you for using" not in mail.body


def test_the_stock_templates_are_all_replaced():
    """Every mail template allauth has for accounts, used or not, is the portal's."""
    from pathlib import Path

    import allauth

    stock = Path(allauth.__file__).parent / "templates" / "account" / "email"
    ours = Path(settings.BASE_DIR) / "templates" / "account" / "email"
    used = {
        name.name
        for name in stock.glob("*.txt")
        if not name.name.startswith(("login_code", "password_reset_code", "unknown_account"))
    }
    assert used <= {name.name for name in ours.glob("*.txt")}
