"""A reviewer opens an application, sees where it differs from the company registry, follows
a violation source's link, and cannot approve an application a colleague holds until taking
it over."""

import pytest
from playwright.sync_api import expect

from review import services
from tests.browser.pages import english_page, log_in_staff
from tests.builders import (
    accept_documents,
    draft_application,
    record_all_checks,
    staff,
    submitted_application,
)
from tests.factories import PASSWORD, OrganisationFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

JUDGMENTS = "https://judgment.judicial.gov.tw/FJUD/default.aspx"


def test_a_mismatch_a_source_and_a_colleagues_application(
    browser, live_server, registry, assert_accessible
):
    organisation = OrganisationFactory(
        tax_id="22099131", name="好物設計股份有限公司", representative="陳志明"
    )
    application = submitted_application(draft_application(organisation))
    registry.found(
        "22099131",
        Company_Name="好物設計股份有限公司",
        Responsible_Name="林美玲",
        Company_Location="臺北市信義區信義路五段7號",
        Paid_In_Capital_Amount=5_000_000,
        Company_Setup_Date="1090501",
    )
    colleague = staff("Reviewer", "wang.reviewer", email="wang@example.gov.taipei")
    record_all_checks(application, colleague)  # the colleague holds it, checks done
    accept_documents(application, colleague)
    reviewer = staff("Reviewer", "lin.reviewer", email="lin@example.gov.taipei")
    reviewer.set_password(PASSWORD)
    reviewer.save()

    admin = english_page(browser, live_server)
    # The sources are outside the portal: the test answers for them, nothing leaves the machine.
    admin.context.route("https://**/*", lambda route: route.fulfill(body="<title>source</title>"))
    log_in_staff(admin, "lin.reviewer")
    admin.goto(f"/admin/suppliers/application/{application.pk}/change/")
    registry_panel = admin.locator("#registry")
    expect(registry_panel.get_by_text("Read from the registry at")).to_be_visible()
    representative = registry_panel.locator("tr", has_text="Representative's name")
    expect(representative).to_contain_text("林美玲")
    expect(representative.locator("td.mismatch")).to_contain_text(
        "Mismatch: The representatives differ."
    )
    expect(registry_panel.locator("td.mismatch")).to_have_count(1)
    assert_accessible(admin)

    # A violation source opens its search in a new tab.
    admin.goto(f"/admin/suppliers/application/{application.pk}/checks/")
    with admin.context.expect_page() as opened:
        admin.get_by_role("link", name="Search: Judicial Yuan judgment search system").click()
    assert opened.value.url == JUDGMENTS
    expect(admin.get_by_text("(search for 陳志明)")).to_be_visible()

    # The colleague holds the application: approving is refused until it is taken over.
    admin.goto(f"/admin/suppliers/application/{application.pk}/approve/")
    admin.get_by_role("button", name="Approve").click()
    expect(
        admin.get_by_text("Wang.reviewer holds this application. Take it over from them first")
    ).to_be_visible()
    application.refresh_from_db()
    assert application.status == "submitted"
    admin.goto(f"/admin/suppliers/application/{application.pk}/change/")
    admin.get_by_role("button", name="Take over from wang.reviewer").click()
    expect(admin.get_by_text("You have taken this application.")).to_be_visible()
    admin.get_by_role("link", name="Approve").click()
    admin.get_by_role("button", name="Approve").click()
    expect(
        admin.get_by_text("Approved: the organisation is now a listed supplier.")
    ).to_be_visible()
    assert services.Application.objects.get(pk=application.pk).status == "approved"
