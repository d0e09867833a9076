"""Product pictures: checked from their header in the request, resized by a worker afterwards;
processing until then, failed when the file turns out damaged, shown to the public only when
ready, and asked for again by the sweep when their task was lost."""

import datetime
import io
import re
import time

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from catalog import images, services
from catalog.models import Pavilion, PictureUpload, Product, ProductImage
from catalog.tasks import sweep_processing_pictures
from tests.catalog.forms import product_form_data
from tops.storage import private_storage
from tops.uploads import IMAGE_FORMATS, check_upload
from tops.workflow import StepRefused

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825


def jpeg_bytes(size=(1600, 1200), colour=(30, 120, 80), **save_args) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="JPEG", **save_args)
    return buffer.getvalue()


def jpeg_file(name="front.jpg", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg_bytes(**kwargs), content_type="image/jpeg")


def damaged_jpeg_file(name="damaged.jpg") -> SimpleUploadedFile:
    """A JPEG whose header is whole (it passes the request's check) but whose pixels stop
    half-way."""
    data = jpeg_bytes(colour=None)
    return SimpleUploadedFile(name, data[: len(data) // 2], content_type="image/jpeg")


def product_data(pavilion, name="天然保健食品", **pictures):
    return product_form_data(pavilion=pavilion.pk, name=name, **pictures)


def edit_data(product, **rows):
    """The edit form as shown, with each current picture kept in its row, then ``rows``."""
    data = product_data(product.pavilion, product.latest_version.name)
    data["pictures-INITIAL_FORMS"] = "8"  # as the page renders it: a row for each of the 8
    for number, image in enumerate(product.latest_version.images.all()):
        data[f"pictures-{number}-existing"] = image.pk
        data[f"pictures-{number}-alt_text"] = image.alt_text
        data[f"pictures-{number}-order"] = number + 1
    return {**data, **rows}


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


@pytest.fixture
def reviewer_client(client, reviewer):
    """The reviewer's browser: another client, with its own session."""
    from django.test import Client

    other = Client()
    other.cookies["django_language"] = "en"
    other.force_login(reviewer)
    return other


def submit(owner, pavilion, django_capture_on_commit_callbacks, **pictures):
    """The supplier submits a product; the worker is asked once the request's transaction
    commits, which the test holds back: the callbacks are returned to run later."""
    with django_capture_on_commit_callbacks() as callbacks:
        response = owner.post(reverse("catalog:product_create"), product_data(pavilion, **pictures))
    assert response.status_code == 302, response.content.decode()[:2000]
    return callbacks


def run(callbacks, django_capture_on_commit_callbacks):
    """The worker's turn, and what it leaves to its own commit (deleting the upload)."""
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()


def test_a_product_is_processing_until_the_worker_has_resized_its_pictures(
    owner, reviewer_client, supplier, pavilion, django_capture_on_commit_callbacks, tasks_in_process
):
    callbacks = submit(
        owner,
        pavilion,
        django_capture_on_commit_callbacks,
        **{"pictures-0-file": jpeg_file(), "pictures-0-alt_text": "外盒正面"},
    )
    image = ProductImage.objects.get()
    assert image.state == "processing" and not image.small and not image.large
    assert private_storage.exists(image.upload.file.name) or private_storage.exists(
        f"staging/{image.upload.file.name}"
    )
    product = Product.objects.get()
    version = product.latest_version

    # Before the worker: "processing" for the supplier and the reviewer, never a broken image.
    dashboard = owner.get(reverse("suppliers:dashboard")).content.decode()
    assert "Pictures processing" in dashboard
    edit = owner.get(reverse("catalog:product_edit", args=[product.pk])).content.decode()
    assert "Processing: the picture is being resized" in edit
    assert "/media/products/" not in edit
    change = reverse("admin:catalog_productversion_change", args=[version.pk])
    admin_page = reviewer_client.get(change).content.decode()
    assert "The pictures are still being processed" in admin_page
    assert ">Processing</p>" in admin_page and "/media/products/" not in admin_page
    # Listing it now would list pictures nobody has seen.
    response = reviewer_client.post(
        reverse("admin:catalog_version_list", args=[version.pk]), follow=True
    )
    assert "The pictures are still being processed" in response.content.decode()
    assert Product.objects.get().status == "pending"

    run(callbacks, django_capture_on_commit_callbacks)  # the worker

    image.refresh_from_db()
    assert image.state == "ready" and image.upload is None
    assert (image.small_width, image.medium_width, image.large_width) == (320, 640, 1280)
    assert not PictureUpload.objects.exists()
    dashboard = owner.get(reverse("suppliers:dashboard")).content.decode()
    assert "Pictures processing" not in dashboard
    edit = owner.get(reverse("catalog:product_edit", args=[product.pk])).content.decode()
    assert image.small.url in edit and "Processing" not in edit
    assert image.small.url in reviewer_client.get(change).content.decode()
    response = reviewer_client.post(
        reverse("admin:catalog_version_list", args=[version.pk]), follow=True
    )
    assert "Listed: the product is public." in response.content.decode()
    page = owner.get(reverse("catalog:product", args=[product.pk])).content.decode()
    assert image.medium.url in page and image.large.url in page


def test_a_damaged_picture_ends_failed_and_the_supplier_is_asked_to_upload_it_again(
    owner, reviewer, supplier, pavilion, django_capture_on_commit_callbacks, tasks_in_process
):
    callbacks = submit(
        owner,
        pavilion,
        django_capture_on_commit_callbacks,
        **{"pictures-0-file": damaged_jpeg_file(), "pictures-0-alt_text": "外盒正面"},
    )
    image = ProductImage.objects.get()
    upload_name = image.upload.file.name
    # The worker: the damaged file is refused, and the worker carries on.
    run(callbacks, django_capture_on_commit_callbacks)

    image.refresh_from_db()
    assert image.state == "failed" and not image.small
    assert not PictureUpload.objects.exists()
    assert not private_storage.exists(upload_name)
    product = Product.objects.get()
    dashboard = owner.get(reverse("suppliers:dashboard")).content.decode()
    assert "A picture could not be processed: edit the product and upload it again." in dashboard
    edit_url = reverse("catalog:product_edit", args=[product.pk])
    edit = owner.get(edit_url).content.decode()
    assert "This picture could not be processed" in edit
    assert 'name="pictures-0-file"' in edit  # a new file goes in its place
    with pytest.raises(StepRefused, match="could not be processed"):
        services.version_list(version=product.latest_version, by=reviewer)

    # Sending the form again without a new file: told beside the picture, nothing typed lost.
    response = owner.post(edit_url, edit_data(product, name="天然保健食品（新）"))
    assert response.status_code == 200
    assert response.context["pictures"].forms[0].errors["file"]
    assert 'value="天然保健食品（新）"' in response.content.decode()

    # A new file in its row replaces it.
    with django_capture_on_commit_callbacks(execute=True):
        response = owner.post(
            edit_url, edit_data(product, **{"pictures-0-file": jpeg_file("again.jpg")})
        )
    assert response.status_code == 302
    assert product.latest_version.images.get().state == "ready"


def test_a_failed_picture_can_be_removed_instead(
    owner, supplier, pavilion, django_capture_on_commit_callbacks, tasks_in_process
):
    run(
        submit(
            owner,
            pavilion,
            django_capture_on_commit_callbacks,
            **{
                "pictures-0-file": jpeg_file(),
                "pictures-0-alt_text": "外盒正面",
                "pictures-1-file": damaged_jpeg_file(),
                "pictures-1-alt_text": "外盒背面",
            },
        ),
        django_capture_on_commit_callbacks,
    )
    product = Product.objects.get()
    response = owner.post(
        reverse("catalog:product_edit", args=[product.pk]),
        edit_data(product, **{"pictures-1-remove": "on"}),
    )
    assert response.status_code == 302
    assert list(product.latest_version.images.values_list("alt_text", "state")) == [
        ("外盒正面", "ready")
    ]


def test_an_oversized_picture_is_refused_from_its_header_in_the_request(owner, pavilion):
    """6,300 × 6,300 pixels in a small PNG: refused beside its field before any pixel is
    decoded, with everything typed kept and nothing stored."""
    buffer = io.BytesIO()
    Image.new("1", (6_300, 6_300)).save(buffer, format="PNG")
    response = owner.post(
        reverse("catalog:product_create"),
        product_data(
            pavilion,
            **{
                "pictures-0-file": SimpleUploadedFile("poster.png", buffer.getvalue()),
                "pictures-0-alt_text": "海報",
            },
        ),
    )
    assert response.status_code == 200
    [error] = response.context["pictures"].forms[0].errors["file"]
    assert "poster.png is too large an image" in error
    html = response.content.decode()
    assert 'value="天然保健食品"' in html and 'value="海報"' in html
    assert not Product.objects.exists() and not PictureUpload.objects.exists()


def test_the_renditions_carry_no_metadata_and_the_upload_is_deleted(
    supplier, pavilion, django_capture_on_commit_callbacks, tasks_in_process
):
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x0112] = 6  # turned: shown rotated
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2] = "N", (25.0, 2.0, 15.0)
    data = jpeg_bytes(size=(1600, 1200), exif=exif.tobytes())
    upload = check_upload(SimpleUploadedFile("site.jpg", data), formats=IMAGE_FORMATS, decode=False)
    assert upload.content == data  # kept as uploaded until the worker decodes it
    with django_capture_on_commit_callbacks(execute=True):  # the worker runs after the commit
        product = create(supplier, pavilion, [services.Picture(alt_text="現場", upload=upload)])
        stored_upload = product.latest_version.images.get().upload.file.name
    image = product.latest_version.images.get()
    assert image.state == "ready"
    assert (image.large_width, image.large_height) == (1200, 1600)  # upright
    for field in images.RENDITIONS:
        with getattr(image, field).open("rb") as stored:
            rendition = stored.read()
        assert b"Exif" not in rendition and b"PhoneMaker" not in rendition
    assert not private_storage.exists(stored_upload)
    assert not private_storage.exists(f"staging/{stored_upload}")


