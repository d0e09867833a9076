"""A buyer searches as people type, narrows by district without JavaScript, and browses the
supplier directory."""

import pytest
from playwright.sync_api import expect

from tests.browser.pages import english_page
from tests.builders import listed_product, reviewer
from tests.factories import SupplierFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_search_with_words_in_any_order_then_the_directory(browser, live_server, assert_accessible):
    staff = reviewer()
    xinyi = SupplierFactory(name="信義茶行", district="110")
    neihu = SupplierFactory(name="內湖茶坊", district="114", size_group="sme")
    listed_product(xinyi, "臺灣高山茶葉", by=staff, name_en="Taiwan High Mountain Tea")
    listed_product(neihu, "台灣有機茶葉", by=staff)

    page = english_page(browser, live_server)
    page.goto("/search/?q=茶葉+台灣")
    expect(page.get_by_role("status")).to_contain_text("2 results")
    expect(page.locator("mark", has_text="台灣")).to_be_visible()  # as written: 台, not 臺
    expect(page.get_by_role("link", name="Taiwan High Mountain Tea")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("District").select_option(label="Neihu District")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("status")).to_contain_text("1 result")
    expect(page.get_by_role("link", name="台灣有機茶葉")).to_be_visible()

    page.goto("/search/?q=火星茶")
    expect(page.get_by_text("Did you mean:")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Supplier directory").click()
    expect(page.get_by_role("status")).to_contain_text("2 suppliers")
    assert_accessible(page)
    page.get_by_label("Size group").select_option(label="SME group")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("row")).to_have_count(2)  # the header and 內湖茶坊
    expect(page.get_by_role("link", name="內湖茶坊")).to_be_visible()
