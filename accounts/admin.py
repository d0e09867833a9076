from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tops.admin import (
    HistoryInline,
    StepAdminMixin,
    ViewOnlyAdminMixin,
    WorkflowAdminMixin,
    staff_view,
)

from . import data_requests
from .forms import StaffAnswerForm
from .models import (
    Organisation,
    PersonalDataRequest,
    PersonalDataRequestEvent,
    SignInMethod,
    User,
)
from .permissions import HANDLE_DATA_REQUEST
from .tax_id import read_tax_id


class TaxIdSearchMixin:
    """A 統一編號 typed into the admin's search box with full-width digits finds the record."""

    def get_search_results(self, request, queryset, search_term):
        search_term = read_tax_id(search_term) or search_term
        return super().get_search_results(request, queryset, search_term)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Portal"), {"fields": ("preferred_language",)}),
    )
    list_display = ("username", "email", "is_active", "is_staff", "date_joined")


@admin.register(Organisation)
class OrganisationAdmin(TaxIdSearchMixin, admin.ModelAdmin):
    list_display = ("name", "tax_id", "type", "industry", "contact_name", "created_at")
    list_filter = ("type", "industry")
    search_fields = ("tax_id", "name", "contact_name", "account__email")
    readonly_fields = ("account", "tax_id", "created_at", "updated_at")
    list_select_related = ("account",)


class PersonalDataRequestEventInline(HistoryInline):
    model = PersonalDataRequestEvent
    fields = ("at", "from_status", "to_status", "by", "note")
    verbose_name_plural = _("history")


@admin.register(PersonalDataRequest)
class PersonalDataRequestAdmin(
    TaxIdSearchMixin, StepAdminMixin, WorkflowAdminMixin, ViewOnlyAdminMixin, admin.ModelAdmin
):
    """Requests under 個人資料保護法 with their legal due dates; the overdue ones first."""

    step_templates = "admin/accounts/personaldatarequest"
    step_record_name = "data_request"
    change_form_template = "admin/accounts/personaldatarequest/change_form.html"
    list_display = ("organisation", "kind", "status", "received_at", "due_on", "overdue")
    list_filter = ("status", "kind")
    search_fields = ("organisation__tax_id", "organisation__name")
    list_select_related = ("organisation",)
    fields = (
        "organisation",
        "kind",
        "details",
        "status",
        "received_at",
        "due_on",
        "answer",
        "closed_at",
        "export_expires_at",
    )
    readonly_fields = fields
    inlines = [PersonalDataRequestEventInline]

    @admin.display(description=_("overdue"), boolean=True)
    def overdue(self, data_request):
        return data_request.is_open and data_request.due_on < timezone.localdate()

    def get_urls(self):
        return [
            path(
                "<int:pk>/<str:step>/",
                staff_view(self, self.step_view, HANDLE_DATA_REQUEST),
                name="accounts_personaldatarequest_step",
            ),
            *super().get_urls(),
        ]

    def step_view(self, request, pk, step):
        data_request = get_object_or_404(PersonalDataRequest, pk=pk)
        steps = {
            "extend": (
                data_requests.data_request_extend,
                "reason",
                _("Extend the due date once"),
                _("Why it takes longer (sent to the organisation)"),
                _("Extended; the organisation is told the new date and why."),
            ),
            "complete": (
                data_requests.data_request_complete,
                "answer",
                _("Mark as done"),
                _("What was done (sent to the organisation)"),
                _("Done; the organisation is told."),
            ),
            "refuse": (
                data_requests.data_request_refuse,
                "answer",
                _("Refuse the request"),
                _("Why, under which article of the Act (sent to the organisation)"),
                _("Refused; the organisation is told why."),
            ),
        }
        if step not in steps:
            return self.step_back(data_request)
        take, argument, title, label, done = steps[step]
        return self.step(
            request,
            data_request,
            form=StaffAnswerForm(request.POST or None, label=label),
            take=lambda form: take(
                request=data_request, by=request.user, **{argument: form.cleaned_data["text"]}
            ),
            done=done,
            template="step",
            title=title,
            back_when_refused=True,
        )


# allauth's own admin for these shows English labels: listed here instead, in the reader's
# language. An organizer removes a staff member's method when the phone is lost; the staff
# member then sets it up again at the next log-in.
admin.site.unregister(Authenticator)


@admin.register(SignInMethod)
class SignInMethodAdmin(admin.ModelAdmin):
    list_display = ("account", "kind", "added", "last_used")
    list_filter = ("type",)
    search_fields = ("user__username", "user__email")
    list_select_related = ("user",)
    fields = ("account", "kind", "added", "last_used")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("Account"), ordering="user__username")
    def account(self, method):
        return method.user

    @admin.display(description=_("Method"), ordering="type")
    def kind(self, method):
        return method.get_type_display()

    @admin.display(description=_("Added"), ordering="created_at")
    def added(self, method):
        return method.created_at

    @admin.display(description=_("Last used"), ordering="last_used_at")
    def last_used(self, method):
        return method.last_used_at
