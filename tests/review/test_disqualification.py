"""Disqualification (參.二(五)): its three routes, the products going with it in one
transaction, the written notice, applying again, and reinstatement after an appeal."""

import pytest
from django.urls import reverse
from django.utils import timezone

from catalog import services as catalog_services
from catalog.models import Pavilion, Product
from reports import services as report_services
from suppliers import lifecycle
from suppliers.models import Disqualification, Notice, Supplier, SupplierEvent, WithdrawalRequest
from tests.builders import approve, draft_application, pictures_made, submitted_application
from tests.factories import PASSWORD, OrganisationFactory, SupplierFactory
from tests.suppliers.files import png_file
from tops.uploads import IMAGE_FORMATS, check_upload
from tops.workflow import StepRefused

pytestmark = pytest.mark.django_db


def add_product(supplier, reviewer, name, *, listed=True):
    upload = check_upload(png_file(size=(64, 48)), formats=IMAGE_FORMATS)
    product = catalog_services.product_create(
        supplier=supplier,
        by=supplier.organisation.account,
        pavilion=Pavilion.objects.get(code="lifestyle"),
        content={
            "name": name,
            "summary": "好物",
            "description": "在地製造。",
            "specifications": "",
            "price": 800,
            "price_on_request": False,
        },
        pictures=[catalog_services.Picture(alt_text="照片", upload=upload)],
    )
    pictures_made(product.latest_version)
    if listed:
        catalog_services.version_list(version=product.latest_version, by=reviewer)
    return Product.objects.get(pk=product.pk)


@pytest.fixture
def supplier(reviewer):
    supplier = SupplierFactory(
        organisation__tax_id="22099131", organisation__account__email="owner@example.com"
    )
    add_product(supplier, reviewer, "竹編提籃")
    add_product(supplier, reviewer, "手工皂")
    add_product(supplier, reviewer, "新品茶具", listed=False)
    return supplier


def disqualify(supplier, by, **fields):
    return lifecycle.supplier_disqualify(
        supplier=supplier,
        by=by,
        **{
            "route": "audit",
            "ground": "bankruptcy",
            "reason": "經法院宣告破產。",
            "evidence": "臺北地方法院裁定",
            **fields,
        },
    )


def test_disqualification_delists_exactly_that_suppliers_products(supplier, reviewer):
    other = SupplierFactory()
    others_product = add_product(other, reviewer, "別家的商品")

    disqualification = disqualify(supplier, reviewer)

    supplier.refresh_from_db()
    assert supplier.status == "disqualified"
    assert set(supplier.products.values_list("status", flat=True)) == {"delisted"}
    assert set(disqualification.delistings.values_list("product__supplier", flat=True)) == {
        supplier.pk
    }
    assert list(Product.objects.public()) == [others_product]
    assert disqualification.route == "audit" and disqualification.ground == "bankruptcy"
    assert disqualification.effective_on == timezone.localdate()
    assert not supplier.was_listed_on(timezone.localdate())
    assert supplier.events.filter(kind=SupplierEvent.Kind.DISQUALIFIED).exists()


def test_disqualification_is_one_transaction(supplier, reviewer, monkeypatch):
    """A failure while the notice is written (injected here) leaves nothing half done."""

    def notice_fails(*args, **kwargs):
        raise RuntimeError("mail template missing")

    monkeypatch.setattr(lifecycle, "notify_supplier", notice_fails)
    with pytest.raises(RuntimeError):
        disqualify(supplier, reviewer)
    supplier.refresh_from_db()
    assert supplier.status == "active"
    assert not Disqualification.objects.exists()
    assert Product.objects.public().count() == 2
    assert not supplier.products.filter(status="delisted").exists()


def test_the_written_notice_is_mailed_and_kept_as_a_printable_page(
    mailbox, supplier, reviewer, client
):
    disqualification = disqualify(supplier, reviewer)
    [mail] = mailbox.wait_for(to="owner@example.com", subject="書面通知")
    assert "經法院宣告破產。" in mail.body and "竹編提籃" in mail.body and "手工皂" in mail.body
    notice = Notice.objects.get(pk=disqualification.notice_id)
    assert notice.body.strip() == mail.body.strip()

    url = reverse("notices:disqualification", args=[disqualification.public_id])
    assert client.get(url).status_code == 302  # to the log-in
    client.force_login(OrganisationFactory().account)
    assert client.get(url).status_code == 404
    client.force_login(supplier.organisation.account)
    page = client.get(url).content.decode()
    assert "經法院宣告破產。" in page and supplier.organisation.tax_id in page
    client.force_login(reviewer)
    assert client.get(url).status_code == 200


