"""Shared pieces of the staff admin."""


class ViewOnlyAdminMixin:
    """Records that change only through the portal's workflow steps (services), never by
    editing them in the admin: they can be viewed, not added, changed or deleted."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
