"""A listed supplier's change of profile or registered data waits for a reviewer, who sees
the old and new values side by side (and whether the SME test's result changes); the public
keeps the approved profile until the change is accepted (參.二(二)5)."""

import pytest
from django.test import Client
from django.urls import reverse

from suppliers import profile_changes
from suppliers.models import ProfileChange
from tests.builders import listed_supplier
from tests.suppliers.files import png_file
from tops.uploads import IMAGE_FORMATS, check_upload
from tops.workflow import StepRefused

pytestmark = pytest.mark.django_db


@pytest.fixture
def supplier(db):
    return listed_supplier(language="en")


@pytest.fixture
def owner(client, supplier):
    client.force_login(supplier.organisation.account)
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def staff_client(reviewer):
    client = Client()
    client.force_login(reviewer)
    client.cookies["django_language"] = "en"
    return client


def form_data(supplier, **values):
    current = profile_changes.current_values(supplier)
    return {
        **{name: "" if value is None else value for name, value in current.items()},
        **values,
    }


def test_the_change_waits_and_the_form_shows_it(owner, supplier):
    response = owner.post(reverse("suppliers:profile_edit"), form_data(supplier, name="綠色工坊"))
    assert response.status_code == 302
    change = ProfileChange.objects.get()
    assert change.status == "pending" and change.name == "綠色工坊"
    supplier.refresh_from_db()
    assert supplier.name == "綠色工作室"
    page = owner.get(reverse("suppliers:profile_edit")).content.decode()
    assert "is waiting for a reviewer" in page and 'value="綠色工坊"' in page


def test_sending_again_replaces_the_waiting_change(owner, supplier):
    owner.post(reverse("suppliers:profile_edit"), form_data(supplier, name="綠色工坊"))
    owner.post(reverse("suppliers:profile_edit"), form_data(supplier, name="綠色工坊二"))
    assert list(ProfileChange.objects.order_by("pk").values_list("status", "name")) == [
        ("withdrawn", "綠色工坊"),
        ("pending", "綠色工坊二"),
    ]


def test_nothing_changed_is_refused_with_a_reason(owner, supplier):
    response = owner.post(reverse("suppliers:profile_edit"), form_data(supplier))
    assert "Nothing has changed" in response.content.decode()
    assert not ProfileChange.objects.exists()


def test_an_address_outside_taipei_is_refused_beside_the_field(owner, supplier):
    response = owner.post(
        reverse("suppliers:profile_edit"),
        form_data(supplier, street_address="新北市板橋區文化路一段1號"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["street_address"]
    assert 'value="新北市板橋區文化路一段1號"' in response.content.decode()


def test_an_address_naming_another_district_than_the_chosen_one_is_refused(owner, supplier):
    response = owner.post(
        reverse("suppliers:profile_edit"),
        form_data(supplier, district="110", street_address="臺北市大安區和平東路二段1號"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["street_address"] == [
        "The address names another district than the one chosen above."
    ]
    assert not ProfileChange.objects.exists()


def test_the_reviewer_sees_the_diff_and_the_sme_test_warning(staff_client, supplier):
    change = profile_changes.profile_change_send(
        supplier=supplier,
        by=supplier.organisation.account,
        values={"paid_in_capital": 150_000_000, "regular_employees": 250},
        logo=check_upload(png_file("新標誌.png"), formats=IMAGE_FORMATS),
    )
    page = staff_client.get(
        reverse("admin:suppliers_profilechange_change", args=[change.pk])
    ).content.decode()
    assert "change the result of the SME test" in page
    assert "NT$ 150,000,000" in page
    assert page.count("(changed)") == 3  # capital, employees, logo
    logo = reverse("admin:review_profile_change_logo", args=[change.logo.public_id])
    assert logo in page and staff_client.get(logo).status_code == 200
    assert Client().get(logo).status_code == 302  # to log in


def test_accepting_publishes_the_change_and_tells_the_supplier(staff_client, supplier, mailbox):
    change = profile_changes.profile_change_send(
        supplier=supplier, by=supplier.organisation.account, values={"name": "綠色工坊"}
    )
    response = staff_client.post(reverse("admin:review_profile_change_accept", args=[change.pk]))
    assert response.status_code == 302
    supplier.refresh_from_db()
    assert supplier.name == "綠色工坊"
    [mail] = mailbox.wait_for(to=supplier.organisation.account.email, subject="accepted")
    assert "yearly update" in mail.body


def test_not_accepting_needs_a_reason_and_tells_the_supplier(staff_client, supplier, mailbox):
    change = profile_changes.profile_change_send(
        supplier=supplier, by=supplier.organisation.account, values={"name": "綠色工坊"}
    )
    url = reverse("admin:review_profile_change_reject", args=[change.pk])
    response = staff_client.post(url, {"reason": ""})
    assert "Tell the supplier why" in response.content.decode()
    staff_client.post(url, {"reason": "名稱與登記不符"})
    change.refresh_from_db()
    assert change.status == "rejected"
    [mail] = mailbox.wait_for(to=supplier.organisation.account.email, subject="not accepted")
    assert "名稱與登記不符" in mail.body
    supplier.refresh_from_db()
    assert supplier.name == "綠色工作室"


def test_a_decided_change_cannot_be_decided_again(supplier, reviewer):
    change = profile_changes.profile_change_send(
        supplier=supplier, by=supplier.organisation.account, values={"name": "綠色工坊"}
    )
    profile_changes.profile_change_accept(change=change, by=reviewer)
    with pytest.raises(StepRefused, match="already been decided"):
        profile_changes.profile_change_reject(change=change, by=reviewer, reason="x")


def test_accepted_registered_data_is_the_current_one(supplier, reviewer):
    change = profile_changes.profile_change_send(
        supplier=supplier, by=supplier.organisation.account, values={"regular_employees": 42}
    )
    profile_changes.profile_change_accept(change=change, by=reviewer)
    assert profile_changes.registered_data(supplier)["regular_employees"] == 42
