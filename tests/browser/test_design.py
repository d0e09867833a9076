"""The design works for everyone: axe (WCAG 2.1 AA) on the public and account pages at a
desktop's and a phone's width in both languages, a compact phone header with the search on
one line, and the sign-up form by keyboard alone with the focus always visible."""

import pytest
from playwright.sync_api import expect

from tests.builders import listed_product, listed_supplier, reviewer

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


def test_sign_up_by_keyboard_alone(browser, live_server):
    page = open_page(browser, live_server, language="en", viewport="desktop")
    page.goto("/accounts/signup/")
    form = page.locator("main form[action='/accounts/signup/']")
    # What the form offers, in the order it is laid out: radio buttons of one group are one stop.
    expected = form.evaluate(
        """form => {
            const seen = new Set();
            return [...form.querySelectorAll('input, select, textarea, button')]
                .filter(el => el.type !== 'hidden' && !el.disabled)
                .filter(el => {
                    if (el.type !== 'radio') return true;
                    if (seen.has(el.name)) return false;
                    seen.add(el.name);
                    return true;
                })
                .map(el => el.name || el.type);
        }"""
    )
    # From the top of the page, Tab until the form is reached, then through it.
    page.locator("body").focus()
    visited, boxes = [], []
    for _ in range(80):
        page.keyboard.press("Tab")
        inside = page.evaluate(
            "document.activeElement.closest(\"form[action='/accounts/signup/']\") !== null"
        )
        if not inside:
            if visited:
                break  # out of the form again: no trap
            continue
        name = page.evaluate("document.activeElement.name || document.activeElement.type")
        assert focus_is_visible(page), f"no visible focus on {name}"
        visited.append(name)
        boxes.append(page.evaluate(POSITION))
        if name == "username":
            page.keyboard.type("1234")
    assert visited == expected
    # The visual order: each stop below the one before, or beside it on the same row.
    for (top_before, left_before), (top, left) in zip(boxes, boxes[1:], strict=False):
        assert top > top_before + 1 or (abs(top - top_before) <= 1 and left > left_before)

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