def content(name="天然保健食品"):
    return {
        "name": name,
        "summary": "小農原料",
        "description": "溫和配方。",
        "specifications": "",
        "price": 1200,
        "price_on_request": False,
    }


def create(supplier, pavilion, pictures, name="天然保健食品"):
    return services.product_create(
        supplier=supplier,
        by=supplier.organisation.account,
        pavilion=pavilion,
        content=content(name),
        pictures=pictures,
    )


def picture(alt="外盒正面", file=None):
    return services.Picture(
        alt_text=alt,
        upload=check_upload(file or jpeg_file(), formats=IMAGE_FORMATS, decode=False),
    )


def test_a_picture_carried_over_before_the_worker_ran_is_settled_with_it(supplier, pavilion):
    product = create(supplier, pavilion, [picture()])
    first = product.latest_version.images.get()
    edit = services.product_edit(
        product=product,
        by=supplier.organisation.account,
        content=content("天然保健食品（新包裝）"),
        pictures=[services.Picture(alt_text="外盒正面", existing=first)],
    )
    second = edit.images.get()
    assert second.state == "processing" and second.upload_id == first.upload_id

    assert images.picture_renditions_make(image_id=first.pk) == "ready"
    first.refresh_from_db()
    second.refresh_from_db()
    assert second.state == "ready" and second.large.name == first.large.name
    assert images.picture_renditions_make(image_id=second.pk) == "ready"  # nothing to do
    assert not PictureUpload.objects.exists()


