"""The award scheme's outcome: the panel's decisions, the announcement that tells every
applicant its result, the public results (named only with consent), certificates, and a
correction after the announcement that is kept beside the first decision and told."""

import pytest
from django.test import Client
from django.urls import reverse

from awards.models import AwardDecision, CategoryKind
from awards.services.editions import award_application_submit, exposure_consent_set
from awards.services.judging import award_decision_record, edition_results_announce
from tests.builders import verified_purchase_record
from tests.factories import OrganisationFactory
from tops.workflow import StepRefused

from .moments import taipei

pytestmark = pytest.mark.django_db

AFTER_THE_CLOSE = taipei(2027, 2, 10, 10, 0)


@pytest.fixture
def applications(edition, buyer, supplier, reviewer):
    """Two buyers applied for the total-amount award; only the first consents to be named."""
    category = edition.categories.get(kind=CategoryKind.TOTAL_AMOUNT)
    other = OrganisationFactory(name="另一採購公司")
    made = []
    for organisation, amount in [(buyer, 300_000), (other, 120_000)]:
        record = verified_purchase_record(organisation, supplier, amount=amount, by=reviewer)
        made.append(
            award_application_submit(
                edition=edition,
                category=category,
                buyer=organisation,
                by=organisation.account,
                records=[record],
                statement="在地採購",
            )
        )
    exposure_consent_set(edition=edition, buyer=buyer, by=buyer.account, consent=True)
    return made


def decide_both(applications, organizer):
    first, second = applications
    award_decision_record(
        application=first,
        by=organizer,
        is_winner=True,
        rank=1,
        score=92,
        prize_amount=50_000,
        certificate_text="感謝貴單位支持臺北中小企業。",
    )
    award_decision_record(application=second, by=organizer, is_winner=False, note="金額較低")


def test_announcing_tells_every_applicant_and_publishes_the_consenting_winner(
    client, edition, applications, organizer, buyer, frozen_clock, mailbox
):
    frozen_clock.move_to(AFTER_THE_CLOSE)
    decide_both(applications, organizer)
    results = reverse("awards:results", args=[edition.pk])
    assert client.get(results).status_code == 404  # nothing public before the announcement

    assert edition_results_announce(edition=edition, by=organizer) == 2

    [won] = mailbox.wait_for(to=buyer.account.email, subject="2026 第一屆")
    assert "第 1 名" in won.body or "rank 1" in won.body
    assert "NT$50,000" in won.body.replace(" ", "")
    certificate = AwardDecision.objects.get(is_winner=True).certificate_id
    assert str(certificate) in won.body
    [lost] = mailbox.wait_for(to=applications[1].buyer.account.email, subject="2026 第一屆")
    assert "金額較低" in lost.body
    client.cookies["django_language"] = "en"
    page = client.get(results).content.decode()
    assert "示範採購股份有限公司" in page
    certificate_page = client.get(reverse("awards:certificate", args=[certificate]))
    assert "感謝貴單位支持臺北中小企業。" in certificate_page.content.decode()


def test_a_winner_who_did_not_consent_is_counted_but_not_named(
    client, edition, applications, organizer, frozen_clock
):
    frozen_clock.move_to(AFTER_THE_CLOSE)
    first, second = applications
    award_decision_record(
        application=second, by=organizer, is_winner=True, rank=1, certificate_text="第一名"
    )
    award_decision_record(application=first, by=organizer, is_winner=False)
    edition_results_announce(edition=edition, by=organizer)

    client.cookies["django_language"] = "en"
    page = client.get(reverse("awards:results", args=[edition.pk])).content.decode()
    assert "另一採購公司" not in page
    assert "And 1 winner who chose not to be named." in page
    # Its certificate is for itself and staff, not for the public.
    certificate = reverse(
        "awards:certificate", args=[AwardDecision.objects.get(is_winner=True).certificate_id]
    )
    assert client.get(certificate).status_code == 404
    own = Client()
    own.force_login(second.buyer.account)
    assert own.get(certificate).status_code == 200


def test_the_results_wait_for_a_decision_on_every_application(
    edition, applications, organizer, frozen_clock
):
    frozen_clock.move_to(AFTER_THE_CLOSE)
    award_decision_record(application=applications[0], by=organizer, is_winner=False)
    with pytest.raises(StepRefused, match="1 application has no decision yet"):
        edition_results_announce(edition=edition, by=organizer)
    edition.refresh_from_db()
    assert edition.results_announced_at is None


def test_judging_waits_for_the_applications_to_close(edition, applications, organizer):
    with pytest.raises(StepRefused, match="still open"):
        award_decision_record(application=applications[0], by=organizer, is_winner=False)


def test_a_reviewer_cannot_judge(edition, applications, reviewer, frozen_clock):
    frozen_clock.move_to(AFTER_THE_CLOSE)
    with pytest.raises(StepRefused, match="role"):
        award_decision_record(application=applications[0], by=reviewer, is_winner=False)


def test_a_correction_after_the_announcement_is_kept_beside_it_and_told(
    edition, applications, organizer, buyer, frozen_clock, mailbox
):
    frozen_clock.move_to(AFTER_THE_CLOSE)
    decide_both(applications, organizer)
    edition_results_announce(edition=edition, by=organizer)
    announced = AwardDecision.objects.get(application=applications[0])

    corrected = award_decision_record(
        application=applications[0],
        by=organizer,
        is_winner=True,
        rank=2,
        prize_amount=30_000,
        certificate_text="感謝貴單位支持臺北中小企業。",
    )

    assert corrected.corrects == announced
    announced.refresh_from_db()
    assert not announced.is_current and corrected.is_current
    mails = mailbox.wait_for(to=buyer.account.email, subject="更正", count=1)
    assert "NT$30,000" in mails[0].body.replace(" ", "")


def test_the_panel_works_in_the_admin(client, organizer, edition, applications, frozen_clock):
    frozen_clock.move_to(AFTER_THE_CLOSE)
    client.force_login(organizer)
    client.cookies["django_language"] = "en"
    decide = reverse("admin:awards_decide", args=[applications[0].pk])
    # A winner without a rank or certificate text: told beside the fields, nothing recorded.
    response = client.post(decide, {"is_winner": "on", "prize_amount": "50,000"})
    assert response.status_code == 200
    assert "A winner needs a rank." in response.content.decode()
    assert not AwardDecision.objects.exists()
    response = client.post(
        decide,
        {"is_winner": "on", "rank": "1", "prize_amount": "50,000", "certificate_text": "第一名"},
    )
    assert response.status_code == 302
    assert AwardDecision.objects.get().prize_amount == 50_000

    judging = client.get(reverse("admin:awards_judging", args=[edition.pk])).content.decode()
    assert "Winner, rank 1" in judging and "No decision yet." in judging
    export = client.get(reverse("admin:awards_results_export", args=[edition.pk, "csv"]))
    lines = export.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 3 and "示範採購股份有限公司" in lines[1]
