"""Buyer registration (參.一(四)): the sign-up form, its refusals, activation by code."""

import re

import pytest
import time_machine
from allauth.account.internal.flows.email_verification_by_code import (
    EMAIL_VERIFICATION_CODE_SESSION_KEY,
)
from allauth.account.models import EmailAddress
from django.conf import settings
from django.test import Client
from django.urls import reverse

from accounts.models import Organisation, User
from tests.factories import PASSWORD, OrganisationFactory
from tops.models import OutgoingMail

pytestmark = pytest.mark.django_db

SIGNUP_URL = reverse("account_signup")
CODE_URL = reverse("account_email_verification_sent")


def signup_data(**overrides):
    data = {
        "username": "22099131",
        "type": "registered_company",
        "name": "台北好物股份有限公司",
        "representative": "陳志明",
        "industry": "C",
        "contact_name": "李怡君",
        "email": "contact@example.com",
        "contact_phone": "02-2720-8889 分機 6627",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return data


def code_from(mail):
    return re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", mail.body, re.MULTILINE).group(1)


def test_signup_records_the_organisation_and_mails_a_code(client, mailbox):
    response = client.post(SIGNUP_URL, signup_data())

    assert response.status_code == 302
    assert response.url == CODE_URL
    organisation = Organisation.objects.get(tax_id="22099131")
    assert organisation.account.username == "22099131"
    assert organisation.name == "台北好物股份有限公司"
    assert organisation.contact_phone == "tel:+886-2-2720-8889;ext=6627"
    assert organisation.contact_email == "contact@example.com"
    assert not EmailAddress.objects.get(email="contact@example.com").verified
    [mail] = mailbox.wait_for(to="contact@example.com")
    assert code_from(mail)


def codes_written(address="contact@example.com") -> int:
    """The mails to ``address`` the portal has written (the outbox, at once; the mailbox
    receives them when a worker has sent them)."""
    return OutgoingMail.objects.filter(to=[address]).count()


def test_the_account_cannot_log_in_until_the_code_is_entered(client, mailbox):
    client.post(SIGNUP_URL, signup_data())
    [mail] = mailbox.wait_for(to="contact@example.com")

    response = client.post(reverse("account_login"), {"login": "22099131", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == CODE_URL
    assert "_auth_user_id" not in client.session

    # Logging in again in the same browser keeps the code already mailed: no new one.
    assert codes_written() == 1
    response = client.post(CODE_URL, {"code": code_from(mail)})
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="contact@example.com").verified
    assert client.get(reverse("accounts:organisation")).status_code == 200
    assert codes_written() == 1


def test_a_log_in_mails_no_code_and_the_page_offers_one(client, mailbox):
    """The code waiting in the browser was lost (the session ended): the log-in leads to the
    code page, which sends a new code only when asked for."""
    client.post(SIGNUP_URL, signup_data())
    mailbox.wait_for(to="contact@example.com")
    client.logout()

    response = client.post(
        reverse("account_login"), {"login": "contact@example.com", "password": PASSWORD}
    )
    assert response.url == CODE_URL
    page = client.get(CODE_URL).content.decode()
    assert 'name="action" value="resend"' in page
    assert 'name="code"' not in page, "no code is on its way: nothing to type yet"
    assert codes_written() == 1

    client.post(CODE_URL, {"action": "resend"})
    assert codes_written() == 2
    _, new = mailbox.wait_for(to="contact@example.com", count=2)
    assert 'name="code"' in client.get(CODE_URL).content.decode()
    client.post(CODE_URL, {"code": code_from(new)})
    assert EmailAddress.objects.get(email="contact@example.com").verified
    assert client.get(reverse("accounts:organisation")).status_code == 200


def new_code_limit() -> int:
    [rate] = settings.ACCOUNT_RATE_LIMITS["activation_code"].split(",")
    return int(rate.split("/")[0])


def test_new_codes_are_limited_per_account_whichever_identifier_was_typed(client, mailbox):
    """Up to the limit (3) an hour for one account, counted across browsers and log-ins by
    統一編號 or e-mail; the one more is refused with a message beside the button, and the
    latest code still works."""
    client.post(SIGNUP_URL, signup_data())
    mailbox.wait_for(to="contact@example.com")
    browsers = [Client() for _ in range(new_code_limit() + 1)]
    for number, browser in enumerate(browsers):
        browser.cookies["django_language"] = "en"
        login = "22099131" if number % 2 else "CONTACT@example.com"
        browser.post(reverse("account_login"), {"login": login, "password": PASSWORD})

    for browser in browsers[:-1]:
        assert browser.post(CODE_URL, {"action": "resend"}).status_code == 302
    assert codes_written() == 1 + new_code_limit()

    refused = browsers[-1].post(CODE_URL, {"action": "resend"})
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "You have asked for as many new codes as an account may in an hour." in html
    assert 'id="resend_error" role="alert"' in html
    first = browsers[0]
    code = first.session[EMAIL_VERIFICATION_CODE_SESSION_KEY]["code"]
    assert first.post(CODE_URL, {"action": "resend"}).status_code == 429
    assert codes_written() == 1 + new_code_limit()

    # The refusal leaves the code already mailed to that browser as it was.
    mails = mailbox.wait_for(to="contact@example.com", count=1 + new_code_limit())
    assert code in {code_from(mail) for mail in mails}
    first.post(CODE_URL, {"code": code})
    assert EmailAddress.objects.get(email="contact@example.com").verified


def test_a_changed_address_counts_as_a_new_code(client, mailbox):
    client.cookies["django_language"] = "en"
    client.post(SIGNUP_URL, signup_data())
    for _ in range(new_code_limit()):
        client.post(CODE_URL, {"action": "resend"})

    response = client.post(CODE_URL, {"action": "change", "email": "other@example.com"})
    assert response.status_code == 429
    assert "as many new codes as an account may" in response.content.decode()
    assert not EmailAddress.objects.filter(email="other@example.com").exists()
    assert codes_written("other@example.com") == 0


def test_an_invalid_new_address_is_shown_beside_the_form(client, mailbox):
    client.post(SIGNUP_URL, signup_data())
    response = client.post(CODE_URL, {"action": "change", "email": "not-an-address"})
    assert response.status_code == 200
    assert response.context["change_form"].errors["email"]
    assert codes_written() == 1


def test_a_new_code_is_valid_for_its_full_ten_minutes(client, mailbox):
    """Even past the quarter of an hour a log-in may wait (allauth's LOGIN_TIMEOUT): logging
    in again in the same browser keeps the code."""
    with time_machine.travel("2026-11-26 10:00 +0800", tick=False) as traveller:
        client.post(SIGNUP_URL, signup_data())
        traveller.shift(9 * 60)
        client.post(CODE_URL, {"action": "resend"})
        _, new = mailbox.wait_for(to="contact@example.com", count=2)
        traveller.shift(9 * 60)
        client.post(reverse("account_login"), {"login": "22099131", "password": PASSWORD})
        client.post(CODE_URL, {"code": code_from(new)})
    assert codes_written() == 2
    assert EmailAddress.objects.get(email="contact@example.com").verified


def test_a_code_expires_after_ten_minutes(client, mailbox):
    with time_machine.travel("2026-11-26 10:00 +0800", tick=False) as traveller:
        client.post(SIGNUP_URL, signup_data())
        [mail] = mailbox.wait_for(to="contact@example.com")
        traveller.shift(10 * 60 + 1)
        response = client.post(CODE_URL, {"code": code_from(mail)}, follow=True)
    assert not EmailAddress.objects.get(email="contact@example.com").verified
    assert response.redirect_chain  # sent back, no longer on a live verification


def test_wrong_codes_are_limited(client, mailbox):
    client.post(SIGNUP_URL, signup_data())
    [mail] = mailbox.wait_for(to="contact@example.com")
    for _ in range(5):
        client.post(CODE_URL, {"code": "WRONG1"})
    # After five wrong tries even the right code no longer works.
    client.post(CODE_URL, {"code": code_from(mail)})
    assert not EmailAddress.objects.get(email="contact@example.com").verified


def test_a_new_code_can_be_asked_for(client, mailbox):
    client.post(SIGNUP_URL, signup_data())
    mailbox.wait_for(to="contact@example.com")
    page = client.get(CODE_URL)
    assert 'name="action" value="resend"' in page.content.decode()

    client.post(CODE_URL, {"action": "resend"})

    first, second = mailbox.wait_for(to="contact@example.com", count=2)
    assert code_from(first) != code_from(second)
    client.post(CODE_URL, {"code": code_from(second)})
    assert EmailAddress.objects.get(email="contact@example.com").verified


def assert_refused(response, field, code):
    assert response.status_code == 200, "the form should be shown again"
    errors = response.context["form"].errors.as_data()
    assert field in errors, errors
    assert code in [error.code for error in errors[field]]
    assert not User.objects.filter(email="contact@example.com").exists()


def test_a_wrong_check_digit_is_refused_and_everything_typed_is_kept(client):
    response = client.post(SIGNUP_URL, signup_data(username="22099132"))

    assert_refused(response, "username", "check_digit")
    html = response.content.decode()
    for typed in [
        "22099132",
        "台北好物股份有限公司",
        "陳志明",
        "李怡君",
        "contact@example.com",
        "02-2720-8889 分機 6627",
    ]:
        assert f'value="{typed}"' in html, typed
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_username_helptext id_username_error"' in html


def test_a_number_no_organisation_holds_is_refused_like_a_wrong_check_digit(client):
    response = client.post(SIGNUP_URL, signup_data(username="00000000"))
    assert_refused(response, "username", "check_digit")
    assert "00000000 不是有效的統一編號：檢查碼不符" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("zh-hant", "22099132 不是有效的統一編號：檢查碼不符"),
        ("en", "22099132 is not a valid Unified Business Number: its check digit does not match"),
    ],
)
def test_the_message_is_in_the_users_language(client, language, message):
    client.cookies["django_language"] = language
    response = client.post(SIGNUP_URL, signup_data(username="22099132"))
    assert message in response.content.decode()


