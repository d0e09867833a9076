"""Moderation of products (參.二(六)) and the pavilions organizers maintain."""

from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.admin import TaxIdSearchMixin
from activity.services import holder_of
from tops.admin import (
    ReadOnlyInline,
    StepAdminMixin,
    ViewOnlyAdminMixin,
    WorkflowAdminMixin,
    staff_view,
)

from . import selectors, services
from .forms import DelistForm, ReturnForm
from .models import Inquiry, Pavilion, Product, ProductDelisting, ProductImage, ProductVersion
from .permissions import MODERATE_PRODUCT


@admin.register(Pavilion)
class PavilionAdmin(admin.ModelAdmin):
    list_display = ("name_zh", "name_en", "order", "quota")
    list_editable = ("order", "quota")
    fields = ("name_zh", "name_en", "description_zh", "description_en", "order", "quota")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ProductVersion)
class ProductVersionAdmin(
    TaxIdSearchMixin, StepAdminMixin, WorkflowAdminMixin, ViewOnlyAdminMixin, admin.ModelAdmin
):
    step_templates = "admin/catalog/productversion"
    step_record_name = "version"
    """The moderation queue: submitted products and changes, oldest first."""

    change_form_template = "admin/catalog/productversion/change_form.html"
    list_display = ("name", "supplier", "pavilion", "kind", "submitted_at", "review")
    list_filter = ("review", "product__pavilion")
    search_fields = ("name", "product__supplier__name", "product__supplier__organisation__tax_id")
    list_select_related = ("product__supplier", "product__pavilion")
    ordering = ("submitted_at",)
    fieldsets = (
        (
            _("Product"),
            {"fields": ("product", "supplier_link", "pavilion_link", "submitted_at")},
        ),
        (
            _("As submitted"),
            {
                "fields": (
                    "name",
                    "summary",
                    "name_en",
                    "summary_en",
                    "description",
                    "specifications",
                    "price_text",
                )
            },
        ),
        (
            _("Review"),
            {"fields": ("review", "reasons", "return_note", "reviewer", "reviewed_at")},
        ),
    )
    # Everything on the page is as the supplier sent it or as the review recorded it.
    readonly_fields = flatten_fieldsets(fieldsets)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related(
                "product__published", "product__supplier", "product__pavilion", "reviewed_by"
            )
        )

    def changelist_view(self, request, extra_context=None):
        if "review__exact" not in request.GET and not request.GET.get("review"):
            query = request.GET.copy()
            query["review__exact"] = "pending"
            request.GET = query
            request.META["QUERY_STRING"] = query.urlencode()
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("supplier"))
    def supplier(self, version):
        return version.product.supplier

    @admin.display(description=_("pavilion"))
    def pavilion(self, version):
        return version.product.pavilion

    @admin.display(description=_("submitted as"))
    def kind(self, version):
        return _("a change") if version.product.published_id else _("a new product")

    @admin.display(description=_("supplier"))
    def supplier_link(self, version):
        supplier = version.product.supplier
        url = reverse("admin:suppliers_supplier_change", args=[supplier.pk])
        return format_html('<a href="{}">{}</a>', url, supplier)

    @admin.display(description=_("pavilion"))
    def pavilion_link(self, version):
        pavilion = version.product.pavilion
        url = reverse("catalog:pavilion", args=[pavilion.code])
        return format_html('<a href="{}">{}</a>', url, pavilion)

    @admin.display(description=ProductVersion._meta.get_field("price").verbose_name)
    def price_text(self, version):
        return selectors.price_text(version)

    @admin.display(description=ProductVersion._meta.get_field("return_reasons").verbose_name)
    def reasons(self, version):
        return "、".join(str(label) for label in version.return_reason_labels) or "-"

    @admin.display(description=_("reviewed by"))
    def reviewer(self, version):
        return version.reviewed_by or "-"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        version = self.get_object(request, object_id)
        published = version.product.published if version else None
        compared = published is not None and published.pk != version.pk
        comparison = selectors.version_compare(version, published) if compared else None
        extra_context = {
            **(extra_context or {}),
            "published": published if compared else None,
            "comparison": comparison,
            "pictures": version.images.all() if version else [],
            "pictures_processing": version is not None
            and version.images.filter(state=ProductImage.State.PROCESSING).exists(),
            "holder": holder_of(version.product) if version else None,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        return [
            path(
                "<int:pk>/list/",
                staff_view(self, self.list_view, MODERATE_PRODUCT),
                name="catalog_version_list",
            ),
            path(
                "<int:pk>/return/",
                staff_view(self, self.return_view, MODERATE_PRODUCT),
                name="catalog_version_return",
            ),
            path(
                "<int:pk>/take/",
                staff_view(self, self.take_view, MODERATE_PRODUCT),
                name="catalog_version_take",
            ),
            *super().get_urls(),
        ]

    def step_subtitle(self, version) -> str:
        return version.name

    def take_view(self, request, pk):
        version = get_object_or_404(ProductVersion, pk=pk)
        return self.step(
            request,
            version,
            take=lambda form: services.version_take(
                version=version,
                by=request.user,
                from_colleague="from_colleague" in request.POST,
            ),
            done=_("You have taken this product to review."),
        )

    def list_view(self, request, pk):
        version = get_object_or_404(ProductVersion, pk=pk)
        return self.step(
            request,
            version,
            take=lambda form: services.version_list(version=version, by=request.user),
            done=_("Listed: the product is public."),
        )

    def return_view(self, request, pk):
        version = get_object_or_404(ProductVersion, pk=pk)
        return self.step(
            request,
            version,
            form=ReturnForm(request.POST or None),
            take=lambda form: services.version_return(
                version=version,
                by=request.user,
                reasons=form.cleaned_data["reasons"],
                note=form.cleaned_data["note"],
            ),
            done=_("Returned; the supplier has been told why."),
            template="return",
            title=_("Return the product"),
        )


class DelistingInline(ReadOnlyInline):
    model = ProductDelisting
    fk_name = "product"
    fields = (
        "delisted_at",
        "delisted_by",
        "reason_labels",
        "note",
        "disqualification",
        "relisted_at",
        "relisted_by",
        "relisted_version",
    )
    readonly_fields = fields
    verbose_name_plural = _("Delistings and relistings")

    @admin.display(description=_("reasons"))
    def reason_labels(self, delisting):
        return ", ".join(str(label) for label in delisting.reason_labels)


class VersionInline(ReadOnlyInline):
    model = ProductVersion
    show_change_link = True
    fields = ("name", "review", "submitted_at", "reviewed_at", "return_note")
    readonly_fields = fields
    verbose_name_plural = _("Versions")


@admin.register(Product)
class ProductAdmin(
    TaxIdSearchMixin, StepAdminMixin, WorkflowAdminMixin, ViewOnlyAdminMixin, admin.ModelAdmin
):
    step_templates = "admin/catalog/product"
    step_record_name = "product"
    """Every product with its whole history; listed ones can be delisted from here."""

    change_form_template = "admin/catalog/product/change_form.html"
    list_display = ("__str__", "supplier", "pavilion", "status", "listed_at")
    list_filter = ("status", "pavilion")
    search_fields = ("published__name", "supplier__name", "supplier__organisation__tax_id")
    list_select_related = ("supplier", "pavilion", "published")
    readonly_fields = ("supplier", "pavilion", "status", "published", "listed_at")
    fields = readonly_fields
    inlines = [DelistingInline, VersionInline]

    def get_urls(self):
        return [
            path(
                "<int:pk>/delist/",
                staff_view(self, self.delist_view, MODERATE_PRODUCT),
                name="catalog_product_delist",
            ),
            *super().get_urls(),
        ]

    def delist_view(self, request, pk):
        product = get_object_or_404(Product, pk=pk)
        if not Product.workflow.may(product, "delist", request.user):
            self.message_user(request, _("Only a listed product can be delisted."), messages.ERROR)
            return self.step_back(product)
        initial = {}
        if request.GET.get("report", "").isdigit():
            initial["note"] = _("Following report no. %(number)s.") % {
                "number": request.GET["report"]
            }
        return self.step(
            request,
            product,
            form=DelistForm(request.POST or None, initial=initial),
            take=lambda form: services.product_delist(
                product=product,
                by=request.user,
                reasons=form.cleaned_data["reasons"],
                note=form.cleaned_data["note"],
            ),
            done=_("Delisted: the product is off the public site and the supplier is told why."),
            template="delist",
            title=_("Delist the product"),
            back_when_refused=True,
        )


@admin.register(Inquiry)
class InquiryAdmin(TaxIdSearchMixin, ViewOnlyAdminMixin, admin.ModelAdmin):
    """That a buyer sent a supplier an inquiry, and when: enough to see a buyer flooding
    suppliers. Its subject and text stay between the two organisations; a supplier who finds
    one abusive reports it, and the report carries what the supplier chooses to show."""

    list_display = ("sent_at", "buyer", "supplier", "product")
    date_hierarchy = "sent_at"
    search_fields = ("buyer__tax_id", "buyer__name", "supplier__name")
    fields = ("sent_at", "buyer", "supplier", "product")
    readonly_fields = fields
    list_select_related = ("buyer", "supplier", "product")
