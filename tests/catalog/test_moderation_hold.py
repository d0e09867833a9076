"""Taking a product to review is a lock, as for an application: a colleague cannot list or
return it without taking it over, which is logged and tells the first reviewer; listing or
returning frees it for the next version."""

import pytest
from django.urls import reverse

from activity.models import Activity
from catalog import services
from catalog.models import Pavilion
from tests.builders import pictures_made, staff
from tests.suppliers.files import png_file
from tops.models import OutgoingMail
from tops.uploads import IMAGE_FORMATS, check_upload
from tops.workflow import StepRefused

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(db):
    return staff("Reviewer", "colleague", email="colleague@example.gov.taipei")


@pytest.fixture
def waiting(supplier):
    product = services.product_create(
        supplier=supplier,
        by=supplier.organisation.account,
        pavilion=Pavilion.objects.get(code="lifestyle"),
        content={
            "name": "竹編提籃",
            "summary": "手工",
            "description": "臺灣桂竹。",
            "specifications": "",
            "price": 800,
            "price_on_request": False,
        },
        pictures=[
            services.Picture(
                alt_text="提籃正面",
                upload=check_upload(png_file(size=(64, 48)), formats=IMAGE_FORMATS),
            )
        ],
    )
    return pictures_made(product.latest_version)


def test_a_colleague_cannot_list_or_return_a_product_someone_took(waiting, reviewer, colleague):
    services.version_take(version=waiting, by=reviewer)
    with pytest.raises(StepRefused, match="reviewer holds this. Take it over"):
        services.version_list(version=waiting, by=colleague)
    with pytest.raises(StepRefused, match="reviewer holds this"):
        services.version_return(version=waiting, by=colleague, reasons=["too_little_information"])
    waiting.refresh_from_db()
    assert waiting.review == "pending"


def test_taking_over_is_logged_and_tells_the_first_reviewer(waiting, reviewer, colleague):
    services.version_take(version=waiting, by=reviewer)
    with pytest.raises(StepRefused, match="already taken"):
        services.version_take(version=waiting, by=colleague)
    services.version_take(version=waiting, by=colleague, from_colleague=True)
    entry = Activity.objects.get(kind="take_over")
    assert (entry.by, entry.note) == (colleague, "reviewer → colleague")
    (told,) = [m for m in OutgoingMail.objects.all() if m.to == ["reviewer@example.gov.taipei"]]
    assert "colleague" in told.body and "竹編提籃" in told.body
    services.version_list(version=waiting, by=colleague)
    waiting.refresh_from_db()
    assert waiting.review == "approved"


def test_listing_frees_the_product_for_its_next_version(waiting, reviewer, colleague):
    product = services.version_list(version=waiting, by=reviewer)  # taken by listing it
    change = services.product_edit(
        product=product,
        by=product.supplier.organisation.account,
        content={
            "name": "竹編提籃（大）",
            "summary": "手工",
            "description": "臺灣桂竹。",
            "specifications": "",
            "price": 900,
            "price_on_request": False,
        },
        pictures=[services.Picture(alt_text="提籃正面", existing=waiting.images.get())],
    )
    services.version_list(version=pictures_made(change), by=colleague)


def test_the_review_page_offers_the_take_over(client, waiting, reviewer, colleague):
    services.version_take(version=waiting, by=reviewer)
    client.cookies["django_language"] = "en"
    client.force_login(colleague)
    url = reverse("admin:catalog_productversion_change", args=[waiting.pk])
    html = client.get(url).content.decode()
    assert "Taken by reviewer." in html and "Take over from reviewer" in html
    client.post(reverse("admin:catalog_version_take", args=[waiting.pk]), {"from_colleague": "1"})
    assert "Taken by colleague." in client.get(url).content.decode()
