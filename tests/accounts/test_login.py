"""Logging in with the 統一編號 or the e-mail, logging out, the lock after failures, passwords."""

import re

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, OrganisationFactory

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("account_login")


@pytest.fixture
def organisation():
    return OrganisationFactory(tax_id="22099131", account__email="buyer@example.com")


def logged_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize(
    "login", ["22099131", "２２０９９１３１", "buyer@example.com", "BUYER@example.com"]
)
def test_a_buyer_logs_in_with_its_tax_id_or_email(client, organisation, login):
    response = client.post(LOGIN_URL, {"login": login, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("accounts:organisation")
    assert logged_in(client)


def test_a_wrong_password_is_refused_with_a_message(client, organisation):
    client.cookies["django_language"] = "zh-hant"
    response = client.post(LOGIN_URL, {"login": "22099131", "password": "wrong"})
    assert response.status_code == 200
    assert not logged_in(client)
    assert response.context["form"].errors
    assert 'value="22099131"' in response.content.decode()


def test_after_five_failures_the_account_is_locked_for_a_while(client, organisation):
    for _ in range(5):
        client.post(LOGIN_URL, {"login": "22099131", "password": "wrong"})
    response = client.post(LOGIN_URL, {"login": "22099131", "password": PASSWORD})
    assert not logged_in(client)
    assert "登入嘗試失敗次數過多" in " ".join(response.context["form"].non_field_errors())

    # The lock is per account: another organisation is not affected.
    OrganisationFactory(tax_id="04541302")
    client.post(LOGIN_URL, {"login": "04541302", "password": PASSWORD})
    assert logged_in(client)


@pytest.mark.parametrize(
    ("failing_with", "then_with"),
    [("22099131", "buyer@example.com"), ("BUYER@example.com", "22099131")],
)
def test_the_lock_holds_whichever_identifier_is_typed(
    client, organisation, failing_with, then_with
):
    for _ in range(5):
        client.post(LOGIN_URL, {"login": failing_with, "password": "wrong"})
    response = client.post(LOGIN_URL, {"login": then_with, "password": PASSWORD})
    assert not logged_in(client)
    assert "登入嘗試失敗次數過多" in " ".join(response.context["form"].non_field_errors())


def test_logging_out(client, organisation):
    client.post(LOGIN_URL, {"login": "22099131", "password": PASSWORD})
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert not logged_in(client)


def test_a_forgotten_password_is_reset_by_email(client, organisation, mailbox):
    response = client.post(reverse("account_reset_password"), {"email": "buyer@example.com"})
    assert response.status_code == 302

    [mail] = mailbox.wait_for(to="buyer@example.com")
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+", mail.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    form_page = client.get("/" + path, follow=True)
    new_password = "a-new-Taipei-password-9"
    client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else "/" + path,
        {"password1": new_password, "password2": new_password},
    )

    assert client.login(username="22099131", password=new_password)


def test_a_reset_answers_the_same_for_known_and_unknown_addresses(client, organisation, mailbox):
    url = reverse("account_reset_password")
    known = client.post(url, {"email": "buyer@example.com"})
    unknown = client.post(url, {"email": "nobody@example.com"})
    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    assert mailbox.wait_for(to="buyer@example.com")
    assert not [mail for mail in mailbox.all() if "nobody@example.com" in mail.to]


def test_changing_the_password(client, organisation):
    client.force_login(organisation.account)
    new_password = "another-Taipei-password-7"
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": new_password, "password2": new_password},
    )
    assert response.status_code == 302
    organisation.account.refresh_from_db()
    assert organisation.account.check_password(new_password)
