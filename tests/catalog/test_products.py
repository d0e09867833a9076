"""Products: pictures, quotas, moderation, and what the public sees (參.二(一)2, 參.二(六))."""

import threading

import pytest
from django.db import connection, connections
from django.utils import translation
from PIL import Image

from catalog import services
from catalog.models import Pavilion, Product, ProductVersion
from suppliers.models import Notice
from tests.builders import pictures_made, staff
from tests.factories import SupplierFactory
from tests.suppliers.files import png_file
from tops.uploads import IMAGE_FORMATS, check_upload
from tops.workflow import StepRefused

pytestmark = pytest.mark.django_db


@pytest.fixture
def supplier():
    return SupplierFactory(organisation__tax_id="22099131")


@pytest.fixture
def pavilion():
    return Pavilion.objects.get(code="biotech-health")


def picture(alt="包裝正面照", size=(2000, 1000)):
    return services.Picture(
        alt_text=alt, upload=check_upload(png_file(size=size), formats=IMAGE_FORMATS)
    )


def content(name="天然保健食品", **extra):
    return {
        "name": name,
        "summary": "來自臺灣小農的保健食品",
        "description": "以在地原料製成，無添加防腐劑。",
        "specifications": "每盒 30 包",
        "price": 1200,
        "price_on_request": False,
        **extra,
    }


def create(supplier, pavilion, name="天然保健食品", pictures=None):
    return services.product_create(
        supplier=supplier,
        by=supplier.organisation.account,
        pavilion=pavilion,
        content=content(name),
        pictures=[picture()] if pictures is None else pictures,
    )


def test_the_five_pavilions_exist_with_both_names_and_a_default_quota():
    assert [(p.code, p.name_zh, p.quota) for p in Pavilion.objects.all()] == [
        ("lifestyle", "生活良品", 5),
        ("biotech-health", "生技健康", 5),
        ("service-tech", "服務科技", 5),
        ("sustainability", "永續 ESG", 5),
        ("creative-design", "文創設計", 5),
    ]
    with translation.override("en"):
        assert Pavilion.objects.get(code="sustainability").name == "Sustainability (ESG)"
    with translation.override("zh-hant"):
        assert Pavilion.objects.get(code="sustainability").name == "永續 ESG"


def test_pictures_are_resized_once_into_the_page_widths(supplier, pavilion):
    product = create(supplier, pavilion)
    [image] = pictures_made(product.latest_version).images.all()
    assert image.state == "ready"
    assert (image.small_width, image.medium_width, image.large_width) == (320, 640, 1280)
    assert image.large_height == 640
    with Image.open(image.large.path) as stored:
        assert stored.size == (1280, 640)
    assert image.srcset.count("w,") == 2 and image.srcset.endswith("1280w")


def test_small_pictures_are_not_enlarged(supplier, pavilion):
    product = create(supplier, pavilion, pictures=[picture(size=(400, 300))])
    image = pictures_made(product.latest_version).images.get()
    assert (image.small_width, image.medium_width, image.large_width) == (320, 400, 400)


@pytest.mark.parametrize("count", [0, 9])
def test_one_to_eight_pictures(supplier, pavilion, count):
    with pytest.raises(StepRefused, match="1 to 8 pictures"):
        create(supplier, pavilion, pictures=[picture() for _ in range(count)])


def test_every_picture_needs_alt_text(supplier, pavilion):
    with pytest.raises(StepRefused, match="alt text"):
        create(supplier, pavilion, pictures=[picture(), picture(alt=" ")])
    assert not Product.objects.exists()


def test_a_new_product_is_not_public_until_a_reviewer_lists_it(supplier, pavilion):
    product = create(supplier, pavilion)
    assert not Product.objects.public().exists()
    services.version_list(version=pictures_made(product.latest_version), by=staff())
    assert list(Product.objects.public()) == [product]
    assert Notice.objects.filter(recipient=supplier.organisation.account.email).exists()


def test_an_edit_waits_while_the_public_sees_the_listed_version(supplier, pavilion):
    reviewer = staff()
    product = create(supplier, pavilion)
    services.version_list(version=pictures_made(product.latest_version), by=reviewer)
    listed = product.latest_version

    edit = services.product_edit(
        product=product,
        by=supplier.organisation.account,
        content=content("天然保健食品（新包裝）"),
        pictures=[services.Picture(alt_text="新包裝", existing=listed.images.get())],
    )
    product.refresh_from_db()
    assert product.published == listed
    assert Product.objects.public().get().published.name == "天然保健食品"

    services.version_return(version=edit, by=reviewer, reasons=["information_mismatch"])
    product.refresh_from_db()
    assert product.status == "listed" and product.published == listed

    again = services.product_edit(
        product=product,
        by=supplier.organisation.account,
        content=content("天然保健食品（新包裝）"),
        pictures=[picture("新包裝")],
    )
    services.version_list(version=pictures_made(again), by=reviewer)
    product.refresh_from_db()
    assert product.published.name == "天然保健食品（新包裝）"
    listed.refresh_from_db()
    assert listed.review == ProductVersion.Review.SUPERSEDED


