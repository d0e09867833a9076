"""The supplier directory (供應商名錄): listed suppliers by name, with their size group,
district and the pavilions they have products in.

Names are ordered by Unicode code point (the "C" collation on PostgreSQL, SQLite's own), the
same on every database. For Chinese names this approximates the radical-and-stroke order of
the Unified Ideographs block: 中華 before 台北 before 綠色; it is not the stroke-count order of
a printed directory, which needs a stroke-count table the databases do not have. Latin names
come before Chinese ones."""

from django.db import connection
from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Collate

from suppliers.eligibility import SizeGroup
from suppliers.models import District, Supplier

from .models import Product


def _by_name():
    collation = "C" if connection.vendor == "postgresql" else "BINARY"
    return Collate(F("name"), collation)


def suppliers(params):
    """Listed suppliers with at least one public product, filtered by the GET ``params``:
    ``pavilion`` (code), ``group`` (size group) and ``district`` (postal code)."""
    products = Product.objects.public().filter(supplier=OuterRef("pk"))
    if params.get("pavilion"):
        products = products.filter(pavilion__code=params["pavilion"])
    listed = Supplier.objects.listed().filter(Exists(products))
    if params.get("group") in SizeGroup.values:
        listed = listed.filter(size_group=params["group"])
    if params.get("district") in District.values:
        listed = listed.filter(district=params["district"])
    return listed.order_by(_by_name(), "pk")


def with_pavilions(suppliers, pavilions) -> list:
    """The ``suppliers`` (a page of them), each with ``pavilions``: those it has public
    products in, in the pavilions' order. One query."""
    suppliers = list(suppliers)
    pairs = set(
        Product.objects.public()
        .filter(supplier__in=suppliers)
        .values_list("supplier_id", "pavilion_id")
        .distinct()
    )
    for supplier in suppliers:
        supplier.pavilions = [p for p in pavilions if (supplier.pk, p.pk) in pairs]
    return suppliers