def test_the_organisation_stays_a_buyer_and_can_apply_again(supplier, reviewer, client):
    first_approval = supplier.approved_on
    disqualification = disqualify(supplier, reviewer)
    organisation = supplier.organisation

    assert client.login(username=organisation.tax_id, password=PASSWORD)
    assert client.get(reverse("accounts:organisation")).status_code == 200
    assert client.get(reverse("suppliers:dashboard")).status_code == 404
    overview = client.get(reverse("suppliers:application")).content.decode()
    assert reverse("notices:disqualification", args=[disqualification.public_id]) in overview

    application = submitted_application(draft_application(organisation))
    approve(application, reviewer)

    supplier.refresh_from_db()
    disqualification.refresh_from_db()
    assert supplier.status == "active" and supplier.application == application
    assert supplier.approved_on == first_approval
    assert disqualification.end == "approved_again"
    assert disqualification.ended_on == timezone.localdate()


def test_a_disqualification_after_a_report_needs_that_report_upheld(supplier, reviewer):
    report = report_services.report_submit(
        supplier=supplier,
        product=None,
        reason="no_longer_eligible",
        description="已遷出臺北市。",
        contact_email="citizen@example.com",
        language="zh-hant",
        evidence=[],
    )
    with pytest.raises(StepRefused, match="upheld"):
        disqualify(supplier, reviewer, route="report", ground="no_longer_eligible", report=report)
    report_services.report_uphold(report=report, by=reviewer, outcome="登記地址已遷至新北市。")
    report.refresh_from_db()
    disqualification = disqualify(
        supplier, reviewer, route="report", ground="no_longer_eligible", report=report
    )
    assert disqualification.report == report


@pytest.mark.parametrize("ground", ["case_by_case", "intellectual_property"])
def test_only_an_organizer_decides_on_its_own_grounds(supplier, reviewer, organizer, ground):
    with pytest.raises(StepRefused, match="organizer"):
        disqualify(supplier, reviewer, ground=ground)
    assert disqualify(supplier, organizer, ground=ground).ground == ground


def test_the_disqualify_form_offers_infringement_to_organizers_only(supplier, reviewer, organizer):
    from review.forms import DisqualifyForm

    def grounds(user):
        return [
            value
            for value, _label in DisqualifyForm(supplier=supplier, user=user)
            .fields["ground"]
            .choices
        ]

    assert "intellectual_property" not in grounds(reviewer)
    assert "intellectual_property" in grounds(organizer)


def test_reinstatement_sends_the_products_back_to_review(supplier, reviewer, organizer):
    disqualification = disqualify(supplier, reviewer)
    lifecycle.supplier_reinstate(
        disqualification=disqualification, by=organizer, note="申覆成立：破產裁定已廢棄。"
    )
    supplier.refresh_from_db()
    disqualification.refresh_from_db()
    assert supplier.status == "active" and disqualification.end == "reinstated"
    assert not Product.objects.public().exists(), "nothing is public before a reviewer looks"
    waiting = [product.latest_version for product in supplier.products.order_by("pk")]
    assert [version.review for version in waiting] == ["pending"] * 3
    assert [version.name for version in waiting] == ["竹編提籃", "手工皂", "新品茶具"]

    for version in waiting:
        catalog_services.version_list(version=version, by=reviewer)
    assert Product.objects.public().count() == 3
    assert supplier.was_listed_on(timezone.localdate())


