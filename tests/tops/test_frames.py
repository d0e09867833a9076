"""Parts of a page kept for every anonymous visitor ({% frame %}): never a visitor's own."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import engines
from django.test import RequestFactory

from tests.factories import UserFactory
from tops.catalogue import catalogue_changed

pytestmark = pytest.mark.django_db

TEMPLATE = engines["django"].from_string(
    '{% load tops_frames %}{% frame "test" %}{{ shown }}{% csrf_token %}{% endframe %}'
)
PLAIN = engines["django"].from_string(
    '{% load tops_frames %}{% frame "plain" %}{{ shown }}{% endframe %}'
)


def render(template, shown, user=None):
    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    return template.render({"shown": shown}, request)


def test_a_part_is_kept_for_anonymous_visitors_until_the_catalogue_changes():
    assert render(PLAIN, "first") == "first"
    assert render(PLAIN, "second") == "first"
    catalogue_changed()
    assert render(PLAIN, "third") == "third"


def test_a_signed_in_visitor_gets_the_part_rendered_for_them():
    render(PLAIN, "kept")
    assert render(PLAIN, "their own", user=UserFactory()) == "their own"


def test_a_part_holding_a_visitors_token_is_never_kept():
    first = render(TEMPLATE, "first")
    assert "csrfmiddlewaretoken" in first
    assert render(TEMPLATE, "second").startswith("second")
