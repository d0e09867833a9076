from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from suppliers.models import Supplier

from .models import Pavilion, Product
from .selectors import address_before_id


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
    limit = 5000

    def items(self):
        self.prefix = address_before_id("catalog:product")
        return Product.objects.public().order_by("pk").only("pk", "updated_at")

    def lastmod(self, product):
        return product.updated_at

    def location(self, product):
        return f"{self.prefix}{product.pk}/"


class SupplierSitemap(Sitemap):
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
