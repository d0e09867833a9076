"""The sitemap: an index (/sitemap.xml) of its sections' pages (/sitemap-products.xml?p=2),
each page at most ``PAGE_SIZE`` addresses, so that every listed product is in it and each page
stays light."""

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Max
from django.urls import reverse
from django.utils.functional import cached_property

from suppliers.models import Supplier
from tops.catalogue import cached_for_version

from .models import Pavilion, Product
from .selectors import address_before_id

PAGE_SIZE = 500


class KeptCountPaginator(Paginator):
    """Counts its section once per catalogue version: the index and every page of the section
    ask for the count, and counting 50,000 products each time costs more than the page."""

    def __init__(self, object_list, per_page, *, section: str):
        super().__init__(object_list, per_page)
        self.section = section

    @cached_property
    def count(self):
        return cached_for_version("sitemap-count", self.object_list.count, self.section)


class LongSitemap(Sitemap):
    """A section of thousands of entries, in pages of ``PAGE_SIZE``."""

    limit = PAGE_SIZE
    section = ""

    @property
    def paginator(self):
        return KeptCountPaginator(self._items(), self.limit, section=self.section)


class PageSitemap(Sitemap):
    def items(self):
        return ["home"]

    def location(self, item):
        return reverse(item)


class PavilionSitemap(Sitemap):
    def items(self):
        return Pavilion.objects.all()

    def location(self, pavilion):
        return reverse("catalog:pavilion", args=[pavilion.code])


class ProductSitemap(LongSitemap):
    section = "products"

    def items(self):
        self.prefix = address_before_id("catalog:product")
        # Rows, not products: a page builds a thousand of them.
        return Product.objects.public().order_by("pk").values_list("pk", "updated_at", named=True)

    def lastmod(self, product):
        return product.updated_at

    def get_latest_lastmod(self):
        # For the index: one aggregate, not every product read, once per catalogue version.
        return cached_for_version("sitemap-latest", self._latest, self.section)

    @staticmethod
    def _latest():
        return Product.objects.public().aggregate(latest=Max("updated_at"))["latest"]

    def location(self, product):
        return f"{self.prefix}{product.pk}/"


class SupplierSitemap(LongSitemap):
    section = "suppliers"

    def items(self):
        self.prefix = address_before_id("catalog:supplier")
        return Supplier.objects.listed().order_by("pk").values_list("pk", named=True)

    def location(self, supplier):
        return f"{self.prefix}{supplier.pk}/"


SITEMAPS = {
    "pages": PageSitemap,
    "pavilions": PavilionSitemap,
    "products": ProductSitemap,
    "suppliers": SupplierSitemap,
}
