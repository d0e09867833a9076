"""Delisting (商品下架, 參.二(六)): off every public page at once, fixed, relisted."""

import pytest
from django.urls import reverse

from catalog import services
from catalog.models import Product, ProductDelisting
from suppliers.models import Notice
from tests.builders import staff
from tests.factories import SupplierFactory
from tops.workflow import StepRefused

pytestmark = pytest.mark.django_db


def public_urls(product):
    return [
        reverse("catalog:pavilion", args=[product.pavilion.code]),
        reverse("catalog:search") + "?q=天然",
        reverse("catalog:supplier", args=[product.supplier_id]),
        "/sitemap-products.xml",
    ]


def shown(client, product) -> dict:
    return {
        url: f"/products/{product.pk}/" in client.get(url).content.decode()
        for url in public_urls(product)
    }


def resubmit(product, name="天然保健食品（已更正）"):
    listed = product.published
    return services.product_edit(
        product=product,
        by=product.supplier.organisation.account,
        content={
            "name": name,
            "summary": listed.summary,
            "description": "成分標示已更正。",
            "specifications": "",
            "price": 1200,
            "price_on_request": False,
        },
        pictures=[services.Picture(alt_text="照片", existing=listed.images.get())],
    )


def test_a_delisted_product_leaves_every_public_page_and_comes_back_when_relisted(
    client, supplier, list_product, reviewer
):
    product = list_product(supplier, "天然保健食品")
    assert all(shown(client, product).values())

    services.product_delist(
        product=product, by=reviewer, reasons=["information_mismatch"], note="成分標示不符。"
    )
    assert not any(shown(client, product).values())
    assert client.get(reverse("catalog:product", args=[product.pk])).status_code == 404

    edit = resubmit(Product.objects.get(pk=product.pk))
    assert not any(shown(client, product).values()), "a resubmission waits for a reviewer"

    services.version_list(version=edit, by=reviewer)
    assert all(shown(client, product).values())
    page = client.get(reverse("catalog:product", args=[product.pk])).content.decode()
    assert "天然保健食品（已更正）" in page
    delisting = ProductDelisting.objects.get(product=product)
    assert delisting.relisted_by == reviewer and delisting.relisted_version == edit


def test_the_product_keeps_its_whole_history_of_delistings(supplier, list_product, reviewer):
    product = list_product(supplier, "天然保健食品")
    for round_ in range(2):
        services.product_delist(
            product=product, by=reviewer, reasons=["too_little_information"], note=f"第{round_}次"
        )
        services.version_list(version=resubmit(Product.objects.get(pk=product.pk)), by=reviewer)
    history = list(product.delistings.order_by("delisted_at"))
    assert [delisting.note for delisting in history] == ["第0次", "第1次"]
    assert all(delisting.relisted_at for delisting in history)


def test_the_supplier_is_told_the_reasons_by_mail_and_on_the_dashboard(
    client, supplier, list_product, reviewer
):
    product = list_product(supplier, "天然保健食品")
    services.product_delist(
        product=product, by=reviewer, reasons=["false_advertising"], note="宣稱療效。"
    )
    notice = Notice.objects.filter(recipient=supplier.organisation.account.email).latest("pk")
    # In the supplier's own language, Chinese by default.
    assert "虛偽不實廣告" in notice.body
    assert "宣稱療效。" in notice.body

    client.force_login(supplier.organisation.account)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("suppliers:dashboard")).content.decode()
    assert "Delisted:" in page and "False advertising" in page and "宣稱療效。" in page
    assert "Edit it and submit it again to have it relisted." in page

    resubmit(Product.objects.get(pk=product.pk))
    page = client.get(reverse("suppliers:dashboard")).content.decode()
    assert "Resubmitted; a reviewer will relist it once it is checked." in page


def test_delisting_needs_a_reason_and_a_listed_product(supplier, list_product, reviewer):
    product = list_product(supplier, "天然保健食品")
    with pytest.raises(StepRefused, match="at least one reason"):
        services.product_delist(product=product, by=reviewer, reasons=[], note="")
    services.product_delist(product=product, by=reviewer, reasons=["wrong_pavilion"], note="")
    with pytest.raises(StepRefused, match="already delisted"):
        services.product_delist(product=product, by=reviewer, reasons=["wrong_pavilion"], note="")


def test_a_delisted_product_keeps_its_place_in_the_pavilion_quota(supplier, list_product, reviewer):
    pavilion = list_product(supplier, "第一件").pavilion
    pavilion.quota = 1
    pavilion.save()
    product = Product.objects.get(supplier=supplier)
    services.product_delist(product=product, by=reviewer, reasons=["wrong_pavilion"], note="")
    with pytest.raises(StepRefused, match="allows 1 product"):
        list_product(supplier, "第二件")


def test_the_admin_delists_with_reasons_beside_the_fields(client, supplier, list_product):
    product = list_product(supplier, "天然保健食品")
    url = reverse("admin:catalog_product_delist", args=[product.pk])
    client.force_login(staff("Reviewer", username="another-reviewer"))
    client.cookies["django_language"] = "en"

    response = client.post(url, {"note": "標示不符"})
    assert response.status_code == 200
    assert "Choose at least one reason." in response.content.decode()
    assert "標示不符" in response.content.decode()

    response = client.post(url, {"reasons": ["information_mismatch"], "note": "標示不符"})
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.status == "delisted"
    page = client.get(reverse("admin:catalog_product_change", args=[product.pk])).content
    assert "Delistings and relistings" in page.decode() and "標示不符" in page.decode()


def test_only_moderators_may_delist(client, supplier, list_product):
    product = list_product(supplier, "天然保健食品")
    url = reverse("admin:catalog_product_delist", args=[product.pk])
    assert client.get(url).status_code == 302  # to the log-in
    client.force_login(SupplierFactory().organisation.account)
    assert client.get(url).status_code == 302  # not staff: to the admin log-in
    plain_staff = staff("Organizer", username="organizer")
    plain_staff.groups.clear()
    client.force_login(plain_staff)
    assert client.get(url).status_code == 403
    client.force_login(staff("Reviewer", username="second-reviewer"))
    assert client.get(url).status_code == 200


def test_a_change_sent_before_the_delisting_cannot_relist_it(supplier, list_product, reviewer):
    product = list_product(supplier, "天然保健食品")
    early = resubmit(Product.objects.get(pk=product.pk), name="天然保健食品（早先修改）")
    services.product_delist(
        product=product, by=reviewer, reasons=["food_safety"], note="檢驗不合格"
    )
    early.refresh_from_db()
    assert early.review == "superseded"
    with pytest.raises(StepRefused, match="already been reviewed"):
        services.version_list(version=early, by=reviewer)
    assert not Product.objects.public().exists()
