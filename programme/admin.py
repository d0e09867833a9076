"""The organizers' screens: activities, their registrations, check-in and its exports."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from activity.models import ActivityKind as LogKind
from activity.services import activity_record
from tops.admin import ReadOnlyInline, staff_view
from tops.exports import table_response
from tops.workflow import StepRefused

from . import selectors, services
from .models import Activity, Attendee, Registration

CHECK_IN = "programme.change_attendee"


class RegistrationInline(ReadOnlyInline):
    model = Registration
    fields = ("organisation", "as_buyer", "status", "seats", "queued_at", "reminded_at")
    readonly_fields = fields
    ordering = ("status", "queued_at", "pk")


def check_in_rows(activity: Activity):
    return (
        Attendee.objects.filter(
            registration__activity=activity,
            registration__status=Registration.Status.CONFIRMED,
        )
        .select_related("registration__organisation")
        .order_by("registration__organisation__name", "pk")
    )


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ("title_zh", "kind", "starts_at", "audience", "seats", "status")
    list_filter = ("kind", "audience", "status", "pavilion")
    search_fields = ("title_zh", "title_en")
    date_hierarchy = "starts_at"
    actions = ["cancel_activities"]
    inlines = [RegistrationInline]
    fieldsets = (
        (None, {"fields": ("kind", "pavilion", "status")}),
        (
            gettext_lazy("Text"),
            {"fields": ("title_zh", "title_en", "description_zh", "description_en")},
        ),
        (
            gettext_lazy("Time and place"),
            {"fields": ("starts_at", "ends_at", "venue", "address", "online_url")},
        ),
        (
            gettext_lazy("Registration"),
            {
                "fields": (
                    "audience",
                    "capacity",
                    "attendees_per_organisation",
                    "registration_opens_at",
                    "registration_closes_at",
                    "buyer_priority",
                    "buyers_from",
                    "seats_held_for_buyers",
                    "seats_held_until",
                )
            },
        ),
    )

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_cancelled:
            return [field for fieldset in self.fieldsets for field in fieldset[1]["fields"]]
        return ["status"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                taken=Sum(
                    "registrations__seats",
                    filter=Q(registrations__status=Registration.Status.CONFIRMED),
                ),
                waiting=Count(
                    "registrations", filter=Q(registrations__status=Registration.Status.WAITING)
                ),
            )
        )

    @admin.display(description=gettext_lazy("seats taken"))
    def seats(self, activity):
        text = f"{activity.taken or 0} / {activity.capacity}"
        if activity.waiting:
            text += " " + _("(%(count)s waiting)") % {"count": activity.waiting}
        return text

    def save_model(self, request, obj, form, change):
        """A change goes through the service: a new time or place is sent to everyone
        registered; more seats go to the waiting list."""
        if not change:
            super().save_model(request, obj, form, change)
            return
        fields = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            services.activity_update(activity=obj, by=request.user, fields=fields)
        except StepRefused as refused:
            self.message_user(request, refused.message, messages.ERROR)

    @admin.action(description=gettext_lazy("Cancel the selected activities and tell registrants"))
    def cancel_activities(self, request, queryset):
        if not request.user.has_perm("programme.change_activity"):
            raise PermissionDenied
        done = 0
        for activity in queryset:
            try:
                services.activity_cancel(activity=activity, by=request.user)
                done += 1
            except StepRefused as refused:
                self.message_user(request, f"{activity}: {refused.message}", messages.WARNING)
        if done:
            self.message_user(
                request, _("%(count)s activities cancelled.") % {"count": done}, messages.SUCCESS
            )

    def get_urls(self):
        return [
            path(
                "<int:pk>/check-in/",
                staff_view(self, self.check_in_view, CHECK_IN),
                name="programme_activity_check_in",
            ),
            path(
                "<int:pk>/attendance.<str:file_format>",
                staff_view(self, self.attendance_export_view, "programme.view_attendee"),
                name="programme_activity_attendance",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "check_in_url": reverse("admin:programme_activity_check_in", args=[object_id]),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def check_in_view(self, request, pk):
        """The check-in list: printable, with a box per attendee that staff tick and save."""
        activity = get_object_or_404(Activity, pk=pk)
        if request.method == "POST":
            count = services.attendance_record(
                activity=activity, by=request.user, attended_ids=request.POST.getlist("attended")
            )
            self.message_user(
                request,
                _("Attendance saved: %(count)s checked in.") % {"count": count},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(request.path)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Check-in list"),
            "subtitle": str(activity),
            "activity": activity,
            "attendees": check_in_rows(activity),
            "now": timezone.now(),
        }
        return TemplateResponse(request, "admin/programme/check_in.html", context)

    def attendance_export_view(self, request, pk, file_format):
        activity = get_object_or_404(Activity, pk=pk)
        header = [
            _("Organisation"),
            _("Unified Business Number"),
            _("Registered as"),
            _("Attendee"),
            _("Job title"),
            _("Checked in at"),
        ]
        rows = [
            [
                attendee.registration.organisation.name,
                attendee.registration.organisation.tax_id,
                _("Buyer") if attendee.registration.as_buyer else _("Supplier"),
                attendee.name,
                attendee.job_title,
                timezone.localtime(attendee.attended_at).strftime("%Y-%m-%d %H:%M")
                if attendee.attended_at
                else "",
            ]
            for attendee in check_in_rows(activity)
        ]
        response = table_response(
            file_format, f"tops-attendance-{activity.pk}", header, rows, text_columns=[1]
        )
        activity_record(
            kind=LogKind.EXPORT,
            by=request.user,
            action=gettext_noop("Exported an activity's attendance"),
            subject=activity,
            note=file_format,
        )
        return response


class NoAttendanceFilter(admin.SimpleListFilter):
    """參.二(二)2: suppliers must take part in the programme's activities. The staff's supplier
    list (review app) adds this filter through ``suppliers.extensions``."""

    title = gettext_lazy("activities attended")
    parameter_name = "attended"

    def lookups(self, request, model_admin):
        return [("none_12m", gettext_lazy("None in the last 12 months"))]

    def queryset(self, request, queryset):
        if self.value() == "none_12m":
            return queryset.exclude(
                organisation__in=selectors.organisations_attending(
                    since=timezone.now() - selectors.ATTENDANCE_PERIOD
                )
            )
        return queryset


def supplier_panel(request, supplier):
    return {"activities": selectors.attended_by(supplier.organisation)}
