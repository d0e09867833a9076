"""Operations read one JSON line per request, with the request id nginx gave it."""

import json
import logging

import pytest
from django.conf import settings
from django.urls import reverse

from tops.logs import RequestIdFilter


@pytest.mark.django_db
def test_each_request_logs_one_json_line_with_its_request_id(client, caplog):
    caplog.set_level(logging.INFO, logger="tops.request")
    caplog.handler.addFilter(RequestIdFilter())
    response = client.get(reverse("healthz"), HTTP_X_REQUEST_ID="nginx-7f3a")
    assert response["X-Request-ID"] == "nginx-7f3a"

    [record] = [r for r in caplog.records if r.name == "tops.request"]
    assert record.request_id == "nginx-7f3a"  # set by the handler's filter, in the request
    line = _formatter().format(record)
    fields = json.loads(line)
    assert fields["request_id"] == "nginx-7f3a"
    assert fields["status"] == 200 and fields["path"] == "/healthz"
    assert fields["duration_ms"] >= 0


def test_a_request_without_an_id_gets_one(client):
    first = client.get(reverse("healthz"))["X-Request-ID"]
    second = client.get(reverse("healthz"))["X-Request-ID"]
    assert len(first) == 32 and first != second


def _formatter():
    from pythonjsonlogger.json import JsonFormatter

    spec = settings.LOGGING["formatters"]["json"]
    return JsonFormatter(spec["fmt"], rename_fields=spec["rename_fields"])
