from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "awards"
    verbose_name = _("TOPS award scheme")

    def ready(self):
        from accounts import personal_data

        from . import signals  # noqa: F401
        from .personal_data import HOLDINGS

        personal_data.holdings.extend(HOLDINGS)