@pytest.mark.parametrize("typed", ["2209913", "220991311", "2209913A", "٢٢٠٩٩١٣١"])
def test_anything_but_eight_ascii_digits_is_refused(client, typed):
    assert_refused(client.post(SIGNUP_URL, signup_data(username=typed)), "username", "format")


def test_full_width_digits_are_read_as_the_same_number(client, mailbox):
    client.post(SIGNUP_URL, signup_data(username="２２０９９１３１"))
    assert Organisation.objects.get().tax_id == "22099131"


def test_a_taken_tax_id_says_so_and_points_to_password_reset(client):
    OrganisationFactory(tax_id="22099131")
    response = client.post(SIGNUP_URL, signup_data())
    assert_refused(response, "username", "taken")
    assert f'href="{reverse("account_reset_password")}"' in response.content.decode()


def test_a_taken_email_opens_no_account_and_tells_only_its_owner(client, mailbox):
    """The page does not say whether the address has an account (that would tell anyone);
    the address's owner is told that someone tried."""
    OrganisationFactory(tax_id="04541302", account__email="contact@example.com")
    response = client.post(SIGNUP_URL, signup_data())
    assert response.status_code == 302
    assert not Organisation.objects.filter(tax_id="22099131").exists()
    assert mailbox.wait_for(to="contact@example.com")


