import pytest
from django.utils import translation

from catalog import services
from catalog.models import Pavilion
from tests.factories import SupplierFactory
from tests.review.steps import staff
from tests.suppliers.files import png_file
from tops.uploads import IMAGE_FORMATS, check_upload


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def reviewer(db):
    return staff()


@pytest.fixture
def list_product(reviewer):
    """Create and list a product: list_product(supplier, name, pavilion="lifestyle", ...)."""
    upload = check_upload(png_file(size=(64, 48)), formats=IMAGE_FORMATS)

    def make(supplier, name, pavilion="lifestyle", description="以在地原料製成。", summary="好物"):
        product = services.product_create(
            supplier=supplier,
            by=supplier.organisation.account,
            pavilion=Pavilion.objects.get(code=pavilion),
            content={
                "name": name,
                "summary": summary,
                "description": description,
                "specifications": "",
                "price": 1200,
                "price_on_request": False,
            },
            pictures=[services.Picture(alt_text=f"{name}的照片", upload=upload)],
        )
        return services.version_list(version=product.latest_version, by=reviewer)

    return make


@pytest.fixture
def supplier(db):
    return SupplierFactory(organisation__tax_id="22099131", name="綠色工作室")