def test_a_returned_product_carries_the_brochures_reasons(supplier, pavilion):
    product = create(supplier, pavilion)
    reviewer = staff()
    with pytest.raises(StepRefused):
        services.version_return(version=product.latest_version, by=reviewer, reasons=[])
    services.version_return(
        version=product.latest_version,
        by=reviewer,
        reasons=["wrong_pavilion", "too_little_information"],
        note="請改列生活良品館",
    )
    product.refresh_from_db()
    assert product.status == "returned"
    notice = Notice.objects.filter(recipient=supplier.organisation.account.email).latest("sent_at")
    assert "請改列生活良品館" in notice.body


def test_the_quota_counts_listed_and_waiting_products_in_one_pavilion(supplier, pavilion):
    pavilion.quota = 2
    pavilion.save()
    create(supplier, pavilion, "一")
    create(supplier, pavilion, "二")
    with pytest.raises(StepRefused, match="allows 2 products per supplier"):
        create(supplier, pavilion, "三")
    # Another pavilion, or another supplier, is not affected.
    create(supplier, Pavilion.objects.get(code="lifestyle"), "三")
    create(SupplierFactory(organisation__tax_id="04541302"), pavilion, "四")


def fill_with_one_returned(supplier, pavilion, by):
    """Five products in a pavilion of five, one of them returned (so four count), and a fifth
    added in the returned one's place."""
    products = [create(supplier, pavilion, f"產品{n}") for n in range(5)]
    returned = products[0]
    services.version_return(
        version=returned.latest_version, by=by, reasons=["too_little_information"]
    )
    create(supplier, pavilion, "新產品")
    return returned


def test_a_returned_product_cannot_come_back_into_a_full_pavilion(supplier, pavilion):
    returned = fill_with_one_returned(supplier, pavilion, staff())
    with pytest.raises(StepRefused, match="allows 5 products per supplier"):
        services.product_edit(
            product=returned,
            by=supplier.organisation.account,
            content=content("產品0 改"),
            pictures=[picture()],
        )
    returned.refresh_from_db()
    assert returned.status == "returned"
    assert supplier.products.counting_towards_quota().filter(pavilion=pavilion).count() == 5


def test_a_returned_product_comes_back_when_there_is_room(supplier, pavilion):
    returned = fill_with_one_returned(supplier, pavilion, staff())
    pavilion.quota = 6
    pavilion.save()
    services.product_edit(
        product=returned, by=supplier.organisation.account, content=content(), pictures=[picture()]
    )
    returned.refresh_from_db()
    assert returned.status == "pending"


def test_a_version_of_a_product_that_does_not_count_is_listed_only_within_the_quota(
    supplier, pavilion
):
    """A version listed for a product that holds no place (returned, its version still open
    through an older route) would be a sixth listing: refused the same way."""
    reviewer = staff()
    returned = fill_with_one_returned(supplier, pavilion, reviewer)
    version = returned.versions.get()
    ProductVersion.objects.filter(pk=version.pk).update(review="pending")
    with pytest.raises(StepRefused, match="allows 5 products per supplier"):
        services.version_list(version=pictures_made(version), by=reviewer)
    returned.refresh_from_db()
    assert returned.status == "returned"


def test_a_disqualified_supplier_lists_nothing(supplier, pavilion):
    product = create(supplier, pavilion)
    services.version_list(version=pictures_made(product.latest_version), by=staff())
    supplier.status = "disqualified"
    supplier.save()
    assert not Product.objects.public().exists()
    with pytest.raises(StepRefused):
        create(supplier, pavilion, "新品")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks between connections need PostgreSQL"
)
def test_two_quick_submissions_cannot_both_pass_the_quota(supplier, pavilion):
    pavilion.quota = 1
    pavilion.save()
    barrier = threading.Barrier(2)
    outcomes = []
    pictures = [picture()]

    def submit(name):
        try:
            barrier.wait(timeout=10)
            with translation.override("en"):
                create(supplier, pavilion, name, pictures=pictures)
            outcomes.append("created")
        except StepRefused as refused:
            outcomes.append(refused.message)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(name,)) for name in ("甲", "乙")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(outcomes) == 2 and outcomes.count("created") == 1
    assert Product.objects.filter(supplier=supplier, pavilion=pavilion).count() == 1