@pytest.mark.parametrize("phone", ["12345", "02-1234", "+1 650 253 0000", "0912-345-678 #12"])
def test_a_malformed_phone_is_refused(client, phone):
    response = client.post(SIGNUP_URL, signup_data(contact_phone=phone))
    assert response.status_code == 200
    assert "contact_phone" in response.context["form"].errors
    assert f'value="{phone}"' in response.content.decode()


@pytest.mark.parametrize("field", ["type", "name", "representative", "industry", "contact_name"])
def test_organisation_data_is_required(client, field):
    response = client.post(SIGNUP_URL, signup_data(**{field: ""}))
    assert response.status_code == 200
    assert field in response.context["form"].errors


def test_the_sign_up_page_shows_the_personal_data_notice(client):
    html = client.get(SIGNUP_URL, HTTP_ACCEPT_LANGUAGE="zh-TW").content.decode()
    assert "個人資料" in html
    assert "ea-40037@gov.taipei" in html


def test_the_registry_fills_in_the_name_and_representative_left_empty(client, registry):
    client.cookies["django_language"] = "en"
    registry.found("22099131", Company_Name="台北好物股份有限公司", Responsible_Name="陳志明")
    typed = signup_data(username="２２０９９１３１", name="", representative="", type="")
    response = client.post(SIGNUP_URL, {**typed, "registry_lookup": "1"})
    assert response.status_code == 200
    assert not Organisation.objects.exists()
    html = response.content.decode()
    assert 'value="台北好物股份有限公司"' in html and 'value="陳志明"' in html
    assert '<option value="registered_company" selected>' in html
    assert 'value="contact@example.com"' in html  # the rest as typed
    assert PASSWORD not in html
    filled = "Organisation&#x27;s full name, Representative&#x27;s name, Organisation type."
    assert f"Filled in from the company registry: {filled}" in html


