"""Buyer registration (參.一(四)): the sign-up form, its refusals, activation by code."""

import re

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts.models import Organisation, User
from tests.factories import PASSWORD, OrganisationFactory

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


def test_the_account_cannot_log_in_until_the_code_is_entered(client, mailbox):
    client.post(SIGNUP_URL, signup_data())
    [mail] = mailbox.wait_for(to="contact@example.com")
    client.logout()

    response = client.post(reverse("account_login"), {"login": "22099131", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == CODE_URL
    assert "_auth_user_id" not in client.session

    # Logging in again sent a fresh code; the newest one activates the account.
    mails = mailbox.wait_for(to="contact@example.com", count=2)
    response = client.post(CODE_URL, {"code": code_from(mails[-1])})
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="contact@example.com").verified
    assert client.get(reverse("accounts:organisation")).status_code == 200


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
