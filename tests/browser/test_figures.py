"""The organizer and a reviewer open the figures in the admin: the organizer sees every
section, the reviewer only the review; both pages pass axe."""

import pytest
from playwright.sync_api import expect

from figures.services import figures_snapshot_take
from tests.browser.pages import english_page, log_in_staff
from tests.builders import organizer as make_organizer
from tests.figures.conftest import build_known_data

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _open_the_third_quarter(admin):
    admin.get_by_role("link", name="Figures and charts").first.click()
    admin.get_by_label("From").fill("2026-07-01")
    admin.get_by_label("Until").fill("2026-09-30")
    admin.get_by_role("button", name="Show").click()
    expect(admin.get_by_text("This period: 2026-07-01 to 2026-09-30.")).to_be_visible()


def test_the_organizer_sees_every_figure_and_a_reviewer_only_the_review(
    browser, live_server, reviewer, list_product, assert_accessible
):
    build_known_data(reviewer, list_product)
    make_organizer()

    admin = english_page(browser, live_server)
    log_in_staff(admin, "organizer")
    _open_the_third_quarter(admin)
    for heading in [
        "Buyers",
        "Applications and their review",
        "Suppliers and products",
        "Reports and purchases",
    ]:
        expect(admin.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    table = admin.get_by_role("table", name="Supplier applications")
    expect(table.get_by_role("row", name="Approved 2 1")).to_be_visible()
    expect(admin.get_by_role("img", name="Chart: Supplier applications")).to_be_visible()
    assert_accessible(admin)

    reviewing = english_page(browser, live_server)
    log_in_staff(reviewing, "reviewer")
    _open_the_third_quarter(reviewing)
    expect(reviewing.get_by_role("heading", name="Applications and their review")).to_be_visible()
    expect(reviewing.get_by_role("rowheader", name="遲到審查有限公司")).to_be_visible()
    expect(reviewing.get_by_role("heading", name="Buyers", exact=True)).to_have_count(0)
    expect(reviewing.get_by_text("Verified purchase amounts")).to_have_count(0)
    assert_accessible(reviewing)


def test_the_public_figures_and_open_data_pages(
    browser, live_server, reviewer, list_product, assert_accessible
):
    build_known_data(reviewer, list_product)
    figures_snapshot_take()
    page = english_page(browser, live_server)
    page.goto("/statistics/")
    expect(page.get_by_role("img", name="Listed suppliers by pavilion")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Open data", exact=True).click()
    expect(page.get_by_role("link", name="政府資料開放授權條款")).to_be_visible()
    assert_accessible(page)
