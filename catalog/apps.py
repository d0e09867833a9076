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

        # The services mark each change of the catalogue; a row of a product, a supplier or
        # a pavilion saved any other way (the admin's forms, a shell) retires the public pages too.
        from django.db.models.signals import post_delete, post_save

        from suppliers.models import Supplier
        from tops.catalogue import catalogue_changed

        from .models import Pavilion, Product

        def changed(sender, **kwargs):
            catalogue_changed()

        for model in (Product, Supplier, Pavilion):
            post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"catalogue-{model}")
            post_delete.connect(
                changed, sender=model, weak=False, dispatch_uid=f"catalogue-del-{model}"
            )
