"""Staff's coaching queue: assign a coach, propose and record sessions, close or decline."""

from django.contrib import admin
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tops.admin import (
    HistoryInline,
    ReadOnlyInline,
    StepAdminMixin,
    ViewOnlyAdminMixin,
    WorkflowAdminMixin,
    staff_view,
)

from . import services
from .forms import AssignForm, CloseForm, DeclineForm, SessionProposeForm, SessionRecordForm
from .models import CoachingCase, CoachingEvent, CoachingSession, CoachingSettings
from .permissions import MANAGE_CASE


@admin.register(CoachingSettings)
class CoachingSettingsAdmin(admin.ModelAdmin):
    list_display = ("__str__", "cases_per_year")

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not CoachingSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        CoachingSettings.load()
        return super().changelist_view(request, extra_context)


class CoachingSessionInline(ReadOnlyInline):
    model = CoachingSession
    fields = ("starts_at", "place", "online_url", "held_on", "hours", "outcome")
    readonly_fields = fields


class CoachingEventInline(HistoryInline):
    model = CoachingEvent
    fields = ("at", "step", "from_status", "to_status", "by", "note")
    readonly_fields = fields
    verbose_name_plural = _("history")


@admin.register(CoachingCase)
class CoachingCaseAdmin(StepAdminMixin, WorkflowAdminMixin, ViewOnlyAdminMixin, admin.ModelAdmin):
    step_templates = "admin/coaching/coachingcase"
    step_record_name = "case"
    change_form_template = "admin/coaching/coachingcase/change_form.html"
    list_display = (
        "__str__",
        "submitted_at",
        "supplier",
        "topic",
        "status",
        "coach_shown",
        "rating",
    )
    list_filter = ("status", "topic", "year")
    search_fields = ("supplier__name", "supplier__organisation__tax_id", "needs")
    list_select_related = ("supplier", "coach")
    # The queue: the oldest application first.
    ordering = ("submitted_at", "pk")
    readonly_fields = (
        "supplier",
        "submitted_at",
        "topic",
        "topic_other",
        "needs",
        "preferred_times",
        "status",
        "coach",
        "coach_name",
        "decline_reason",
        "rating",
        "rating_comment",
        "rated_at",
    )
    fields = readonly_fields
    inlines = [CoachingSessionInline, CoachingEventInline]

    @admin.display(description=_("coach"))
    def coach_shown(self, case):
        return case.coach_label or "—"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        case = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if case is not None:
            extra_context["sessions_to_record"] = case.sessions.filter(held_on__isnull=True)
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        def step_path(route, view, name):
            return path(route, staff_view(self, view, MANAGE_CASE), name=f"coaching_case_{name}")

        return [
            step_path("<int:pk>/assign/", self.assign_view, "assign"),
            step_path("<int:pk>/decline/", self.decline_view, "decline"),
            step_path("<int:pk>/propose-session/", self.propose_view, "propose_session"),
            step_path("<int:pk>/sessions/<int:session>/", self.record_view, "record_session"),
            step_path("<int:pk>/close/", self.close_view, "close"),
            *super().get_urls(),
        ]

    def assign_view(self, request, pk):
        case = get_object_or_404(CoachingCase, pk=pk)
        return self.step(
            request,
            case,
            form=AssignForm(request.POST or None),
            take=lambda form: services.case_assign(
                case=case,
                by=request.user,
                coach=form.cleaned_data["coach"],
                coach_name=form.cleaned_data["coach_name"],
            ),
            done=_("Coach assigned; the supplier is told."),
            template="step",
            title=_("Assign a coach"),
            back_when_refused=True,
        )

    def decline_view(self, request, pk):
        case = get_object_or_404(CoachingCase, pk=pk)
        return self.step(
            request,
            case,
            form=DeclineForm(request.POST or None),
            take=lambda form: services.case_decline(
                case=case, by=request.user, reason=form.cleaned_data["reason"]
            ),
            done=_("Declined; the supplier is told why."),
            template="step",
            title=_("Decline the application"),
            back_when_refused=True,
        )

    def propose_view(self, request, pk):
        case = get_object_or_404(CoachingCase, pk=pk)
        return self.step(
            request,
            case,
            form=SessionProposeForm(request.POST or None),
            take=lambda form: services.session_propose(
                case=case, by=request.user, **form.cleaned_data
            ),
            done=_("Session proposed; the supplier is told."),
            template="step",
            title=_("Propose a session"),
            back_when_refused=True,
        )

    def record_view(self, request, pk, session):
        case = get_object_or_404(CoachingCase, pk=pk)
        session = get_object_or_404(CoachingSession, pk=session, case=case)
        return self.step(
            request,
            case,
            form=SessionRecordForm(
                request.POST or None,
                initial={"held_on": timezone.localtime(session.starts_at).date()},
            ),
            take=lambda form: services.session_record(
                session=session, by=request.user, **form.cleaned_data
            ),
            done=_("Session recorded; the supplier sees it on its case page."),
            template="step",
            title=_("Record the session"),
            back_when_refused=True,
            session=session,
        )

    def close_view(self, request, pk):
        case = get_object_or_404(CoachingCase, pk=pk)
        return self.step(
            request,
            case,
            form=CloseForm(request.POST or None),
            take=lambda form: services.case_close(
                case=case, by=request.user, note=form.cleaned_data["note"]
            ),
            done=_("Closed; the supplier is asked for a rating."),
            template="step",
            title=_("Close the case"),
            back_when_refused=True,
        )
