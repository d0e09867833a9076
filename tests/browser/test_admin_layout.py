"""The review queue reads at 1,280 px, beside the admin's navigation and filters: an
organisation's name is not stood on its end one character a line, and every column fits."""

import pytest

from tests.browser.pages import log_in_staff
from tests.builders import complete_application, draft_application, submitted_application
from tests.factories import OrganisationFactory

NAMES = {"04541302": "好物設計股份有限公司", "22099131": "臺北市立動物園附設文創商品有限公司"}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_queue_columns_are_readable_at_1280_px(browser, live_server, reviewer):
    for tax_id, name in NAMES.items():
        organisation = OrganisationFactory(tax_id=tax_id, name=name)
        submitted_application(complete_application(draft_application(organisation)))
    context = browser.new_context(
        locale="zh-TW", base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page = context.new_page()
    log_in_staff(page, "reviewer")
    context.add_cookies([{"name": "django_language", "value": "zh-hant", "url": live_server.url}])
    page.goto("/admin/suppliers/application/")

    name_cell = page.locator("#result_list tbody th", has_text=NAMES["04541302"])
    box = name_cell.bounding_box()
    line_height = name_cell.locator("a").evaluate("a => parseFloat(getComputedStyle(a).lineHeight)")
    assert box["width"] >= 120  # about 8 characters, not one
    assert box["height"] <= 2 * line_height + 20  # the name on one line (two at most)
    scroll, visible = page.eval_on_selector(".results", "e => [e.scrollWidth, e.clientWidth]")
    assert scroll <= visible  # the assignee column too, without scrolling sideways
    context.close()
