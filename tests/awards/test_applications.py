"""Award applications: before the deadline, from the buyer's records, once per category."""

import datetime

import pytest
from django.urls import reverse

from awards.models import AwardApplication, CategoryKind
from awards.services.editions import award_application_submit
from tests.builders import purchase_record, verified_purchase_record
from tests.factories import OrganisationFactory
from tops.workflow import StepRefused

pytestmark = pytest.mark.django_db


def apply(client, edition, **data):
    return client.post(reverse("awards:apply", args=[edition.pk]), data)


def test_a_buyer_applies_from_its_records_and_staff_see_them(
    logged_in, admin_client, edition, buyer, supplier, reviewer
):
    verified = verified_purchase_record(
        buyer, supplier, amount=30_000, by=reviewer, impacts=["green_products"]
    )
    category = edition.categories.get(kind=CategoryKind.SUSTAINABILITY)
    response = apply(
        logged_in, edition, category=category.pk, records=[verified.pk], statement="採購綠色產品"
    )
    assert response.status_code == 302
    application = AwardApplication.objects.get()
    assert list(application.records.all()) == [verified]
    page = admin_client.get(
        reverse("admin:awards_awardapplication_change", args=[application.pk])
    ).content.decode()
    assert "好食農產" in page and "30,000" in page


def test_applying_twice_for_one_category_is_refused(logged_in, edition, buyer, supplier):
    made = purchase_record(buyer, supplier)
    category = edition.categories.get(kind=CategoryKind.TOTAL_AMOUNT)
    apply(logged_in, edition, category=category.pk, records=[made.pk], statement="第一次")
    response = apply(logged_in, edition, category=category.pk, records=[made.pk], statement="再次")
    assert response.context["form"].errors == {
        "category": ["You have already applied for this award."]
    }
    assert AwardApplication.objects.count() == 1


def test_another_buyers_records_cannot_be_chosen(logged_in, edition, supplier):
    theirs = purchase_record(OrganisationFactory(), supplier)
    category = edition.categories.get(kind=CategoryKind.TOTAL_AMOUNT)
    response = apply(logged_in, edition, category=category.pk, records=[theirs.pk], statement="x")
    assert "records" in response.context["form"].errors
    assert not AwardApplication.objects.exists()


def test_applications_are_refused_after_the_deadline(
    logged_in, edition, buyer, supplier, frozen_clock
):
    made = purchase_record(buyer, supplier)
    category = edition.categories.get(kind=CategoryKind.TOTAL_AMOUNT)
    # One second after 31 January 2027, 17:00 in Taipei.
    frozen_clock.move_to(edition.applications_close_at + datetime.timedelta(seconds=1))
    logged_in.force_login(buyer.account)  # the session of two months ago has expired
    response = apply(logged_in, edition, category=category.pk, records=[made.pk], statement="遲")
    assert response.status_code == 302
    page = logged_in.get(response["Location"]).content.decode()
    assert "Applications for this edition are closed." in page
    assert not AwardApplication.objects.exists()
    with pytest.raises(StepRefused, match="closed"):
        award_application_submit(
            edition=edition,
            category=category,
            buyer=buyer,
            by=buyer.account,
            records=[made],
            statement="遲",
        )
