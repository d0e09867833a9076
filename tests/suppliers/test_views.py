"""The applicant's pages: access, saving each step, refusals beside the field, the status page."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from review import services as review_services
from suppliers import services
from suppliers.models import Application
from tests.builders import staff
from tests.factories import OrganisationFactory, UserFactory
from tests.suppliers.files import pdf_file, png_file

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("suppliers:application")


def step_url(step):
    return reverse("suppliers:application_step", kwargs={"step": step})


@pytest.fixture(autouse=True)
def english_pages(client):
    client.cookies["django_language"] = "en"


@pytest.fixture
def applicant(client, draft):
    client.force_login(draft.organisation.account)
    return draft


@pytest.mark.parametrize(
    "url",
    [
        OVERVIEW,
        step_url("company"),
        reverse("suppliers:application_documents"),
        reverse("suppliers:application_submit"),
        reverse("suppliers:authorization_letter"),
    ],
)
class TestAccess:
    def test_anonymous_visitors_are_sent_to_log_in(self, client, url):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url

    def test_staff_without_an_organisation_get_404(self, client, url):
        client.force_login(UserFactory(is_staff=True))
        assert client.get(url).status_code == 404

    def test_the_buyer_gets_its_page(self, client, applicant, url):
        assert client.get(url).status_code == 200


def test_a_buyer_starts_an_application(client, buyer):
    client.force_login(buyer.account)
    assert b"Start the application" in client.get(OVERVIEW).content
    response = client.post(reverse("suppliers:application_start"))
    assert response.url == step_url("company")
    assert buyer.applications.get().status == "draft"


def test_a_new_application_starts_with_what_the_registry_says(client, buyer, registry):
    registry.found(
        buyer.tax_id,
        Company_Location="臺北市信義區市府路1號",
        Paid_In_Capital_Amount=5_000_000,
        Company_Setup_Date="1090501",
    )
    client.force_login(buyer.account)
    client.post(reverse("suppliers:application_start"))
    draft = buyer.applications.get()
    assert (draft.district, draft.street_address) == ("110", "市府路1號")
    assert (draft.paid_in_capital, draft.founded_on) == (5_000_000, datetime.date(2020, 5, 1))
    size_page = client.get(step_url("size")).content.decode()
    assert 'value="2020-05-01"' in size_page
    # What the applicant types instead is kept as typed.
    client.post(
        step_url("size"),
        {"paid_in_capital": "NT$ 6,000,000", "regular_employees": "12", "founded_on": "2020-06-01"},
    )
    draft.refresh_from_db()
    assert (draft.paid_in_capital, draft.founded_on) == (6_000_000, datetime.date(2020, 6, 1))


def test_an_address_outside_taipei_is_not_filled_in(client, buyer, registry):
    registry.found(buyer.tax_id, Company_Location="新北市板橋區中山路一段161號")
    client.force_login(buyer.account)
    client.post(reverse("suppliers:application_start"))
    draft = buyer.applications.get()
    assert (draft.district, draft.street_address) == ("", "")


def test_without_the_registry_the_application_starts_and_says_staff_will_check(
    client, buyer, registry
):
    registry.answers[buyer.tax_id] = b"<html>503</html>"
    client.force_login(buyer.account)
    response = client.post(reverse("suppliers:application_start"), follow=True)
    assert buyer.applications.get().founded_on is None
    assert "staff will check them against the registry" in response.content.decode()


def test_each_step_saves_into_the_draft(client, applicant):
    client.post(
        step_url("company"),
        {
            "registration_type": "company",
            "district": "106",
            "street_address": "臺北市大安區羅斯福路四段1號",
            "not_foreign_branch": "on",
        },
    )
    client.post(
        step_url("size"),
        {"paid_in_capital": "NT$ 5,000,000", "regular_employees": "12", "founded_on": "2020-05-01"},
    )
    applicant.refresh_from_db()
    assert applicant.district == "106"
    assert applicant.street_address == "羅斯福路四段1號"  # city and district not repeated
    assert applicant.declared_not_foreign_branch_at is not None
    assert applicant.paid_in_capital == 5_000_000
    assert applicant.founded_on == datetime.date(2020, 5, 1)


def test_save_and_continue_goes_to_the_next_step_and_draft_stays(client, applicant):
    response = client.post(step_url("company"), {"registration_type": "company"})
    assert response.url == step_url("size")
    response = client.post(step_url("company"), {"registration_type": "company", "stay": "1"})
    assert response.url == step_url("company")


@pytest.mark.parametrize(
    "street", ["基隆路一段200號", "桃園街10號", "金門街5號", "臺北市信義區基隆路二段1號"]
)
def test_taipei_streets_named_after_other_cities_are_accepted(client, applicant, street):
    client.post(
        step_url("company"),
        {"registration_type": "company", "district": "110", "street_address": street},
    )
    applicant.refresh_from_db()
    assert applicant.street_address.endswith("號") and "臺北市" not in applicant.street_address


def test_an_address_naming_another_district_is_refused(client, applicant):
    response = client.post(
        step_url("company"),
        {
            "registration_type": "company",
            "district": "110",
            "street_address": "臺北市大安區羅斯福路1號",
        },
    )
    assert response.context["form"].errors["street_address"]


def test_an_address_outside_taipei_is_refused_and_kept(client, applicant):
    response = client.post(
        step_url("company"),
        {
            "registration_type": "company",
            "district": "106",
            "street_address": "新北市板橋區文化路1號",
        },
    )
    assert response.status_code == 200
    assert "street_address" in response.context["form"].errors
    assert 'value="新北市板橋區文化路1號"' in response.content.decode()
    applicant.refresh_from_db()
    assert applicant.street_address == ""


def test_a_district_outside_taipei_cannot_be_chosen(client, applicant):
    response = client.post(step_url("company"), {"registration_type": "company", "district": "220"})
    assert "district" in response.context["form"].errors


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("founded_on", "2099-01-01"),
        ("paid_in_capital", "-5"),
        ("paid_in_capital", "five"),
        ("regular_employees", "-1"),
    ],
)
def test_bad_numbers_and_dates_are_refused(client, applicant, field, value):
    data = {"paid_in_capital": "1000000", "regular_employees": "3", "founded_on": "2020-01-01"}
    data[field] = value
    response = client.post(step_url("size"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert f'value="{value}"' in response.content.decode()


def test_the_size_step_shows_the_group(client, applicant):
    with time_machine.travel("2026-11-26 10:00 +0800"):
        client.post(
            step_url("size"),
            {
                "paid_in_capital": "1000000",
                "regular_employees": "3",
                "founded_on": "2020-01-01",
                "stay": "1",
            },
        )
        html = client.get(step_url("size")).content.decode()
    assert "Startup group" in html and "badge--ok" in html


def test_the_eligibility_fragment_follows_the_rule(client, applicant):
    url = reverse("suppliers:eligibility")
    html = client.get(
        url,
        {"paid_in_capital": "100,000,001", "regular_employees": "200", "founded_on": "2010-01-01"},
    ).content.decode()
    assert "does not qualify" in html and "SME group" in html
    html = client.get(
        url, {"paid_in_capital": "100000000", "regular_employees": "200"}
    ).content.decode()
    assert "qualifies" in html and "does not qualify" not in html


def test_declarations_step_shows_the_seven_checks_with_their_sources(client, applicant):
    html = client.get(step_url("declarations")).content.decode()
    assert "Judicial Yuan judgment search system" in html
    assert html.count('<tr><td data-label="#">') == 7
    client.post(step_url("declarations"), {"invoices": "on", "obligations": "on"})
    applicant.refresh_from_db()
    assert applicant.declared_invoices_at and applicant.accepted_obligations_at
    assert applicant.declared_no_violations_at is None


def test_a_logo_is_checked_and_stored(client, applicant):
    client.post(step_url("profile"), {"introduction": "永續包裝", "logo": png_file("標誌.png")})
    logo = applicant.documents.get(kind="logo")
    assert logo.original_name == "標誌.png" and logo.content_type == "image/png"


def test_a_logo_that_is_not_an_image_is_refused(client, applicant):
    response = client.post(
        step_url("profile"), {"introduction": "永續包裝", "logo": pdf_file("logo.pdf")}
    )
    assert response.status_code == 200
    assert "logo" in response.context["form"].errors
    assert not applicant.documents.exists()


def test_an_upload_refusal_names_the_file(client, applicant):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("營業登記.pdf", b"%PDF-1.7\nthis is only text", "application/pdf")
    response = client.post(
        reverse("suppliers:application_documents"),
        {"kind": "company_profile", "company_profile-file": fake},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_company_profile-file_error"' in html
    assert "營業登記.pdf could not be read as a PDF document" in html
    assert not applicant.documents.exists()


def test_submitting_from_the_page_lists_what_is_missing(client, applicant):
    html = client.get(reverse("suppliers:application_submit")).content.decode()
    assert "Enter the paid-in capital." in html
    response = client.post(reverse("suppliers:application_submit"), follow=True)
    assert "not complete" in response.content.decode()
    applicant.refresh_from_db()
    assert applicant.status == "draft"


def test_the_status_page_shows_the_due_date_and_locks_the_form(client, buyer, complete_draft):
    client.force_login(buyer.account)
    with time_machine.travel("2026-11-26 10:00 +0800"):
        client.post(reverse("suppliers:application_submit"))
    html = client.get(OVERVIEW).content.decode()
    assert "3 Dec 2026" in html
    response = client.get(step_url("company"))
    assert response.status_code == 302 and response.url == OVERVIEW
    response = client.post(step_url("company"), {"street_address": "別處"})
    complete_draft.refresh_from_db()
    assert complete_draft.street_address == "信義路五段7號"


def test_the_status_page_shows_what_to_correct(client, buyer, complete_draft):
    services.application_submit(application=complete_draft, by=buyer.account)
    review_services.application_request_corrections(
        application=complete_draft,
        by=staff(),
        items=[
            {
                "item": "document:labour_insurance_list",
                "label": "勞保繳費清單",
                "note": "請上傳最近一期",
            }
        ],
    )
    client.force_login(buyer.account)
    html = client.get(OVERVIEW).content.decode()
    documents = reverse("suppliers:application_documents")
    link = f'<a href="{documents}#labour_insurance_list">Labour-insurance payment list</a>'
    assert f"{link}: 請上傳最近一期" in html  # the label in the applicant's language
    # Only the listed part opens for changes.
    assert client.get(step_url("company")).url == OVERVIEW
    html = client.get(documents).content.decode()
    assert 'name="labour_insurance_list-file"' in html
    assert 'name="company_profile-file"' not in html


def test_withdrawing_from_the_page(client, applicant):
    client.post(reverse("suppliers:application_withdraw"))
    applicant.refresh_from_db()
    assert applicant.status == "withdrawn"
    assert b"Start a new application" in client.get(OVERVIEW).content


def test_the_authorization_letter_is_prefilled(client, applicant):
    html = client.get(reverse("suppliers:authorization_letter")).content.decode()
    org = applicant.organisation
    assert org.name in html and org.tax_id in html and org.representative in html


def test_another_buyers_application_is_not_reachable(client, applicant):
    other = OrganisationFactory(tax_id="04541302")
    client.force_login(other.account)
    assert b"Start the application" in client.get(OVERVIEW).content
    assert Application.objects.filter(organisation=other).count() == 0


def test_several_product_evidence_files_at_once_keep_the_good_ones(client, applicant):
    from django.core.files.uploadedfile import SimpleUploadedFile

    broken = SimpleUploadedFile("壞掉.pdf", b"%PDF-1.7\nthis is only text", "application/pdf")
    response = client.post(
        reverse("suppliers:application_documents"),
        {
            "kind": "product_evidence",
            "product_evidence-file": [pdf_file("型錄.pdf"), broken, pdf_file("報價單.pdf")],
        },
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "壞掉.pdf could not be read as a PDF document" in html
    assert "Product evidence (DM, manual, introduction): 2 files uploaded." in html
    assert sorted(applicant.documents.values_list("original_name", flat=True)) == [
        "型錄.pdf",
        "報價單.pdf",
    ]


def test_a_document_uploaded_by_the_pages_script_is_answered_with_where_to_go(client, applicant):
    response = client.post(
        reverse("suppliers:application_documents"),
        {"kind": "company_profile", "company_profile-file": pdf_file("營業登記.pdf")},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200
    assert response.json() == {
        "next": reverse("suppliers:application_documents") + "#company_profile"
    }
    # The confirmation waits for that page.
    page = client.get(response.json()["next"]).content.decode()
    assert "Company profile: 1 file uploaded." in page
