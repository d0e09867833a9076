from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tops.exports import table_response

from .charts import bar_chart
from .models import FiguresSnapshot
from .periods import PeriodForm, quarter_to_date
from .permissions import SEE_ALL_FIGURES, SEE_REVIEW_FIGURES
from .selectors import dashboard


def _may_see(user) -> bool:
    return user.has_perm(SEE_ALL_FIGURES) or user.has_perm(SEE_REVIEW_FIGURES)


@admin.register(FiguresSnapshot)
class DashboardAdmin(admin.ModelAdmin):
    """The organizer's dashboard stands in the place of a list: the snapshots themselves are
    the nightly task's, shown on the public statistics page."""

    def has_module_permission(self, request):
        return _may_see(request.user)

    def has_view_permission(self, request, obj=None):
        return _may_see(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<slug:table>.<str:file_format>",
                view(self.export_view),
                name="figures_dashboard_export",
            ),
            path("", view(self.changelist_view), name="figures_figuressnapshot_changelist"),
        ]

    def _sections(self, request):
        if not _may_see(request.user):
            raise PermissionDenied
        form = PeriodForm(request.GET if "start" in request.GET else None)
        period = form.period() if form.is_valid() else quarter_to_date(timezone.localdate())
        if not form.is_bound:
            form = PeriodForm(initial={"start": period.start, "end": period.end})
        everything = request.user.has_perm(SEE_ALL_FIGURES)
        return form, period, dashboard(period, everything=everything)

    def changelist_view(self, request, extra_context=None):
        form, period, sections = self._sections(request)
        for section in sections:
            for table in section.tables:
                table.svg = bar_chart(table.rows) if table.chart else None
        return TemplateResponse(
            request,
            "admin/figures/dashboard.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": _("Figures and charts"),
                "form": form,
                "period": period,
                "previous": period.previous(),
                "sections": sections,
                "query": request.GET.urlencode(),
            },
        )

    def export_view(self, request, table, file_format):
        _form, period, sections = self._sections(request)
        for section in sections:
            for candidate in section.tables:
                if candidate.key == table:
                    return table_response(
                        file_format,
                        f"tops-{table}-{period.start:%Y%m%d}-{period.end:%Y%m%d}",
                        candidate.headings,
                        candidate.rows,
                    )
        raise Http404
