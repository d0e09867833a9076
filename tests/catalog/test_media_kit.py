"""The full-resolution picture a supplier uploads is kept privately, without its metadata,
and staff download it with the logo and profile text in the supplier's media kit
(參.二(二)8); the public pages keep the resized widths."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from tests.builders import listed_product
from tests.catalog.test_pictures import GPS_IFD, jpeg_bytes

pytestmark = pytest.mark.django_db


def photo_with_location() -> SimpleUploadedFile:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2] = "N", (25.0, 2.0, 15.0)
    return SimpleUploadedFile("photo.jpg", jpeg_bytes(size=(2400, 1800), exif=exif.tobytes()))


def test_staff_download_the_full_resolution_pictures_without_metadata(client, supplier, reviewer):
    product = listed_product(supplier, "竹製餐具", by=reviewer, picture=photo_with_location())
    image = product.published.images.get()
    assert image.large_width == 1280  # the public's largest width
    client.force_login(reviewer)
    response = client.get(reverse("admin:review_supplier_media_kit", args=[supplier.pk]))

    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    assert "profile.txt" in names
    assert "綠色工作室" in archive.read("profile.txt").decode()
    picture = archive.read(f"{product.pk}-竹製餐具/1.jpg")
    assert Image.open(io.BytesIO(picture)).size == (2400, 1800)
    assert b"PhoneMaker" not in picture and b"Exif" not in picture
    assert "竹製餐具的照片" in archive.read(f"{product.pk}-竹製餐具/description.txt").decode()


def test_the_full_resolution_picture_is_not_public(client, supplier, reviewer):
    product = listed_product(supplier, "竹製餐具", by=reviewer, picture=photo_with_location())
    original = product.published.images.get().original
    assert (
        original.name
        and original.name
        not in client.get(reverse("catalog:product", args=[product.pk])).content.decode()
    )
    assert Client().get(f"/media/{original.name}").status_code == 404
    buyer = Client()
    buyer.force_login(supplier.organisation.account)
    response = buyer.get(reverse("admin:review_supplier_media_kit", args=[supplier.pk]))
    assert response.status_code == 302  # the admin's log-in, not the kit
