"""Operations read one JSON line per request, with the request id nginx gave it."""

import json
import logging

import pytest
from django.urls import reverse
from pythonjsonlogger.json import JsonFormatter

from tests.accounts.test_registration import SIGNUP_URL, signup_data


class Capture(logging.Handler):
    """Formats each record as the portal's configured console handler would, at the moment it
    is logged (inside the request)."""

    def __init__(self, like: logging.Handler):
        super().__init__()
        self.setFormatter(like.formatter)
        self.filters = list(like.filters)
        self.lines = []

    def emit(self, record):
        self.lines.append(self.format(record))


@pytest.fixture
def request_log():
    [console] = [
        handler
        for handler in logging.getLogger().handlers
        if isinstance(handler.formatter, JsonFormatter)
    ]
    capture = Capture(console)
    logger = logging.getLogger("tops.request")
    logger.addHandler(capture)
    level = logger.level
    logger.setLevel(logging.INFO)
    yield capture.lines
    logger.removeHandler(capture)
    logger.setLevel(level)


def test_each_request_logs_one_json_line_with_its_request_id(client, request_log):
    response = client.get(reverse("healthz"), HTTP_X_REQUEST_ID="nginx-7f3a")
    assert response["X-Request-ID"] == "nginx-7f3a"
    [line] = request_log
    fields = json.loads(line)
    assert fields["request_id"] == "nginx-7f3a"
    assert fields["status"] == 200 and fields["path"] == "/healthz"
    assert fields["duration_ms"] >= 0 and fields["level"] == "INFO"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_request_that_sends_mail_keeps_its_own_id(client, request_log, tasks_in_process):
    """On the embedded default the mail task runs inside the request; it must not take the
    request's id over. (The request commits, so the task runs, as in production.)"""
    response = client.post(SIGNUP_URL, signup_data(), HTTP_X_REQUEST_ID="nginx-signup")
    assert response.status_code == 302
    assert response["X-Request-ID"] == "nginx-signup"
    assert json.loads(request_log[-1])["request_id"] == "nginx-signup"


def test_a_request_without_an_id_gets_one(client):
    first = client.get(reverse("healthz"))["X-Request-ID"]
    second = client.get(reverse("healthz"))["X-Request-ID"]
    assert len(first) == 32 and first != second
