from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from suppliers.models import Supplier

from .models import Pavilion, Product


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


def _prefix(name: str) -> str:
    """The address of the page ``name`` takes with an id, up to the id: reversed once, not per
    entry (thousands of entries)."""
    return reverse(name, args=[0])[:-2]


class ProductSitemap(Sitemap):
    limit = 5000

    def items(self):
        self.prefix = _prefix("catalog:product")
        return Product.objects.public().order_by("pk").only("pk", "updated_at")

    def lastmod(self, product):
        return product.updated_at

    def location(self, product):
        return f"{self.prefix}{product.pk}/"


class SupplierSitemap(Sitemap):
    def items(self):
        self.prefix = _prefix("catalog:supplier")
        return Supplier.objects.listed().order_by("pk").only("pk")

    def location(self, supplier):
        return f"{self.prefix}{supplier.pk}/"


SITEMAPS = {
    "pages": PageSitemap,
    "pavilions": PavilionSitemap,
    "products": ProductSitemap,
    "suppliers": SupplierSitemap,
}