def test_a_picture_whose_worker_never_finishes_fails_after_its_attempts(supplier, pavilion):
    product = create(supplier, pavilion, [picture()])
    image = product.latest_version.images.get()
    ProductImage.objects.filter(pk=image.pk).update(attempts=images.MAX_ATTEMPTS)
    assert images.picture_renditions_make(image_id=image.pk) == "failed"
    image.refresh_from_db()
    assert image.state == "failed" and image.upload is None


class TestTheSweep:
    def test_it_asks_again_for_a_picture_stuck_in_processing(
        self, supplier, pavilion, tasks_in_process
    ):
        stuck = create(supplier, pavilion, [picture()], "一").latest_version.images.get()
        fresh = create(supplier, pavilion, [picture()], "二").latest_version.images.get()
        now = timezone.now()
        ProductImage.objects.filter(pk=stuck.pk).update(
            queued_at=now - images.STUCK_AFTER - datetime.timedelta(seconds=1)
        )

        assert sweep_processing_pictures() == 1

        stuck.refresh_from_db()
        fresh.refresh_from_db()
        assert stuck.state == "ready"
        assert fresh.state == "processing", "its task may still be on its way"

    def test_it_runs_every_minute(self):
        from tops.celery import app

        [entry] = [
            entry
            for entry in settings.CELERY_BEAT_SCHEDULE.values()
            if entry["task"] == "catalog.tasks.sweep_processing_pictures"
        ]
        assert entry["schedule"] == 60.0
        app.loader.import_default_modules()
        assert entry["task"] in app.tasks

    def test_a_broker_that_is_down_costs_the_supplier_nothing(
        self, owner, pavilion, monkeypatch, django_capture_on_commit_callbacks
    ):
        from catalog.tasks import make_picture_renditions

        def down(*args, **kwargs):
            raise ConnectionError("broker down")

        monkeypatch.setattr(make_picture_renditions, "delay", down)
        with django_capture_on_commit_callbacks(execute=True):
            response = owner.post(
                reverse("catalog:product_create"),
                product_data(
                    pavilion, **{"pictures-0-file": jpeg_file(), "pictures-0-alt_text": "正面"}
                ),
            )
        assert response.status_code == 302
        assert ProductImage.objects.get().state == "processing"  # the sweep asks again later


