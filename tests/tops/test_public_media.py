"""Public media on the embedded default: the portal serves product pictures and logos from the
local disk itself (with DEBUG off, as `make run` runs), safely; never a folder's listing, never
a file of the private store, and nothing when the pictures live in object storage."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.urls import reverse

from tests import builders
from tops.storage import private_storage

pytestmark = pytest.mark.django_db


def body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def picture(reviewer):
    supplier = builders.listed_supplier()
    product = builders.listed_product(supplier, "手工皂", by=reviewer)
    return product.published.images.get()


def test_a_product_pictures_url_returns_the_image(client, picture, settings):
    assert settings.DEBUG is False
    url = picture.small.url
    assert url.startswith("/media/products/")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    with picture.small.open("rb") as stored:
        assert body(response) == stored.read()
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "public, max-age=86400"
    assert "Last-Modified" in response
    assert client.head(url).status_code == 200
    assert client.post(url).status_code == 405


def test_an_unchanged_picture_is_not_sent_again(client, picture):
    first = client.get(picture.small.url)
    again = client.get(picture.small.url, headers={"if-modified-since": first["Last-Modified"]})
    assert again.status_code == 304


def test_no_folder_is_listed(client, picture):
    assert client.get("/media/products/").status_code == 404
    assert client.get("/media/products").status_code == 404
    assert client.get("/media/").status_code == 404


def test_only_the_picture_formats_are_served(client):
    name = storages["default"].save("products/page.html", ContentFile(b"<script>1</script>"))
    assert client.get(f"/media/{name}").status_code == 404
    assert client.get("/media/products/missing.png").status_code == 404


def test_the_private_store_is_never_reachable(client, settings, private_store):
    secret = private_storage.save("product-pictures/original.png", ContentFile(b"\x89PNG secret"))
    assert client.get(f"/media/{secret}").status_code == 404
    assert client.get(f"/media/../private-store/{secret}").status_code == 404
    assert client.get(f"/media/%2e%2e/private-store/{secret}").status_code == 404

    # Even set up inside the public folder, its files stay out of reach.
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": settings.MEDIA_ROOT / "private", "base_url": None},
        },
    }
    private_storage.reset()
    inside = private_storage.save("product-pictures/original.png", ContentFile(b"secret"))
    assert (settings.MEDIA_ROOT / "private" / inside).exists()
    assert client.get(f"/media/private/{inside}").status_code == 404


def test_nothing_is_served_when_public_media_are_in_object_storage(client, picture, settings):
    url = picture.small.url
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    assert client.get(url).status_code == 404


def test_the_route_is_the_media_url():
    assert reverse("public_media", args=["products/a.png"]) == "/media/products/a.png"
