from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = _("Catalog")

    def ready(self):
        from accounts import personal_data
        from suppliers import extensions

        from .personal_data import HOLDINGS
        from .product_views import dashboard_panel
        from .services import (
            products_back_to_review,
            products_reindex_for_supplier,
            products_take_down_with_supplier,
        )

        extensions.dashboard_panels.append(
            extensions.DashboardPanel("catalog/dashboard_products.html", dashboard_panel)
        )
        extensions.profile_updated.append(products_reindex_for_supplier)
        extensions.listing_ended.append(products_take_down_with_supplier)
        extensions.listing_restored.append(products_back_to_review)
        personal_data.holdings.extend(HOLDINGS)
