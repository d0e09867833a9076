"""Listed suppliers' changes of profile and registered data, reviewed with the old and new
values side by side (參.二(二)5)."""

from django.contrib import admin
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext_lazy as _

from suppliers import profile_changes
from suppliers.models import ProfileChange, ProfileChangeLogo
from suppliers.permissions import REVIEW_APPLICATION
from tops.admin import StepAdminMixin, ViewOnlyAdminMixin, staff_view
from tops.private_files import private_file_download

from .. import forms


class PendingFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return ProfileChange.Status.choices

    def queryset(self, request, queryset):
        return queryset.filter(status=self.value()) if self.value() else queryset


@admin.register(ProfileChange)
class ProfileChangeAdmin(StepAdminMixin, ViewOnlyAdminMixin, admin.ModelAdmin):
    step_templates = "admin/review/profilechange"
    step_record_name = "change"
    change_form_template = "admin/review/profilechange/change_form.html"
    list_display = ("supplier", "submitted_at", "status", "decided_by")
    list_filter = (PendingFilter,)
    search_fields = ("supplier__name", "supplier__organisation__tax_id", "name")
    list_select_related = ("supplier", "decided_by")
    fields = ("supplier", "status", "submitted_by", "submitted_at", "decided_by", "decided_at")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        change = self.get_object(request, object_id)
        extra = {}
        if change is not None:
            extra = {
                "differences": profile_changes.profile_change_differences(change),
                "sme_test_changes": profile_changes.sme_test_changes(change),
                "new_logo": getattr(change, "logo", None),
                "can_decide": change.status == ProfileChange.Status.PENDING
                and request.user.has_perm(REVIEW_APPLICATION),
            }
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def get_urls(self):
        return [
            path(
                "<int:pk>/accept/",
                staff_view(self, self.accept_view, REVIEW_APPLICATION),
                name="review_profile_change_accept",
            ),
            path(
                "<int:pk>/reject/",
                staff_view(self, self.reject_view, REVIEW_APPLICATION),
                name="review_profile_change_reject",
            ),
            path(
                "logo/<uuid:public_id>/",
                staff_view(self, self.logo_view, "suppliers.view_profilechange"),
                name="review_profile_change_logo",
            ),
            *super().get_urls(),
        ]

    def accept_view(self, request, pk):
        change = get_object_or_404(ProfileChange, pk=pk)
        return self.step(
            request,
            change,
            take=lambda form: profile_changes.profile_change_accept(change=change, by=request.user),
            done=_("Accepted: the portal shows the new profile, and the supplier is told."),
        )

    def reject_view(self, request, pk):
        change = get_object_or_404(ProfileChange, pk=pk)
        return self.step(
            request,
            change,
            form=forms.ProfileChangeRejectForm(request.POST or None),
            take=lambda form: profile_changes.profile_change_reject(
                change=change, by=request.user, reason=form.cleaned_data["reason"]
            ),
            done=_("Not accepted; the supplier has been told why."),
            template="reject",
            title=_("Do not accept the change"),
        )

    def logo_view(self, request, public_id):
        return private_file_download(request, ProfileChangeLogo.objects.all(), public_id)
