from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Application, ApplicationDocument, ApplicationEvent


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class DocumentInline(ReadOnlyInline):
    """Every version of every document, each opening through the access-checked view."""

    model = ApplicationDocument
    fields = ("kind", "version", "is_current", "open", "size", "uploaded_at", "purged_at")
    readonly_fields = fields

    @admin.display(description=_("file"))
    def open(self, document):
        if document.is_purged:
            return document.original_name
        url = reverse("suppliers:document_file", kwargs={"public_id": document.public_id})
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>', url, document.original_name
        )


class EventInline(ReadOnlyInline):
    model = ApplicationEvent
    fields = (
        "created_at",
        "kind",
        "actor",
        "from_status",
        "to_status",
        "note",
        "visible_to_applicant",
    )
    readonly_fields = fields


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("organisation", "status", "received_at", "due_on")
    list_filter = ("status",)
    search_fields = ("organisation__tax_id", "organisation__name")
    list_select_related = ("organisation",)
    inlines = [DocumentInline, EventInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
