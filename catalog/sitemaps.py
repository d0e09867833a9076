"""The sitemap: an index (/sitemap.xml) of its sections' pages (/sitemap-products.xml?p=2),
each page at most ``PAGE_SIZE`` addresses, so that every listed product is in it and each page
stays light."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from suppliers.models import Supplier

from .models import Pavilion, Product
from .selectors import address_before_id

PAGE_SIZE = 1000


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


class ProductSitemap(Sitemap):
    limit = PAGE_SIZE

    def items(self):
        self.prefix = address_before_id("catalog:product")
        return Product.objects.public().order_by("pk").only("pk", "updated_at")

    def lastmod(self, product):
        return product.updated_at

    def get_latest_lastmod(self):
        # For the index: one aggregate, not every product read.
        return Product.objects.public().aggregate(latest=Max("updated_at"))["latest"]

    def location(self, product):
        return f"{self.prefix}{product.pk}/"


class SupplierSitemap(Sitemap):
    limit = PAGE_SIZE

    def items(self):
        self.prefix = address_before_id("catalog:supplier")
        return Supplier.objects.listed().order_by("pk").only("pk")

    def location(self, supplier):
        return f"{self.prefix}{supplier.pk}/"


SITEMAPS = {
    "pages": PageSitemap,
    "pavilions": PavilionSitemap,
    "products": ProductSitemap,
    "suppliers": SupplierSitemap,
}
