"""Staff log in in two steps (參.二(五): they disqualify suppliers and verify awards): the admin
does not open until an authenticator app is set up, and the log-in asks for its code."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.factories import PASSWORD, STAFF_TOTP_SECRET, UserFactory, totp_code

pytestmark = pytest.mark.django_db


def test_the_admin_waits_until_the_authenticator_app_is_set_up(client):
    reviewer = UserFactory(username="new.reviewer", is_staff=True, two_step=False)
    client.post(reverse("account_login"), {"login": "new.reviewer", "password": PASSWORD})
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and response.url == reverse("mfa_activate_totp")

    # Setting up a second step asks for the password again (allauth's reauthentication), so
    # that a session left open cannot bind someone else's phone to the account.
    asked = client.get(response.url)
    assert asked.status_code == 302 and asked.url.startswith(reverse("account_reauthenticate"))
    client.post(asked.url, {"password": PASSWORD})
    setup = client.get(response.url)
    secret = setup.context["form"].secret
    refused = client.post(response.url, {"code": "000000"})
    assert refused.status_code == 200 and refused.context["form"].errors
    client.post(response.url, {"code": totp_code(secret)})
    assert Authenticator.objects.filter(user=reviewer, type="totp").exists()
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_staff_log_in_asks_for_the_code_of_the_moment(client):
    UserFactory(username="lin.reviewer", is_staff=True)
    client.post(reverse("account_login"), {"login": "lin.reviewer", "password": PASSWORD})
    assert "_auth_user_id" not in client.session  # the password alone does not log in
    wrong = client.post(reverse("mfa_authenticate"), {"code": "123456"})
    assert wrong.status_code == 200 and "_auth_user_id" not in client.session
    client.post(reverse("mfa_authenticate"), {"code": totp_code(STAFF_TOTP_SECRET)})
    assert "_auth_user_id" in client.session
    assert client.get(reverse("admin:index")).status_code == 200


def test_buyers_log_in_with_their_password_alone(client):
    UserFactory(username="22099131")
    client.post(reverse("account_login"), {"login": "22099131", "password": PASSWORD})
    assert "_auth_user_id" in client.session
