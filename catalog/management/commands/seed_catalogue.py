"""Seed a realistic catalogue for the benchmark: suppliers and listed products with
Traditional Chinese text; pictures are shared among products, as only their rows differ."""

import datetime
import io
import random

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from PIL import Image

from accounts.models import Industry, Organisation, OrganisationType, User
from catalog.models import Pavilion, Product, ProductImage, ProductVersion
from catalog.search import INDEX_FIELDS, product_index
from suppliers.models import Application, Supplier
from tops.catalogue import catalogue_changed

# The words of the products' texts, with their English for the English names and summaries.
ENGLISH = {
    "天然": "natural",
    "保健": "wellness",
    "食品": "food",
    "有機": "organic",
    "永續": "sustainable",
    "包裝": "packaging",
    "設計": "design",
    "手工": "handmade",
    "文創": "creative",
    "茶葉": "tea",
    "咖啡": "coffee",
    "竹製": "bamboo",
    "環保": "green",
    "餐具": "tableware",
    "智慧": "smart",
    "物聯網": "IoT",
    "顧問": "consulting",
    "服務": "service",
    "雲端": "cloud",
    "系統": "system",
    "課程": "course",
    "體驗": "experience",
    "工作坊": "workshop",
    "香氛": "fragrance",
    "皂": "soap",
    "陶瓷": "ceramics",
    "木作": "woodwork",
    "布包": "cloth bag",
    "燈具": "lamp",
    "再生": "recycled",
    "材料": "material",
    "節能": "energy-saving",
    "照明": "lighting",
    "長照": "long-term care",
    "輔具": "assistive device",
    "健康": "health",
    "檢測": "testing",
    "營養": "nutrition",
    "農產": "farm produce",
    "果乾": "dried fruit",
    "蜂蜜": "honey",
    "醬料": "sauce",
    "米": "rice",
    "麵": "noodles",
}
WORDS = tuple(ENGLISH)
CHUNK = 2000


def _picture(colour) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), colour).save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()


class Command(BaseCommand):
    help = "Create N suppliers and M listed products for the benchmark (adds to what exists)."

    def add_arguments(self, parser):
        parser.add_argument("--suppliers", type=int, default=1000)
        parser.add_argument("--products", type=int, default=50000)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, suppliers, products, seed, **options):
        rng = random.Random(seed)
        pavilions = list(Pavilion.objects.all())
        pictures = self._shared_pictures()
        owners = self._suppliers(suppliers, rng) or list(Supplier.objects.listed())
        now = timezone.now()
        made = 0
        while made < products:
            count = min(CHUNK, products - made)
            with transaction.atomic():
                self._products(count, made, owners, pavilions, pictures, rng, now)
                # Rows written in bulk send no signals: the public pages are told here.
                catalogue_changed()
            made += count
            self.stdout.write(f"{made} products")
        self.stdout.write(self.style.SUCCESS(f"{suppliers} suppliers, {products} products"))

    def _shared_pictures(self):
        holder = ProductImage(position=0, alt_text="benchmark")
        names = []
        for colour in [(190, 120, 60), (60, 140, 90), (40, 90, 160)]:
            files = {}
            for field in ("small", "medium", "large"):
                getattr(holder, field).save("bench.jpg", ContentFile(_picture(colour)), save=False)
                files[field] = getattr(holder, field).name
            names.append(files)
        return names

    def _suppliers(self, count, rng):
        start = User.objects.count()
        owners = []
        for number in range(count):
            tax_id = self._tax_id(start + number)
            user = User.objects.create(username=tax_id, email=f"bench{tax_id}@example.com")
            organisation = Organisation.objects.create(
                account=user,
                tax_id=tax_id,
                type=OrganisationType.REGISTERED_COMPANY,
                name=f"{rng.choice(WORDS)}{rng.choice(WORDS)}有限公司{number}",
                representative="王大明",
                industry=Industry.C,
                contact_name="林小華",
                contact_phone="tel:+886-2-2720-8889",
            )
            application = Application.objects.create(organisation=organisation, status="approved")
            owners.append(
                Supplier.objects.create(
                    organisation=organisation,
                    application=application,
                    size_group=rng.choice(["sme", "startup"]),
                    approved_on=datetime.date(2026, 1, 1),
                    information_confirmed_on=datetime.date(2026, 1, 1),
                    name=organisation.name,
                    introduction="臺北在地中小企業。",
                )
            )
        return owners

    @staticmethod
    def _tax_id(number: int) -> str:
        """Benchmark numbers from 90000000 up, with a check digit that passes the rule."""
        from accounts.tax_id import is_valid_tax_id

        base = 9_000_000 + number
        for last in range(10):
            candidate = f"{base}{last}"
            if is_valid_tax_id(candidate):
                return candidate
        raise ValueError(base)

    def _products(self, count, offset, owners, pavilions, pictures, rng, now):
        items = Product.objects.bulk_create(
            Product(supplier=rng.choice(owners), pavilion=rng.choice(pavilions))
            for _ in range(count)
        )
        versions = []
        for number, product in enumerate(items, start=offset):
            words = rng.sample(WORDS, 6)
            versions.append(
                ProductVersion(
                    product=product,
                    name=f"{words[0]}{words[1]}{words[2]} {number}",
                    summary=f"{words[3]}{words[4]}的好選擇",
                    name_en=f"{ENGLISH[words[0]]} {ENGLISH[words[1]]} {ENGLISH[words[2]]} {number}",
                    summary_en=f"A good choice of {ENGLISH[words[3]]} {ENGLISH[words[4]]}",
                    description="，".join(rng.sample(WORDS, 12))
                    + "。由臺北在地團隊製作，品質穩定。",
                    specifications="規格：標準",
                    price=rng.randrange(100, 20000),
                    price_on_request=False,
                    review="approved",
                    submitted_by_id=product.supplier.organisation.account_id,
                )
            )
        ProductVersion.objects.bulk_create(versions)
        images = []
        for number, (product, version) in enumerate(zip(items, versions, strict=True)):
            files = pictures[number % len(pictures)]
            images.append(
                ProductImage(
                    version=version,
                    position=0,
                    alt_text=version.name,
                    state=ProductImage.State.READY,
                    small=files["small"],
                    small_width=320,
                    small_height=240,
                    medium=files["medium"],
                    medium_width=640,
                    medium_height=480,
                    large=files["large"],
                    large_width=640,
                    large_height=480,
                )
            )
            product.published = version
            product.status = "listed"
            product.listed_at = now - datetime.timedelta(minutes=offset + number)
            product_index(product, version, product.supplier)
        ProductImage.objects.bulk_create(images)
        Product.objects.bulk_update(
            items,
            ["published", "status", "listed_at", *INDEX_FIELDS],
            batch_size=500,
        )
