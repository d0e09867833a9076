from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoachingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "coaching"
    verbose_name = _("One-on-one coaching")

    def ready(self):
        from accounts import personal_data
        from suppliers import extensions

        from .personal_data import HOLDINGS
        from .views import dashboard_panel

        extensions.dashboard_panels.append(
            extensions.DashboardPanel("coaching/dashboard_panel.html", dashboard_panel)
        )
        personal_data.holdings.extend(HOLDINGS)
