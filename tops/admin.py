"""Shared pieces of the staff admin."""

from functools import update_wrapper

from django.contrib import admin
from django.core.exceptions import PermissionDenied


class ViewOnlyAdminMixin:
    """Records that change only through the portal's workflow steps (services), never by
    editing them in the admin: they can be viewed, not added, changed or deleted."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class WorkflowAdminMixin:
    """The change page of a stateful record offers the steps its workflow lets the person
    looking take now: ``steps`` in the template, asked of ``Model.workflow``."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        record = self.get_object(request, object_id)
        steps = self.model.workflow.steps_for(record, request.user) if record else frozenset()
        return super().change_view(
            request, object_id, form_url, {**(extra_context or {}), "steps": steps}
        )


class ReadOnlyInline(ViewOnlyAdminMixin, admin.TabularInline):
    extra = 0
    can_delete = False


class HistoryInline(ReadOnlyInline):
    """A record's append-only history (``tops.models.HistoryEntry``), oldest first."""

    ordering = ("at", "pk")

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)


def staff_view(model_admin, view, permission: str):
    """A custom admin view (a workflow step) for staff holding ``permission``."""

    def wrapper(request, *args, **kwargs):
        if not request.user.has_perm(permission):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return model_admin.admin_site.admin_view(update_wrapper(wrapper, view))
