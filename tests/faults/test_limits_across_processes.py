"""The limits hold across processes, over real HTTP: two gunicorn instances of the portal (one
worker process each) on the test database, sharing a Redis of their own, answer the requests in
turn, each on a fresh connection. The log-in lock-out and the rate limits (sign-up, public
reports, new activation codes) give way at exactly the numbers the settings give, not at a
multiple of them."""

import itertools
import re
import time
from collections import Counter

import pytest
import redis
import requests
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import connection
from django.utils import translation

from reports.forms import FASTEST_HUMAN_SECONDS
from reports.models import Report
from tests.builders import listed_supplier
from tests.factories import PASSWORD, OrganisationFactory
from tests.processes import web_processes
from tops.models import OutgoingMail

from .conftest import RedisServer

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not settings.REDIS_URL,
        reason="the fault tests run on PostgreSQL + Redis with worker processes",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# The name the web processes' database sessions carry, to wait for them to end.
APPLICATION_NAME = "tops-limits-test"


def allowed(action: str, per: str) -> int:
    """How many requests ``ACCOUNT_RATE_LIMITS[action]`` allows ``per`` ("ip" or "key")."""
    [amount] = [
        int(rate.split("/")[0])
        for rate in settings.ACCOUNT_RATE_LIMITS[action].split(",")
        if rate.strip().endswith(f"/{per}")
    ]
    return amount


def english(message_key: str) -> str:
    with translation.override("en"):
        return str(DefaultAccountAdapter.error_messages[message_key])


class Browser:
    """A visitor with its cookies; each request goes to the next web process, on a connection
    of its own."""

    def __init__(self, portal):
        self.portal = portal
        self.cookies = {"django_language": "en"}

    def request(self, method, path, data=None):
        base = next(self.portal.turns)
        self.portal.served[base] += 1
        response = requests.request(
            method,
            base + path,
            data=data,
            cookies=self.cookies,
            headers={"Connection": "close"},
            allow_redirects=False,
            timeout=10,
        )
        self.cookies.update(response.cookies.get_dict())
        return response

    def form(self, path) -> tuple[str, str]:
        """The form page's HTML and its CSRF token."""
        page = self.request("GET", path)
        assert page.status_code == 200, page.status_code
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        return page.text, token


class Portal:
    def __init__(self, bases, redis_server):
        self.bases = bases
        self.redis = redis_server
        self.turns = itertools.cycle(self.bases)
        self.served = Counter()

    def reset(self):
        """A fresh start for each test: no counter left in Redis, the count of requests zero."""
        redis.Redis.from_url(self.redis.url).flushdb()
        self.turns = itertools.cycle(self.bases)
        self.served.clear()

    def assert_shared(self):
        """The requests went to both processes, and the limits counted in the shared Redis."""
        assert len(self.served) == 2 and min(self.served.values()) >= 2, self.served
        assert redis.Redis.from_url(self.redis.url).keys("*allauth:rl:*")


@pytest.fixture(scope="module")
def portal(django_db_setup, django_db_blocker, tmp_path_factory):
    redis_server = RedisServer(tmp_path_factory.mktemp("limits-redis"))
    redis_server.start()
    try:
        with web_processes(
            name=APPLICATION_NAME,
            redis_url=redis_server.url,
            database_access=django_db_blocker.unblock,
        ) as bases:
            yield Portal(bases, redis_server)
    finally:
        redis_server.stop()


@pytest.fixture
def web(portal):
    portal.reset()
    return portal


def test_the_lock_out_counts_failures_for_the_account_whichever_identifier_is_typed(web):
    limit = allowed("login_failed", "key")
    assert allowed("login_failed", "ip") > limit + 2, "the lock-out per account must be the one met"
    organisation = OrganisationFactory(account__email="locked@example.com")
    typed = [organisation.tax_id, "LOCKED@example.com"]  # in turn, and on each process in turn
    locked = english("too_many_login_attempts")
    browser = Browser(web)
    _, token = browser.form("/accounts/login/")

    def log_in(login, password):
        return browser.request(
            "POST",
            "/accounts/login/",
            {"login": login, "password": password, "csrfmiddlewaretoken": token},
        )

    for failure in range(limit):
        answer = log_in(typed[failure % 2], "not-the-password")
        assert answer.status_code == 200, failure
        assert locked not in answer.text, f"locked after {failure} failures instead of {limit}"

    for login in typed:
        answer = log_in(login, PASSWORD)
        assert answer.status_code == 200, "the right password is refused too"
        assert locked in answer.text

    # The lock is the account's: another account logs in through the same processes.
    other = OrganisationFactory()
    assert log_in(other.tax_id, PASSWORD).status_code == 302
    web.assert_shared()


def test_the_sign_up_limit_gives_its_first_429_at_the_limit_plus_one(web):
    limit = allowed("signup", "ip")
    browser = Browser(web)
    _, token = browser.form("/accounts/signup/")

    statuses = [
        browser.request("POST", "/accounts/signup/", {"csrfmiddlewaretoken": token}).status_code
        for _ in range(limit + 1)
    ]

    assert statuses == [200] * limit + [429]
    web.assert_shared()


def test_the_report_limit_gives_its_first_429_at_the_limit_plus_one(web):
    limit = allowed("report", "ip")
    supplier = listed_supplier()
    path = f"/report/supplier/{supplier.pk}/"
    browser = Browser(web)
    page, token = browser.form(path)
    [started] = re.findall(r'name="started" value="([^"]+)"', page)
    time.sleep(FASTEST_HUMAN_SECONDS + 0.2)  # a person takes that long to fill the form in
    report = {
        "csrfmiddlewaretoken": token,
        "started": started,
        "reason": "false_information",
        "description": "網頁寫有機認證，但包裝上沒有任何標章。",
        "contact_email": "citizen@example.com",
        "homepage": "",
    }

    statuses = [browser.request("POST", path, report).status_code for _ in range(limit + 1)]

    assert statuses == [302] * limit + [429]
    assert Report.objects.count() == limit
    web.assert_shared()


def test_new_activation_codes_are_counted_per_account_across_processes(web):
    """Each time another browser, logging in by 統一編號 or e-mail in turn; the log-in mails no
    code, the request for one does, up to the limit for the account."""
    limit = allowed("activation_code", "key")
    organisation = OrganisationFactory(account__email="waiting@example.com")
    EmailAddress.objects.filter(user=organisation.account).update(verified=False)
    typed = [organisation.tax_id, "waiting@example.com"]

    statuses = []
    for attempt in range(limit + 1):
        browser = Browser(web)
        _, token = browser.form("/accounts/login/")
        logged_in = browser.request(
            "POST",
            "/accounts/login/",
            {"login": typed[attempt % 2], "password": PASSWORD, "csrfmiddlewaretoken": token},
        )
        assert logged_in.headers["Location"] == "/accounts/confirm-email/"
        asked = browser.request(
            "POST", "/accounts/confirm-email/", {"action": "resend", "csrfmiddlewaretoken": token}
        )
        statuses.append(asked.status_code)

    assert statuses == [302] * limit + [429]
    assert OutgoingMail.objects.filter(to=["waiting@example.com"]).count() == limit
    web.assert_shared()
