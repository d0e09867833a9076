"""The error pages speak the visitor's language and offer a way on; the 500 page needs no
database."""

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tests.factories import OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.tops.error_urls")]

LANGUAGES = {"zh-hant": "回到首頁", "en": "Back to the home page"}


def browser(language):
    client = Client(raise_request_exception=False)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def in_language(language, msgid):
    with translation.override(language):
        return translation.gettext(msgid)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_missing_page_is_a_404_in_the_visitors_language(language):
    response = browser(language).get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert {"zh-hant": "找不到網頁", "en": "Page not found"}[language] in html
    assert LANGUAGES[language] in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_refused_page_is_a_403_in_the_visitors_language(language):
    response = browser(language).get("/test-errors/403")
    html = response.content.decode()
    assert response.status_code == 403
    assert in_language(language, "You cannot open this page") in html
    assert LANGUAGES[language] in html
    assert settings.CONTACT_EMAIL in html
    assert "403 Forbidden" not in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_buyer_sent_away_from_the_admin_sees_the_portals_403(language):
    client = browser(language)
    client.force_login(OrganisationFactory().account)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("admin:login"))
    assert response.status_code == 403
    assert in_language(language, "You cannot open this page") in response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_bad_request_is_a_400_in_the_visitors_language(language):
    response = browser(language).get("/test-errors/400")
    html = response.content.decode()
    assert response.status_code == 400
    assert in_language(language, "The portal could not read this request") in html
    assert LANGUAGES[language] in html


def test_a_request_for_another_host_is_a_400_page():
    response = Client(raise_request_exception=False, HTTP_HOST="evil.example").get("/")
    assert response.status_code == 400
    assert "<h1>" in response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_fault_is_a_500_in_the_visitors_language_without_the_database(language):
    client = browser(language)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/test-errors/500")
    html = response.content.decode()
    assert response.status_code == 500
    assert in_language(language, "Something went wrong on the portal") in html
    assert LANGUAGES[language] in html
    assert f'lang="{language}"' in html
    # The page itself asks nothing of the database (the session may, before the view).
    assert not any("catalog_pavilion" in q["sql"] for q in queries.captured_queries)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_form_sent_without_its_token_is_a_403_in_the_visitors_language(language):
    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.post(reverse("account_login"), {"login": "x", "password": "y"})
    html = response.content.decode()
    assert response.status_code == 403
    assert in_language(language, "This form has expired") in html
    assert "CSRF verification failed" not in html