def test_the_registry_never_replaces_what_was_typed(client, registry):
    client.cookies["django_language"] = "en"
    registry.found("22099131", Company_Name="臺北好物股份有限公司", Responsible_Name="林美玲")
    response = client.post(SIGNUP_URL, {**signup_data(), "registry_lookup": "1"})
    html = response.content.decode()
    assert 'value="台北好物股份有限公司"' in html and 'value="陳志明"' in html
    assert "林美玲" not in html


def test_a_number_the_registry_does_not_hold_is_said_and_the_form_kept(client, registry):
    client.cookies["django_language"] = "en"
    response = client.post(SIGNUP_URL, {**signup_data(name=""), "registry_lookup": "1"})
    html = response.content.decode()
    assert "The company registry has no company with this number." in html
    assert 'value="陳志明"' in html


def test_without_the_registry_sign_up_goes_on_and_staff_will_check(client, registry, mailbox):
    client.cookies["django_language"] = "en"
    registry.answers["22099131"] = ("slow", 2, [])
    response = client.post(SIGNUP_URL, {**signup_data(), "registry_lookup": "1"})
    assert response.status_code == 200
    assert "staff will check them against the registry" in response.content.decode()
    client.post(SIGNUP_URL, signup_data())
    assert Organisation.objects.get().name == "台北好物股份有限公司"


def test_the_lookup_form_alone_fills_in_the_sign_up_form(client, registry):
    """The lookup is its own small form (Enter in the sign-up form always registers): it sends
    the number alone, and the sign-up form comes back with it and what the registry holds."""
    client.cookies["django_language"] = "en"
    registry.found("22099131", Company_Name="台北好物股份有限公司", Responsible_Name="陳志明")
    html = client.get(SIGNUP_URL).content.decode()
    assert f'action="{SIGNUP_URL}?registry=1"' in html
    response = client.post(
        f"{SIGNUP_URL}?registry=1", {"username": "22099131", "registry_lookup": "1"}
    )
    html = response.content.decode()
    assert html.count('value="22099131"') == 2  # the lookup's field and the sign-up form's
    assert 'value="台北好物股份有限公司"' in html and 'value="陳志明"' in html
    assert "errorlist" not in html


def test_registry_lookups_from_one_address_are_limited(client, registry):
    client.cookies["django_language"] = "en"
    registry.found("22099131")
    for _ in range(10):
        client.post(f"{SIGNUP_URL}?registry=1", {"username": "22099131", "registry_lookup": "1"})
    response = client.post(
        f"{SIGNUP_URL}?registry=1", {"username": "22099131", "registry_lookup": "1"}
    )
    assert "Many lookups have come from your connection." in response.content.decode()
    assert response.status_code == 200
