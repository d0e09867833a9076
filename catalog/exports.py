"""Search results and pavilion listings as CSV or XLSX, for buyers to keep or share."""

from django.urls import reverse
from django.utils.translation import gettext as _

from tops.exports import table_response

from .selectors import price_text

MAX_ROWS = 500


def products_response(request, products, file_format: str, name: str):
    """The first ``MAX_ROWS`` of ``products`` (in the order given), one row each."""
    products = products.select_related("published", "supplier", "pavilion")[:MAX_ROWS]
    header = [
        _("Product or service"),
        _("Name in English"),
        _("One-line summary"),
        _("Price"),
        _("Supplier"),
        _("Size group"),
        _("District"),
        _("Pavilion"),
        _("Web page"),
    ]
    rows = [
        [
            product.published.name,
            product.published.name_en,
            product.published.display_summary,
            price_text(product.published),
            product.supplier.display_name,
            product.supplier.get_size_group_display(),
            product.supplier.get_district_display(),
            product.pavilion.name,
            request.build_absolute_uri(reverse("catalog:product", args=[product.pk])),
        ]
        for product in products
    ]
    return table_response(file_format, name, header, rows)
