"""In English: an organisation downloads a copy of its data from the link mailed to it, and
asks for a correction."""

import json
import re
import zipfile

import pytest
from playwright.sync_api import expect

from tests import builders
from tests.browser.pages import english_page, log_in
from tests.factories import OrganisationFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_organisation_downloads_its_data_and_asks_for_a_correction(
    browser, live_server, mailbox, assert_accessible, tmp_path
):
    organisation = OrganisationFactory(
        tax_id="04595252", account__email="office@example.com", account__preferred_language="en"
    )
    application = builders.draft_application(organisation)
    builders.upload_document(application, "company_registration_form", name="登記表.pdf")
    page = english_page(browser, live_server)
    log_in(page, "04595252")
    expect(page.get_by_role("heading", level=1)).to_have_text("My organisation")

    page.get_by_role("link", name="Your personal data").click()
    assert_accessible(page)
    page.get_by_role("button", name="Prepare a copy of our data").click()
    expect(page.get_by_text("a link to download it will arrive by e-mail")).to_be_visible()

    [mail] = mailbox.wait_for(to="office@example.com", subject="copy of your data")
    link = re.search(r"https?://\S+/personal-data/copy/\S+/", mail.body).group(0)
    with page.expect_download() as download:
        page.evaluate("path => window.location.assign(path)", "/" + link.split("/", 3)[3])
    saved = tmp_path / "copy.zip"
    download.value.save_as(saved)
    with zipfile.ZipFile(saved) as copy:
        [kept] = json.loads(copy.read("data/organisation.json"))
        assert kept["fields"]["name"] == organisation.name
        assert any(
            name.endswith("登記表.pdf") or "application_documents" in name
            for name in copy.namelist()
        )

    page.goto("/organisation/personal-data/")
    page.get_by_label("Correct data that is wrong").check()
    page.get_by_role("button", name="Send the request").click()
    details = page.get_by_label("Which data, and what should be done with it")
    # The message stands next to the field, tied to it for screen readers.
    expect(details).to_have_accessible_description(re.compile("Say which data"))
    expect(page.get_by_label("Correct data that is wrong")).to_be_checked()
    details.fill("代表人姓名應為王大明")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_text("Your request has been received")).to_be_visible()
    row = page.get_by_role("row", name=re.compile("Correction of our data"))
    expect(row).to_contain_text("Received")
    assert_accessible(page)
