"""Pictures chosen on the product form are kept with it: an error anywhere else on the form
costs the supplier none of them, with JavaScript (each uploaded as it is chosen) or without
(sent with the form and held for its next showing)."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from catalog import images
from catalog.models import Pavilion, PictureUpload, Product
from tests.builders import listed_supplier
from tests.catalog.test_pictures import jpeg_file, product_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_pages(client):
    client.cookies["django_language"] = "en"


@pytest.fixture
def pavilion():
    return Pavilion.objects.get(code="biotech-health")


@pytest.fixture
def owner(client, supplier):
    client.force_login(supplier.organisation.account)
    return client


def held_ids(page: str) -> dict[int, str]:
    """The held picture of each row, as the page carries it for the next submission."""
    return {
        int(row): value
        for row, value in re.findall(r'name="pictures-(\d)-held" value="([0-9a-f-]{36})"', page)
    }


def test_a_form_with_an_error_keeps_its_three_chosen_pictures_without_javascript(
    owner, pavilion, tasks_in_process
):
    url = reverse("catalog:product_create")
    chosen = {
        f"pictures-{row}-file": jpeg_file(f"{name}.jpg", colour=(row * 60, 90, 90))
        for row, name in enumerate(["front", "side", "label"])
    }
    alt_texts = {"pictures-0-alt_text": "外盒正面", "pictures-1-alt_text": "側面"}
    # No name, and the third picture not yet described.
    response = owner.post(url, product_data(pavilion, name="", **chosen, **alt_texts))

    assert response.status_code == 200
    page = response.content.decode()
    assert "This field is required." in page
    assert "Describe the picture." in page
    for name in ["front.jpg", "side.jpg", "label.jpg"]:
        assert f"Chosen: {name}" in page
    held = held_ids(page)
    assert sorted(held) == [0, 1, 2]
    assert 'value="外盒正面"' in page and 'value="側面"' in page
    # The chosen picture shows beside its row, to its supplier.
    assert owner.get(reverse("catalog:held_picture", args=[held[0]])).status_code == 200

    # Sent again as the page came back: nothing chosen again, all three go with the product.
    again = product_data(
        pavilion,
        **{f"pictures-{row}-held": value for row, value in held.items()},
        **alt_texts,
        **{"pictures-2-alt_text": "成分標示"},
    )
    response = owner.post(url, again)
    assert response.status_code == 302, response.content.decode()[:3000]
    version = Product.objects.get().latest_version
    assert [image.alt_text for image in version.images.all()] == ["外盒正面", "側面", "成分標示"]
    assert not PictureUpload.objects.filter(held_by__isnull=False).exists()


def test_pictures_chosen_several_at_once_each_take_a_row(owner, pavilion, tasks_in_process):
    url = reverse("catalog:product_create")
    batch = [jpeg_file(f"{number}.jpg") for number in range(3)]
    response = owner.post(url, product_data(pavilion, **{"pictures-batch": batch}))

    assert response.status_code == 200  # each picture still needs its description
    page = response.content.decode()
    assert sorted(held_ids(page)) == [0, 1, 2]
    assert page.count("Describe the picture.") == 6  # beside each row, and in the summary
    assert {"Chosen: 0.jpg", "Chosen: 1.jpg", "Chosen: 2.jpg"} <= set(
        re.findall(r"Chosen: \d\.jpg", page)
    )


def test_more_than_eight_pictures_at_once_are_refused_with_the_count(owner, pavilion):
    batch = [jpeg_file(f"{number}.jpg") for number in range(10)]
    response = owner.post(
        reverse("catalog:product_create"), product_data(pavilion, **{"pictures-batch": batch})
    )
    page = response.content.decode()
    assert "at most 8 pictures: 2 pictures you chose were not added." in page
    assert len(held_ids(page)) == 8  # the eight that fit are kept


def test_a_picture_chosen_with_javascript_is_held_at_once(owner, supplier):
    response = owner.post(reverse("catalog:picture_hold"), {"file": jpeg_file("front.jpg")})

    assert response.status_code == 201
    answer = response.json()
    held = PictureUpload.objects.get(public_id=answer["id"])
    assert held.held_by == supplier.organisation.account and answer["name"] == "front.jpg"
    assert owner.get(answer["url"]).status_code == 200


def test_a_file_that_is_no_picture_is_refused_in_the_readers_language(owner):
    owner.cookies["django_language"] = "zh-hant"
    response = owner.post(
        reverse("catalog:picture_hold"),
        {"file": jpeg_file("notes.jpg").__class__("notes.jpg", b"%PDF-1.4 not a picture")},
    )
    assert response.status_code == 400
    assert re.search(r"[\u4e00-\u9fff]", response.json()["error"])
    assert not PictureUpload.objects.exists()


def test_nobody_else_sees_or_uses_a_held_picture(owner, pavilion, tasks_in_process):
    answer = owner.post(reverse("catalog:picture_hold"), {"file": jpeg_file()}).json()
    other = listed_supplier(name="另一家公司", tax_id="04541302")
    intruder = Client()
    intruder.cookies["django_language"] = "en"
    intruder.force_login(other.organisation.account)

    assert intruder.get(answer["url"]).status_code == 404
    assert Client().get(answer["url"]).status_code == 302  # to log in
    response = intruder.post(
        reverse("catalog:product_create"),
        product_data(pavilion, **{"pictures-0-held": answer["id"], "pictures-0-alt_text": "偷"}),
    )
    assert "Add at least one picture." in response.content.decode()
    assert not Product.objects.exists()


def test_held_pictures_of_forms_never_sent_are_removed_after_a_day(owner, supplier):
    for _ in range(2):
        owner.post(reverse("catalog:picture_hold"), {"file": jpeg_file()})
    old = PictureUpload.objects.order_by("pk").first()
    PictureUpload.objects.filter(pk=old.pk).update(
        uploaded_at=timezone.now() - datetime.timedelta(days=1, minutes=1)
    )

    assert images.held_pictures_sweep() == 1
    assert list(PictureUpload.objects.values_list("held_by", flat=True)) == [
        supplier.organisation.account.pk
    ]


def test_an_account_holds_at_most_a_bounded_number_of_pictures(owner, monkeypatch):
    monkeypatch.setattr(images, "MAX_HELD", 2)
    names = [
        owner.post(reverse("catalog:picture_hold"), {"file": jpeg_file(f"{n}.jpg")}).json()["name"]
        for n in range(3)
    ]
    assert names == ["0.jpg", "1.jpg", "2.jpg"]
    assert sorted(PictureUpload.objects.values_list("original_name", flat=True)) == [
        "1.jpg",
        "2.jpg",
    ]
