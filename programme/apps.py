from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "programme"
    verbose_name = _("Activities and courses")

    def ready(self):
        from accounts import personal_data
        from suppliers import extensions

        from .admin import NoAttendanceFilter, supplier_panel
        from .personal_data import HOLDINGS

        personal_data.holdings.extend(HOLDINGS)

        extensions.staff_list_filters.append(NoAttendanceFilter)
        extensions.staff_panels.append(
            extensions.DashboardPanel("admin/programme/supplier_activities.html", supplier_panel)
        )
