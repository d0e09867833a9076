"""What the catalogue holds about an organisation: its products and the inquiries it sent or
received (registered with ``accounts.personal_data`` in ``CatalogConfig.ready()``)."""

from django.utils.translation import gettext_lazy as _

from accounts.personal_data import Holding

from .models import Inquiry, Product, ProductImage, ProductVersion

HOLDINGS = [
    Holding(
        "products", lambda organisation: Product.objects.filter(supplier__organisation=organisation)
    ),
    Holding(
        "product_versions",
        lambda organisation: ProductVersion.objects.filter(
            product__supplier__organisation=organisation
        ),
    ),
    Holding(
        "product_pictures",
        lambda organisation: ProductImage.objects.filter(
            version__product__supplier__organisation=organisation
        ),
        fields=("version", "position", "alt_text"),
        files=("large",),
    ),
    Holding(
        "inquiries_sent",
        lambda organisation: Inquiry.objects.filter(buyer=organisation),
        kept=_(
            "Inquiries exchanged with other organisations: kept as their copy, without your "
            "contact details."
        ),
    ),
    Holding(
        "inquiries_received",
        lambda organisation: Inquiry.objects.filter(supplier__organisation=organisation),
    ),
]
