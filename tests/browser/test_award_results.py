"""An organizer judges an edition in the admin and announces it; the winning buyer is told,
finds its result on its edition summary and opens its certificate; the public sees the results."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from awards.models import AwardApplication, CategoryKind, Edition
from awards.services.editions import edition_ensure_categories, exposure_consent_set
from tests.browser.pages import english_page, log_in, log_in_staff
from tests.builders import staff
from tests.factories import OrganisationFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_edition_judged_announced_and_its_certificate_opened(
    browser, live_server, assert_accessible
):
    # The live server runs on the real clock: applications closed yesterday.
    today = timezone.localdate()
    edition = Edition.objects.create(
        name="第一屆台北好購獎",
        counting_starts_on=today - datetime.timedelta(days=300),
        counting_ends_on=today - datetime.timedelta(days=10),
        applications_close_at=datetime.datetime.combine(
            today - datetime.timedelta(days=1), datetime.time(17), zoneinfo.ZoneInfo("Asia/Taipei")
        ),
    )
    edition_ensure_categories(edition=edition)
    buyer = OrganisationFactory(tax_id="22099131", name="示範採購股份有限公司")
    AwardApplication.objects.create(
        edition=edition,
        category=edition.categories.get(kind=CategoryKind.TOTAL_AMOUNT),
        buyer=buyer,
        statement="全年在地採購",
        submitted_by=buyer.account,
    )
    exposure_consent_set(edition=edition, buyer=buyer, by=buyer.account, consent=True)
    staff("Organizer", "chen.organizer")

    admin = english_page(browser, live_server)
    log_in_staff(admin, "chen.organizer")
    admin.goto(f"/admin/awards/edition/{edition.pk}/change/")
    admin.get_by_role("link", name="Judging and results").first.click()
    assert_accessible(admin)
    admin.get_by_role("link", name="Record the decision").click()
    admin.get_by_label("This application wins").check()
    admin.get_by_label("Rank").fill("1")
    admin.get_by_label("Award money (NT$)").fill("50,000")
    admin.get_by_label("Certificate text").fill("感謝貴單位支持臺北中小企業，特頒此證。")
    admin.get_by_role("button", name="Record the panel's decision").click()
    expect(admin.get_by_text("Decision recorded.")).to_be_visible()
    admin.goto(f"/admin/awards/edition/{edition.pk}/judging/")
    admin.get_by_role("button", name="Announce the results").click()
    expect(admin.get_by_text("Announced: 1 applicant has been told its result.")).to_be_visible()

    page = english_page(browser, live_server)
    log_in(page, "22099131")
    page.goto(f"/awards/summary/?edition={edition.pk}")
    expect(page.get_by_text("Winner, rank 1")).to_be_visible()
    page.get_by_role("link", name="Your certificate").click()
    expect(page.get_by_role("heading", name="Certificate of award")).to_be_visible()
    expect(page.get_by_text("感謝貴單位支持臺北中小企業，特頒此證。")).to_be_visible()
    assert_accessible(page)

    visitor = english_page(browser, live_server)
    visitor.goto(f"/awards/results/{edition.pk}/")
    expect(visitor.get_by_role("link", name="示範採購股份有限公司")).to_be_visible()
    assert_accessible(visitor)
