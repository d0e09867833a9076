from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "publications"
    verbose_name = _("Announcements, pages and newsletter")

    def ready(self):
        from allauth.account.signals import user_logged_in

        from accounts import personal_data

        from .personal_data import HOLDINGS
        from .rules import ask_for_acceptance_at_log_in

        personal_data.holdings.extend(HOLDINGS)

        user_logged_in.connect(ask_for_acceptance_at_log_in, dispatch_uid="publications_rules")
