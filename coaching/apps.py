from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoachingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "coaching"
    verbose_name = _("One-on-one coaching")

    def ready(self):
        from suppliers import extensions

        from .views import dashboard_panel

        extensions.dashboard_panels.append(
            extensions.DashboardPanel("coaching/dashboard_panel.html", dashboard_panel)
        )
