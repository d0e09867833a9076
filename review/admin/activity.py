"""The activity log in the admin: read only, filtered by kind, staff member, date and record,
and exported as CSV (the export is logged too)."""

import csv
import io

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from activity.models import Activity, ActivityKind
from activity.services import activity_record
from tops.admin import ViewOnlyAdminMixin

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    """Text a spreadsheet shows, never runs: a name typed as a formula stays text."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


@admin.register(Activity)
class ActivityAdmin(ViewOnlyAdminMixin, admin.ModelAdmin):
    change_list_template = "admin/activity/activity/change_list.html"
    list_display = ("at", "kind", "by", "what", "subject_name", "note")
    list_filter = (
        "kind",
        ("by", admin.RelatedOnlyFieldListFilter),
        "at",
        ("subject_type", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("subject_name", "subject_id", "note", "by__username")
    date_hierarchy = "at"
    list_select_related = ("by", "subject_type")
    fields = ("at", "kind", "by", "what", "subject_type", "subject_id", "subject_name", "note")
    readonly_fields = fields

    @admin.display(description=_("what was done"))
    def what(self, activity):
        return gettext(activity.action)

    def lookup_allowed(self, lookup, value, request=None):
        # One record's activity: linked from its page as ?subject_type__id__exact=…&subject_id=…
        return lookup == "subject_id" or super().lookup_allowed(lookup, value, request)

    def get_urls(self):
        return [
            path(
                "export/",
                self.admin_site.admin_view(self.export_view),
                name="activity_activity_export",
            ),
            *super().get_urls(),
        ]

    def export_view(self, request):
        """The entries the list shows now (its filters and search), as CSV."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        changelist = self.get_changelist_instance(request)
        entries = changelist.get_queryset(request)
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(
            [gettext("When"), gettext("Kind"), gettext("By"), gettext("What was done")]
            + [gettext("Record"), gettext("Record id"), gettext("Note")]
        )
        for entry in entries.iterator():
            writer.writerow(
                _cell(value)
                for value in (
                    timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M:%S"),
                    entry.get_kind_display(),
                    entry.by.get_username() if entry.by else "",
                    gettext(entry.action),
                    entry.subject_name,
                    entry.subject_id,
                    entry.note,
                )
            )
        activity_record(
            kind=ActivityKind.EXPORT,
            by=request.user,
            action=gettext_noop("Exported the activity log"),
            note=request.GET.urlencode(),
        )
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
        day = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="tops-activity-{day}.csv"'
        return response
