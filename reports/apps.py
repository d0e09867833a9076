from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Public reports")

    def ready(self):
        from accounts import personal_data

        from .personal_data import HOLDINGS

        personal_data.holdings.extend(HOLDINGS)
