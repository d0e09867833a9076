from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Organisation, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Portal"), {"fields": ("preferred_language",)}),
    )
    list_display = ("username", "email", "is_active", "is_staff", "date_joined")


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "tax_id", "type", "industry", "contact_name", "created_at")
    list_filter = ("type", "industry")
    search_fields = ("tax_id", "name", "contact_name", "account__email")
    readonly_fields = ("account", "tax_id", "created_at", "updated_at")
    list_select_related = ("account",)
