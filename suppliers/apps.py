from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SuppliersConfig(AppConfig):
    name = "suppliers"
    verbose_name = _("Suppliers")

    def ready(self):
        from accounts import personal_data

        from .personal_data import HOLDINGS

        personal_data.holdings.extend(HOLDINGS)
