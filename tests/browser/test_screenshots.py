"""Screenshots of the main pages, as a visitor, a buyer and a reviewer see them: home, a pavilion,
a product, sign-up, the supplier application's first step and the admin's application queue, at a
desktop's and a phone's width, in Traditional Chinese. Each page passes axe as it is shot.

The pictures go to a temporary folder; with ``SCREENSHOTS=<folder>`` (``make screenshots``) they
are also written there, as ``<page>-desktop.png`` and ``<page>-phone.png``."""

import io
import os
import shutil
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw, ImageOps
from playwright.sync_api import expect

from tests.browser.pages import log_in, log_in_staff
from tests.builders import (
    draft_application,
    listed_product,
    listed_supplier,
    reviewer,
    submitted_application,
)
from tests.factories import OrganisationFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
# Long pages are cut here, to keep the files small.
MAX_HEIGHT = 2400
PICTURES_LOADED = """async () => {
    const images = [...document.images];
    await Promise.all(images.map(image => {
        image.loading = "eager";
        return image.decode().catch(() => null);
    }));
    return images.every(image => image.complete && image.naturalWidth > 0);
}"""

PRODUCTS = [
    # pavilion, name, summary, description, the picture's two colours
    (
        "lifestyle",
        "竹製餐具組",
        "手作竹餐具",
        "臺灣桂竹手工製作的筷子、湯匙與收納袋，適合機關活動與員工福利。",
        ((150, 110, 60), (236, 214, 170)),
    ),
    (
        "lifestyle",
        "有機棉購物袋",
        "可重複使用的購物袋",
        "以有機棉製成，可印上機關或活動的標誌，耐用好清洗。",
        ((60, 110, 150), (200, 225, 240)),
    ),
    (
        "lifestyle",
        "手工陶瓷杯組",
        "鶯歌窯燒杯組",
        "在地職人手拉坏的陶瓷杯，一組四入，附禮盒。",
        ((140, 70, 60), (240, 200, 180)),
    ),
    (
        "biotech-health",
        "臺灣小農薑黃飲",
        "溫和的保健飲品",
        "嚴選在地薑黃，製成溫和的保健飲品，每盒二十包。",
        ((196, 140, 40), (250, 230, 160)),
    ),
]


def picture(colours, name="product.png"):
    """A product photo stand-in: a soft gradient with a round object in the middle."""
    dark, light = colours
    image = ImageOps.colorize(Image.linear_gradient("L").resize((480, 360)), light, dark)
    draw = ImageDraw.Draw(image)
    draw.ellipse((150, 90, 330, 270), fill=dark, outline=light, width=8)
    draw.ellipse((200, 140, 280, 220), fill=light)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def portal():
    """A listed supplier with products in two pavilions, a buyer with its application just
    started, another buyer's application waiting in the queue, and the reviewer."""
    staff = reviewer()
    supplier = listed_supplier(
        "山城好物股份有限公司", introduction="與臺灣小農與職人合作，推出在地原料的生活用品。"
    )
    products = [
        listed_product(
            supplier,
            name,
            pavilion,
            description,
            summary,
            by=staff,
            picture=picture(colours),
        )
        for pavilion, name, summary, description, colours in PRODUCTS
    ]
    buyer = OrganisationFactory(name="臺北市立動物園")
    draft_application(buyer)
    submitted_application(draft_application(OrganisationFactory(name="好物設計股份有限公司")))
    return {"product": products[0], "buyer": buyer, "reviewer": staff}


def new_page(browser, live_server):
    context = browser.new_context(locale="zh-TW", base_url=live_server.url)
    context.set_default_timeout(15_000)
    return context.new_page()


def in_chinese(page, live_server):
    """Back to the default language after a log-in through the English helpers."""
    page.context.add_cookies(
        [{"name": "django_language", "value": "zh-hant", "url": live_server.url}]
    )


def in_english(page, live_server):
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])


def shoot(page, name, folder):
    """The page, full length up to MAX_HEIGHT, as ``name`` in ``folder``; the file's path."""
    width = page.viewport_size["width"]
    height = min(page.evaluate("document.documentElement.scrollHeight"), MAX_HEIGHT)
    page.screenshot(
        path=folder / name,
        full_page=True,
        clip={"x": 0, "y": 0, "width": width, "height": height},
        animations="disabled",
        caret="hide",
    )
    return folder / name


def test_screenshots_of_the_main_pages(browser, live_server, assert_accessible, portal, tmp_path):
    wanted = os.environ.get("SCREENSHOTS")
    product = portal["product"]
    visitor = new_page(browser, live_server)
    buyer = new_page(browser, live_server)
    in_english(buyer, live_server)
    log_in(buyer, portal["buyer"].tax_id)
    expect(buyer.get_by_role("button", name="Log out")).to_be_visible()
    in_chinese(buyer, live_server)
    staff = new_page(browser, live_server)
    in_english(staff, live_server)
    log_in_staff(staff, portal["reviewer"].username)
    expect(staff.locator("#content-main")).to_be_visible()
    in_chinese(staff, live_server)

    shots = [
        ("home", visitor, "/", "台北好購"),
        ("pavilion", visitor, "/pavilions/lifestyle/", "竹製餐具組"),
        ("product", visitor, f"/products/{product.pk}/", "竹製餐具組"),
        ("signup", visitor, "/accounts/signup/", "註冊"),
        ("application", buyer, "/supplier/application/company/", "登記資料與地址"),
        ("admin-queue", staff, "/admin/suppliers/application/", "好物設計股份有限公司"),
    ]
    taken = []
    for viewport, size in VIEWPORTS.items():
        for page in (visitor, buyer, staff):
            page.set_viewport_size(size)
        for name, page, path, shown in shots:
            response = page.goto(path)
            assert response.status == 200, path
            expect(page.locator("body")).to_contain_text(shown)
            assert page.evaluate("document.documentElement.lang").lower().startswith("zh-hant")
            # Every picture on the page, lazy ones too, has loaded before the shot.
            assert page.evaluate(PICTURES_LOADED), path
            assert_accessible(page)
            taken.append(shoot(page, f"{name}-{viewport}.png", tmp_path))

    assert len(taken) == 12
    for file in taken:
        assert file.read_bytes().startswith(b"\x89PNG")
    if wanted:
        folder = Path(wanted)
        folder.mkdir(parents=True, exist_ok=True)
        for file in taken:
            shutil.copyfile(file, folder / file.name)
