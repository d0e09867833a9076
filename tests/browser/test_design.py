"""The design works for everyone: axe (WCAG 2.1 AA) on the public and account pages at a
desktop's and a phone's width in both languages, a compact phone header with the search on
one line, and the sign-up form by keyboard alone with the focus always visible."""

import pytest
from playwright.sync_api import expect

from tests.browser.pages import log_in
from tests.builders import draft_application, listed_product, listed_supplier, reviewer
from tests.factories import PASSWORD, OrganisationFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
LOCALES = {"zh-hant": "zh-TW", "en": "en-US"}
# The phone header (mark, language, menu, search, pavilions) stays under this height.
PHONE_HEADER_MAX = 140


def open_page(browser, live_server, *, language, viewport):
    context = browser.new_context(
        locale=LOCALES[language], base_url=live_server.url, viewport=VIEWPORTS[viewport]
    )
    context.set_default_timeout(15_000)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    return context.new_page()


@pytest.fixture
def product():
    return listed_product(listed_supplier("好食農產"), "有機烏龍茶", by=reviewer())


def public_and_account_paths(product):
    return [
        "/",
        "/pavilions/lifestyle/",
        f"/products/{product.pk}/",
        "/search/?q=烏龍",
        "/accounts/login/",
        "/accounts/signup/",
    ]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("language", LOCALES)
