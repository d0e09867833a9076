"""A visitor subscribes to the procurement newsletter, confirms from the mail, receives an
issue and unsubscribes with one click from it."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from publications import services
from publications.models import Issue, Subscriber
from tests import builders
from tests.browser.pages import english_page

pytestmark = [pytest.mark.browser]


def path_of(body: str, name: str) -> str:
    # The mail names the public address; here, the test server.
    return urlsplit(re.search(rf"https?://\S+/newsletter/{name}/\S+/", body).group(0)).path


def test_a_visitor_subscribes_confirms_and_unsubscribes(
    browser, live_server, mailbox, assert_accessible
):
    page = english_page(browser, live_server)
    page.goto("/")
    page.get_by_role("link", name="Subscribe to the procurement newsletter").click()
    assert_accessible(page)
    page.get_by_label("E-mail").fill("not an address")
    page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_label("E-mail")).to_have_value("not an address")
    assert_accessible(page)
    page.get_by_label("E-mail").fill("reader@example.com")
    page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")

    (confirmation,) = mailbox.wait_for(to="reader@example.com", subject="Confirm")
    page.goto(path_of(confirmation.body, "confirm"))
    expect(page.get_by_role("heading", level=1)).to_have_text("You are subscribed")
    assert_accessible(page)

    issue = Issue.objects.create(
        title_zh="十二月採購資訊", title_en="December's news", body_zh="媒合會。", body_en="Meet."
    )
    services.issue_send(issue=issue, by=builders.organizer())
    (newsletter,) = mailbox.wait_for(to="reader@example.com", subject="December")
    page.goto(path_of(newsletter.body, "unsubscribe"))
    assert_accessible(page)
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You have been unsubscribed")
    assert_accessible(page)
    assert not Subscriber.objects.get(email="reader@example.com").is_subscribed
