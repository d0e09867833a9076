"""The published pages (seeded from the brochure, edited by organizers in the admin, shown in
both languages) and the rules' versions, which each supplier's user accepts at its next
log-in."""

import pytest
from django.test import Client
from django.urls import reverse

from publications.models import Page, RulesAcceptance, RulesVersion
from tests.factories import (
    PASSWORD,
    STAFF_TOTP_SECRET,
    OrganisationFactory,
    SupplierFactory,
    UserFactory,
    totp_code,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug", Page.Slug.values)
def test_every_page_is_seeded_in_both_languages(client, english, slug):
    page = Page.objects.get(slug=slug)
    chinese = client.get(reverse("publications:page", args=[slug]))
    assert chinese.status_code == 200 and page.title_zh in chinese.content.decode()
    assert page.title_en in english.get(reverse("publications:page", args=[slug])).content.decode()


def test_the_rules_come_from_the_brochure(client):
    text = client.get(reverse("publications:page", args=["rules"])).content.decode()
    assert "主辦單位與執行單位保留修正補充之權利" in text
    assert "<h2>但書</h2>" in text


def test_the_accessibility_statement_says_how_to_report_a_barrier(english):
    text = english.get(reverse("publications:page", args=["accessibility"])).content.decode()
    assert "WCAG 2.1" in text and "Report a barrier" in text and "ea-40037@gov.taipei" in text


def test_an_organizer_edits_a_page_in_the_admin_and_the_public_sees_it(organizer, english):
    staff = Client()
    staff.force_login(organizer)
    page = Page.objects.get(slug="faq")
    url = reverse("admin:publications_page_change", args=[page.pk])
    assert staff.get(url).status_code == 200
    response = staff.post(
        url,
        {
            "title_zh": "常見問題",
            "title_en": "Questions and answers",
            "body_zh": "## 新問題\n\n新答案。",
            "body_en": "## A new question\n\nA new answer.",
        },
    )
    assert response.status_code == 302
    text = english.get(reverse("publications:page", args=["faq"])).content.decode()
    assert "Questions and answers" in text and "<h2>A new question</h2>" in text
    chinese = Client().get(reverse("publications:page", args=["faq"])).content.decode()
    assert "<h2>新問題</h2>" in chinese
    # Pages are neither added nor removed: the footer links to each one.
    assert staff.get(reverse("admin:publications_page_add")).status_code == 403


def test_the_footer_links_to_the_pages(english):
    text = english.get("/").content.decode()
    for slug in Page.Slug.values:
        assert reverse("publications:page", args=[slug]) in text


# The rules' versions


@pytest.fixture
def new_rules():
    return RulesVersion.objects.create(version="2026-12", summary="The quota per pavilion.")


def log_in(client, username):
    return client.post(reverse("account_login"), {"login": username, "password": PASSWORD})


def test_a_supplier_accepts_the_new_rules_at_its_next_log_in(english, new_rules):
    supplier = SupplierFactory()
    user = supplier.organisation.account
    log_in(english, user.username)
    asked = english.get(reverse("accounts:organisation"))
    assert asked.status_code == 302 and asked.url.startswith(reverse("publications:rules_accept"))
    page = english.get(asked.url)
    assert "2026-12" in page.content.decode() and "The quota per pavilion." in page.content.decode()
    # The rules themselves stay readable.
    assert english.get(reverse("publications:page", args=["rules"])).status_code == 200

    done = english.post(asked.url, {"next": reverse("accounts:organisation")})
    assert done.status_code == 302 and done.url == reverse("accounts:organisation")
    assert RulesAcceptance.objects.filter(user=user, version=new_rules).exists()
    assert english.get(reverse("accounts:organisation")).status_code == 200

    # Next time, nothing to accept.
    again = Client()
    log_in(again, user.username)
    assert again.get(reverse("accounts:organisation")).status_code == 200


def test_the_version_accepted_with_the_application_is_not_asked_again(english):
    RulesVersion.objects.create(version="2025-03")
    supplier = SupplierFactory()
    supplier.application.terms_version = "2025-03"
    supplier.application.save()
    log_in(english, supplier.organisation.account.username)
    assert english.get(reverse("accounts:organisation")).status_code == 200


def test_nobody_is_asked_before_organizers_publish_a_version(english):
    supplier = SupplierFactory()
    log_in(english, supplier.organisation.account.username)
    assert english.get(reverse("accounts:organisation")).status_code == 200


def test_a_buyer_is_not_asked(english, new_rules):
    buyer = OrganisationFactory()
    log_in(english, buyer.account.username)
    assert english.get(reverse("accounts:organisation")).status_code == 200


def test_staff_are_not_asked(english, new_rules):
    staff = UserFactory(username="lin.organizer", is_staff=True)
    SupplierFactory(organisation=OrganisationFactory(account=staff, tax_id="22099131"))
    log_in(english, "lin.organizer")
    english.post(reverse("mfa_authenticate"), {"code": totp_code(STAFF_TOTP_SECRET)})
    assert "_auth_user_id" in english.session
    assert english.get(reverse("accounts:organisation")).status_code == 200
