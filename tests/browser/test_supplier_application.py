"""A buyer fills in its supplier application over two sittings, uploads, submits, sees the due date.

Then nobody else can fetch its documents: not another buyer, not an anonymous visitor.
"""

import re

import pytest
import time_machine
from playwright.sync_api import expect

from suppliers.models import Application, ApplicationDocument
from tests.factories import PASSWORD, OrganisationFactory
from tests.suppliers.files import pdf_bytes, png_file

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def log_in(page, login):
    page.goto("/accounts/login/")
    page.get_by_label("Unified Business Number or e-mail").fill(login)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()


def log_out(page):
    page.get_by_role("button", name=re.compile("^(Log out|登出)$")).click()


def pdf(name):
    return {"name": name, "mimeType": "application/pdf", "buffer": pdf_bytes()}


def test_an_application_over_two_sittings(browser, live_server, mailbox, assert_accessible):
    buyer = OrganisationFactory(tax_id="22099131", account__email="office@example.com")
    context = browser.new_context(locale="en-US", base_url=live_server.url)
    context.set_default_timeout(15_000)
    context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page = context.new_page()

    # First sitting: the company data and the size, then log out.
    log_in(page, "22099131")
    page.get_by_role("link", name="Supplier application").first.click()
    assert_accessible(page)
    page.get_by_role("button", name="Start the application").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Registration and address")
    assert_accessible(page)
    page.get_by_label("Company registration").check()
    page.get_by_label("District (Taipei City)").select_option(label="Xinyi District")
    page.get_by_label("Street address").fill("新北市板橋區文化路1號")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator("#id_street_address_error")).to_contain_text("must be in Taipei City")
    expect(page.get_by_label("Street address")).to_have_value("新北市板橋區文化路1號")
    assert_accessible(page)
    page.get_by_label("Street address").fill("信義路五段7號")
    page.get_by_label("not a Taiwan branch of a foreign enterprise").check()
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Size and founding date")
    # The summary's script is deferred: typed before it runs, the input would go unheard.
    page.wait_for_load_state("domcontentloaded")
    page.get_by_label("Paid-in capital (NT$)").fill("5,000,000")
    page.get_by_label("Regular employees").fill("12")
    page.get_by_label("Founding date").fill("2021-03-15")
    expect(page.locator("#eligibility")).to_contain_text("Startup group")  # shown as they type
    assert_accessible(page)
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_text("Saved.")).to_be_visible()
    log_out(page)

    # Second sitting: it resumes where it was left.
    log_in(page, "office@example.com")
    page.get_by_role("link", name="Supplier application").first.click()
    expect(page.get_by_text("Registration and address: complete")).to_be_visible()
    page.get_by_role("link", name="Continue the application").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Declarations")
    assert_accessible(page)
    page.get_by_label("We can issue uniform invoices").check()
    page.get_by_label("none of the 7 situations").check()
    page.get_by_label("We accept the supplier obligations").check()
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Public profile")
    page.get_by_label("Introduction").fill("我們為企業設計可回收的永續包裝。")
    logo = png_file()
    page.get_by_label("Logo").set_input_files(
        files=[{"name": "logo.png", "mimeType": "image/png", "buffer": logo.read()}]
    )
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Documents")
    assert_accessible(page)
    expect(page.get_by_text("deleted 90 days after the decision")).to_be_visible()
    for label, name in [
        ("Upload: Authorization letter (Annex 1)", "授權書.pdf"),
        ("Upload: Company registration approval letter", "核准函.pdf"),
        ("Upload: Company registration (amendment) form", "登記表.pdf"),
        ("Upload: Labour-insurance payment list", "勞保.pdf"),
        ("Upload: Company profile", "簡介.pdf"),
    ]:
        section = page.locator("section.document-section").filter(has=page.get_by_label(label))
        # Uploaded as soon as it is chosen.
        section.get_by_label(label).set_input_files(files=[pdf(name)])
        expect(page.get_by_role("link", name=name)).to_be_visible()
    # A fake PDF is refused, named, beside its field.
    section = page.locator("section.document-section#product_evidence")
    section.get_by_label("Upload: Product evidence").set_input_files(
        files=[{"name": "型錄.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 fake"}]
    )
    expect(page.locator("#id_product_evidence-file_error")).to_contain_text("型錄.pdf")
    assert_accessible(page)
    # Replacing the labour-insurance list keeps the first one in the history.
    section = page.locator("section.document-section#labour_insurance_list")
    section.get_by_label("Replace: Labour-insurance payment list").set_input_files(
        files=[pdf("勞保-最新.pdf")]
    )
    expect(page.get_by_text("1 earlier file")).to_be_visible()

    page.get_by_role("link", name="Continue: check and submit").click()
    assert_accessible(page)
    with time_machine.travel("2026-11-26 10:00 +0800"):  # a Thursday
        page.get_by_role("button", name="Submit the application").click()
        expect(page.get_by_text("Your application has been submitted.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"review is due by\s+3 Dec 2026"))).to_be_visible()
    assert_accessible(page)
    mailbox.wait_for(to="office@example.com")
    application = Application.objects.get(organisation=buyer)
    assert application.status == "submitted"

    # The same pages in Traditional Chinese.
    page.get_by_role("button", name="繁體中文").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hant-TW")
    assert_accessible(page)
    for path in ["/supplier/application/documents/", "/supplier/application/authorization-letter/"]:
        page.goto(path)
        assert_accessible(page)
    page.get_by_role("button", name="English").click()

    # Nobody else can fetch the documents.
    urls = [
        f"/supplier/documents/{document.public_id}/"
        for document in ApplicationDocument.objects.filter(application=application)
    ]
    assert len(urls) == 7  # five required, one replaced, the logo
    for url in urls:
        assert page.request.get(url).status == 200
    log_out(page)
    for url in urls:
        assert page.request.get(url).status == 404
    OrganisationFactory(tax_id="04541302", account__email="other@example.com")
    log_in(page, "04541302")
    for url in urls:
        assert page.request.get(url).status == 404
    context.close()