class TestThePublicSeesOnlyReadyPictures:
    @pytest.fixture
    def listed(self, supplier, list_product):
        return list_product(supplier, "天然保健食品")

    def public_pages(self, product):
        return [
            reverse("home"),
            reverse("catalog:pavilion", args=[product.pavilion.code]),
            # Found by its description, so that its name is shown whole, not marked.
            reverse("catalog:search") + "?q=在地原料",
            reverse("catalog:supplier", args=[product.supplier_id]),
            reverse("catalog:product", args=[product.pk]),
        ]

    def test_a_new_picture_in_a_waiting_change_is_not_shown(self, client, supplier, listed):
        listed_picture = listed.published.images.get()
        edit = services.product_edit(
            product=listed,
            by=supplier.organisation.account,
            content=content("天然保健食品（新包裝）"),
            pictures=[picture("新包裝")],
        )
        new_picture = edit.images.get()
        assert new_picture.state == "processing"
        for url in self.public_pages(listed):
            html = client.get(url).content.decode()
            assert listed_picture.small.url in html, url
            assert "新包裝" not in html, url

    def test_a_picture_that_is_not_ready_is_never_linked(self, client, listed):
        image = listed.published.images.get()
        ProductImage.objects.filter(pk=image.pk).update(state="failed")
        for url in self.public_pages(listed):
            response = client.get(url)
            assert response.status_code == 200, url
            html = response.content.decode()
            assert "天然保健食品" in html, "the product is still shown, without the picture"
            assert "/media/products/" not in html, url
            # Link previews fall back to the portal's own image.
            previews = re.findall(r'property="og:image" content="([^"]+)"', html)
            assert all("og-image" in preview for preview in previews), url


def test_a_worker_process_resizes_pictures_and_survives_a_damaged_one(mailbox, supplier, pavilion):
    """On PostgreSQL + Redis a real worker process takes the tasks from the broker (on the
    embedded default they run in this process after each commit)."""
    damaged = create(supplier, pavilion, [picture("壞檔", damaged_jpeg_file())], "一號")
    good = create(supplier, pavilion, [picture("外盒正面")], "二號")
    ids = [damaged.latest_version.images.get().pk, good.latest_version.images.get().pk]

    deadline = time.monotonic() + 60
    while ProductImage.objects.filter(pk__in=ids, state="processing").exists():
        assert time.monotonic() < deadline, "the worker did not resize the pictures"
        time.sleep(0.2)

    failed, ready = ProductImage.objects.get(pk=ids[0]), ProductImage.objects.get(pk=ids[1])
    assert failed.state == "failed" and ready.state == "ready"
    assert ready.large_width == 1280 and ready.large.storage.exists(ready.large.name)
    assert not PictureUpload.objects.exists()
