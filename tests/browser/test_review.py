"""A reviewer works an application in the admin: takes it, records the checks, asks for a
corrected document; the applicant replaces it and resubmits; the reviewer approves."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.pages import english_page, log_in_staff
from tests.builders import draft_application, staff, submitted_application
from tests.factories import PASSWORD, OrganisationFactory
from tests.suppliers.files import pdf_bytes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_review_with_a_correction_round(browser, live_server, mailbox, assert_accessible):
    organisation = OrganisationFactory(
        tax_id="22099131", name="好物設計股份有限公司", account__email="office@example.com"
    )
    application = submitted_application(draft_application(organisation))
    reviewer = staff("Reviewer", "lin.reviewer", email="lin@example.gov.taipei")
    reviewer.set_password(PASSWORD)
    reviewer.save()

    # The reviewer logs into the admin and opens the queue.
    admin = english_page(browser, live_server)
    # Staff log in through the portal's own log-in page, in two steps, then land back in the
    # admin.
    log_in_staff(admin, "lin.reviewer")
    assert_accessible(admin)
    admin.get_by_role("link", name="Supplier applications").first.click()
    expect(admin.get_by_role("link", name="好物設計股份有限公司")).to_be_visible()
    assert_accessible(admin)
    admin.get_by_role("link", name="好物設計股份有限公司").click()
    assert_accessible(admin)
    admin.get_by_role("button", name="Take").click()
    expect(admin.get_by_text("You have taken this application.")).to_be_visible()

    # The 7 checks.
    admin.get_by_role("link", name="Violation checks").click()
    assert_accessible(admin)
    for number in range(1, 8):
        admin.locator(f"input[name=item{number}_result][value=none_found]").check()
    admin.get_by_role("button", name="Save the checks").click()
    expect(admin.get_by_text("The checks are recorded.")).to_be_visible()

    # The labour-insurance list needs correcting; the rest is accepted.
    admin.get_by_role("link", name="Document checks").click()
    assert_accessible(admin)
    rows = admin.locator("#content-main tbody tr")
    for index in range(rows.count()):
        row = rows.nth(index)
        if "Labour-insurance payment list" in row.inner_text():
            row.locator("input[value=needs_correction]").check()
            row.locator("input[type=text]").fill("請上傳最近一期（11月）")
        else:
            row.locator("input[value=accepted]").check()
    admin.get_by_role("button", name="Save the document checks").click()
    admin.get_by_role("link", name="Request corrections").click()
    assert_accessible(admin)
    expect(admin.get_by_label("Labour-insurance payment list")).to_be_checked()
    admin.get_by_role("button", name="Send the correction request").click()
    expect(admin.get_by_text("asked for corrections")).to_be_visible()

    # The applicant replaces the document and resubmits.
    applicant = english_page(browser, live_server)
    applicant.goto("/accounts/login/")
    applicant.get_by_label("Unified Business Number or e-mail").fill("22099131")
    applicant.get_by_label("Password:", exact=True).fill(PASSWORD)
    applicant.get_by_role("button", name="Log in", exact=True).click()
    applicant.get_by_role("link", name="Supplier application").first.click()
    expect(applicant.get_by_text("請上傳最近一期（11月）")).to_be_visible()
    assert_accessible(applicant)
    applicant.get_by_role("link", name="Labour-insurance payment list").click()
    section = applicant.locator("section#labour_insurance_list")
    # Once the page's script runs, choosing a file is enough: its button goes.
    upload = section.locator('button[type="submit"]')
    expect(upload).to_have_count(1)
    expect(upload).to_be_hidden()
    section.get_by_label("Replace: Labour-insurance payment list").set_input_files(
        files=[{"name": "勞保-11月.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
    )  # uploaded as soon as it is chosen
    expect(applicant.get_by_role("link", name="勞保-11月.pdf")).to_be_visible()
    expect(applicant.locator("input[name=company_profile-file]")).to_have_count(0)
    applicant.goto("/supplier/application/")
    applicant.get_by_role("link", name="Submit the corrected application").click()
    applicant.get_by_role("button", name="Submit the application").click()
    expect(applicant.get_by_text(re.compile("review is due by"))).to_be_visible()

    # The reviewer accepts the new version and approves.
    admin.goto(f"/admin/suppliers/application/{application.pk}/documents/")
    row = admin.locator("#content-main tbody tr", has_text="勞保-11月.pdf")
    row.locator("input[value=accepted]").check()
    admin.get_by_role("button", name="Save the document checks").click()
    admin.get_by_role("link", name="Approve").click()
    assert_accessible(admin)
    admin.get_by_role("button", name="Approve").click()
    expect(
        admin.get_by_text("Approved: the organisation is now a listed supplier.")
    ).to_be_visible()
    expect(admin.get_by_text("Audit trail")).to_be_visible()
    assert_accessible(admin)

    applicant.goto("/supplier/application/")
    expect(applicant.get_by_text("Approved on")).to_be_visible()
    mail = mailbox.wait_for(to="office@example.com", count=3)[-1]
    assert "審核通過" in mail.subject  # in the language the applicant chose (zh-Hant)
