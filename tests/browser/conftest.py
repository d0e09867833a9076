"""Browser tests: Debian's Chromium, headless, driven by Playwright; every page checked with axe."""

import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db import connections
from playwright.sync_api import sync_playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Playwright's sync API runs an event loop in the test's thread; the ORM calls
# the tests make between steps are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def browser():
    """Started and stopped around each test: Playwright's sync API runs in a greenlet of its
    own, and Django's per-context database connections must be the test's again afterwards."""
    if not os.path.exists(CHROMIUM):
        pytest.fail("Debian's chromium is not installed: run `make test`, which installs it")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        # The test's own database calls ran in Playwright's context, on a connection of
        # their own: close it here, or it outlives the test database.
        connections.close_all()
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="zh-TW", base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


class AccessibilityChecker:
    def __init__(self):
        self.axe = Axe()
        self.checked = []

    def __call__(self, page):
        """Fail on any WCAG 2.1 A or AA violation on the page as it is now."""
        results = self.axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
        self.checked.append(page.url)
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


@pytest.fixture
def assert_accessible():
    return AccessibilityChecker()