def test_a_supplier_asks_to_withdraw_and_a_reviewer_confirms(mailbox, supplier, reviewer, client):
    client.force_login(supplier.organisation.account)
    client.cookies["django_language"] = "en"
    url = reverse("suppliers:withdrawal")

    response = client.post(url, {"reason": "公司已遷出臺北市。"})
    assert "Tick this box to make the request." in response.content.decode()
    assert "公司已遷出臺北市。" in response.content.decode()
    assert not WithdrawalRequest.objects.exists()

    client.post(url, {"reason": "公司已遷出臺北市。", "confirm": "on"})
    request = WithdrawalRequest.objects.get()
    assert mailbox.wait_for(to="tops-review@example.gov.taipei", subject="申請取消登錄")
    assert "You asked to withdraw on" in client.get(url).content.decode()
    assert Product.objects.public().count() == 2, "listed until a reviewer confirms"

    client.force_login(reviewer)
    page = client.get(reverse("admin:suppliers_supplier_change", args=[supplier.pk]))
    assert "公司已遷出臺北市。" in page.content.decode()
    client.post(reverse("admin:review_withdrawal_confirm", args=[request.pk]))

    request.refresh_from_db()
    assert request.status == "confirmed"
    assert request.disqualification.route == "request"
    assert not Product.objects.public().exists()
    assert mailbox.wait_for(to="owner@example.com", subject="書面通知")


def test_a_supplier_may_cancel_its_request_to_withdraw(supplier, client):
    request = lifecycle.withdrawal_request(
        supplier=supplier, by=supplier.organisation.account, reason="暫停營業"
    )
    client.force_login(supplier.organisation.account)
    client.post(reverse("suppliers:withdrawal"), {"cancel": "1"})
    request.refresh_from_db()
    assert request.status == "cancelled"
    assert Supplier.objects.get(pk=supplier.pk).status == "active"


def test_the_admin_disqualify_form_and_who_may_reinstate(supplier, reviewer, organizer, client):
    client.force_login(reviewer)
    client.cookies["django_language"] = "en"
    url = reverse("admin:review_supplier_disqualify", args=[supplier.pk])
    response = client.post(url, {"route": "report", "ground": "violation", "reason": "欠稅"})
    assert "Choose the upheld report this follows." in response.content.decode()
    assert Supplier.objects.get(pk=supplier.pk).status == "active"

    client.post(url, {"route": "audit", "ground": "violation", "reason": "欠稅", "evidence": ""})
    assert Supplier.objects.get(pk=supplier.pk).status == "disqualified"

    reinstate = reverse("admin:review_supplier_reinstate", args=[supplier.pk])
    assert client.get(reinstate).status_code == 403
    client.force_login(organizer)
    response = client.post(reinstate, {"note": ""})
    assert "Say why the appeal succeeded." in response.content.decode()
    client.post(reinstate, {"note": "申覆成立"})
    assert Supplier.objects.get(pk=supplier.pk).status == "active"


def test_the_confirm_button_sits_outside_the_admin_form(supplier, reviewer, client):
    """A form inside the admin's own change form would be ignored by the browser."""
    request = lifecycle.withdrawal_request(
        supplier=supplier, by=supplier.organisation.account, reason="暫停營業"
    )
    client.force_login(reviewer)
    page = client.get(reverse("admin:suppliers_supplier_change", args=[supplier.pk]))
    html = page.content.decode()
    confirm = html.index(reverse("admin:review_withdrawal_confirm", args=[request.pk]))
    assert confirm < html.index('id="supplier_form"')


def test_a_pending_request_closes_when_another_route_disqualifies(supplier, reviewer):
    request = lifecycle.withdrawal_request(
        supplier=supplier, by=supplier.organisation.account, reason="暫停營業"
    )
    disqualify(supplier, reviewer)
    request.refresh_from_db()
    assert request.status == "overtaken" and request.closed_at


def test_a_reviewer_may_delist_an_overdue_suppliers_products(supplier, reviewer, client):
    client.force_login(reviewer)
    url = reverse("admin:review_supplier_delist_overdue", args=[supplier.pk])
    supplier.information_confirmed_on = timezone.localdate()
    supplier.save()
    client.post(url)
    assert Product.objects.public().count() == 2, "not overdue: nothing happens"

    supplier.information_confirmed_on = timezone.localdate().replace(
        year=timezone.localdate().year - 2
    )
    supplier.save()
    page = client.get(reverse("admin:suppliers_supplier_change", args=[supplier.pk]))
    assert url in page.content.decode()
    client.post(url)
    assert not Product.objects.public().exists()
    delisting = supplier.products.filter(status="delisted").first().delistings.get()
    assert delisting.reasons == ["yearly_update_overdue"]
    assert Supplier.objects.get(pk=supplier.pk).status == "active", "the supplier stays listed"