def test_public_and_account_pages_pass_axe(
    browser, live_server, assert_accessible, product, language, viewport
):
    page = open_page(browser, live_server, language=language, viewport=viewport)
    for path in public_and_account_paths(product):
        response = page.goto(path)
        assert response.status == 200, path
        assert_accessible(page)
    # A sign-up sent empty: the error summary and the fields marked invalid.
    page.locator("main form[action='/accounts/signup/'] button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_focused()
    assert_accessible(page)
    if viewport == "phone":
        page.locator("summary.menu__toggle").click()
        assert_accessible(page)


SUPPLIER_PAGES = [
    "/organisation/",
    "/organisation/edit/",
    "/organisation/personal-data/",
    "/organisation/close/",
    "/organisation/inquiries/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/supplier/dashboard/",
    "/supplier/profile/",
    "/supplier/products/new/",
    "/supplier/withdraw/",
    "/awards/records/",
    "/awards/records/new/",
    "/awards/records/import/",
    "/awards/summary/",
    "/awards/supplier/",
]
APPLICANT_PAGES = [
    "/supplier/application/",
    "/supplier/application/company/",
    "/supplier/application/size/",
    "/supplier/application/declarations/",
    "/supplier/application/profile/",
    "/supplier/application/documents/",
    "/supplier/application/submit/",
]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("language", LOCALES)
def test_account_pages_pass_axe(
    browser, live_server, assert_accessible, product, language, viewport
):
    """Every page of a supplier's account, and of an application in progress."""
    draft_application(OrganisationFactory(tax_id="04541302"))
    for username, paths in [
        (
            product.supplier.organisation.tax_id,
            [*SUPPLIER_PAGES, f"/supplier/products/{product.pk}/edit/"],
        ),
        ("04541302", APPLICANT_PAGES),
    ]:
        page = open_page(browser, live_server, language=language, viewport=viewport)
        page.goto("/accounts/login/")
        page.locator("#id_login").fill(username)
        page.locator("#id_password").fill(PASSWORD)
        page.locator("main form button[type=submit]").click()
        expect(page.locator(".account-nav, header").first).to_be_visible()
        for path in paths:
            response = page.goto(path)
            # The page itself, not the log-in it would send a stranger to.
            assert response.status == 200 and page.url == f"{live_server.url}{path}", path
            assert_accessible(page)
        page.context.close()


def line_count(locator):
    """How many lines of text the element's content takes."""
    return locator.evaluate(
        """element => {
            const range = document.createRange();
            range.selectNodeContents(element);
            const tops = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
            return tops.size;
        }"""
    )


@pytest.mark.parametrize("language", LOCALES)
def test_the_header_is_compact_on_a_phone_and_the_search_on_one_line(
    browser, live_server, product, language
):
    for viewport in VIEWPORTS:
        page = open_page(browser, live_server, language=language, viewport=viewport)
        for path in public_and_account_paths(product):
            page.goto(path)
            field = page.locator("#site-search").bounding_box()
            button_locator = page.locator(".search-form button")
            button = button_locator.bounding_box()
            assert line_count(button_locator) == 1, (viewport, path)
            # Side by side, on one row.
            assert abs(button["y"] - field["y"]) <= 2, (viewport, path)
            assert button["x"] >= field["x"] + field["width"] - 2, (viewport, path)
            assert button["x"] + button["width"] <= VIEWPORTS[viewport]["width"]
            if viewport == "phone":
                header = page.locator("header.site-header").bounding_box()
                assert header["height"] < PHONE_HEADER_MAX, (path, header["height"])
        if viewport == "phone":
            # The account links wait behind the menu, which opens without JavaScript.
            log_in = page.locator(".menu").get_by_role(
                "link", name="登入" if language == "zh-hant" else "Log in"
            )
            expect(log_in).to_be_hidden()
            page.locator("summary.menu__toggle").click()
            expect(log_in).to_be_visible()
        page.context.close()


FOCUS_STYLE = """element => {
    const style = getComputedStyle(element);
    return {
        outlineStyle: style.outlineStyle,
        outlineWidth: parseFloat(style.outlineWidth),
        boxShadow: style.boxShadow,
    };
}"""


def focus_is_visible(page):
    style = page.evaluate(f"({FOCUS_STYLE})(document.activeElement)")
    outline = style["outlineStyle"] not in ("none", "") and style["outlineWidth"] >= 2
    shadow = style["boxShadow"] not in ("none", "")
    return outline or shadow


POSITION = """(() => {
    const rect = document.activeElement.getBoundingClientRect();
    return [rect.top + scrollY, rect.left];
})()"""


FORM_STOPS = """form => {
    const seen = new Set();
    return [...form.querySelectorAll('input, select, textarea, button')]
        .filter(el => el.type !== 'hidden' && !el.disabled && !el.closest('[hidden]'))
        .filter(el => {
            if (el.type !== 'radio') return true;
            if (seen.has(el.name)) return false;
            seen.add(el.name);
            return true;
        })
        .map(el => el.name || el.type);
}"""


def tab_through_form(page, form_selector, keys=None):
    """From the top of the page, Tab to the form and through it, pressing ``keys[name]`` (or
    typing it) at each named stop: every stop shows its focus, the stops come in the form's
    order and in the order they are laid out, and Tab leaves the form again (no trap)."""
    keys = keys or {}
    form = page.locator(form_selector)
    expected = form.evaluate(FORM_STOPS)
    inside_form = f"document.activeElement.closest({form_selector!r}) !== null"
    page.locator("body").focus()
    visited, boxes = [], []
    for _ in range(150):
        page.keyboard.press("Tab")
        if not page.evaluate(inside_form):
            if visited:
                break  # out of the form again: no trap
            continue
        name = page.evaluate("document.activeElement.name || document.activeElement.type")
        assert focus_is_visible(page), f"no visible focus on {name}"
        if visited and visited[-1] == name:
            continue  # the next part of the same field (a date's day, month, year)
        visited.append(name)
        boxes.append(page.evaluate(POSITION))
        for key in keys.get(name, ()):
            if key in ("Space", "ArrowDown", "ArrowRight"):
                page.keyboard.press(key)
            else:
                page.keyboard.type(key)
    assert visited == expected
    # The visual order: each stop below the one before, or beside it on the same row.
    for (top_before, left_before), (top, left) in zip(boxes, boxes[1:], strict=False):
        assert top > top_before + 1 or (abs(top - top_before) <= 1 and left > left_before)


def test_sign_up_by_keyboard_alone(browser, live_server):
    page = open_page(browser, live_server, language="en", viewport="desktop")
    page.goto("/accounts/signup/")
    tab_through_form(page, "main form[action='/accounts/signup/']", {"username": ["1234"]})

    # Sent from the keyboard: the error summary takes the focus, and its first link leads to
    # the field.
    page.locator("main form[action='/accounts/signup/'] button[type=submit]").focus()
    page.keyboard.press("Enter")
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    assert focus_is_visible(page)
    page.keyboard.press("Tab")
    expect(summary.get_by_role("link").first).to_be_focused()
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/accounts/signup/#id_username")


def test_the_supplier_application_by_keyboard_alone(browser, live_server):
    organisation = OrganisationFactory(tax_id="22099131")
    application = draft_application(organisation)
    page = open_page(browser, live_server, language="en", viewport="desktop")
    log_in(page, "22099131")
    steps = [
        (
            "company",
            {
                "registration_type": ["Space"],
                "district": ["ArrowDown"],
                "street_address": ["信義路五段7號10樓"],
                "not_foreign_branch": ["Space"],
            },
        ),
        ("size", {"paid_in_capital": ["5,000,000"], "regular_employees": ["12"]}),
        (
            "declarations",
            {name: ["Space"] for name in ("invoices", "no_violations", "obligations")},
        ),
        ("profile", {"introduction": ["以在地小農原料製作保健飲品。"]}),
    ]
    for step, keys in steps:
        page.goto(f"/supplier/application/{step}/")
        tab_through_form(page, "main form[method=post]", keys)
        # Saved from the keyboard: Enter on "Save and continue" leads to the next step.
        page.get_by_role("button", name="Save and continue").focus()
        page.keyboard.press("Enter")
        expect(page).not_to_have_url(f"{live_server.url}/supplier/application/{step}/")
    application.refresh_from_db()
    assert application.registration_type and application.district
    assert application.street_address == "信義路五段7號10樓"
    assert (application.paid_in_capital, application.regular_employees) == (5_000_000, 12)
    assert application.declared_no_violations_at and application.accepted_obligations_at
    assert application.introduction == "以在地小農原料製作保健飲品。"
    # The documents: each file field is reached by Tab, in the page's order, with its focus seen.
    page.goto("/supplier/application/documents/")
    for form in page.locator("main form.upload-form").all()[:2]:
        kind = form.locator("input[name=kind]").get_attribute("value")
        tab_through_form(page, f"main section#{kind} form.upload-form")
