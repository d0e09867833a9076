"""The supplier's products: adding and editing them, and the products panel of its dashboard
(參.二(二))."""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from suppliers.models import Supplier
from tops.workflow import StepRefused

from . import services
from .forms import ProductForm, picture_formset
from .models import Pavilion, Product, ProductImage, ProductStatus, ProductVersion


def _supplier(request) -> Supplier:
    return get_object_or_404(Supplier.objects.listed(), organisation__account=request.user)


def dashboard_panel(request, supplier: Supplier) -> dict:
    """The supplier dashboard's products: each with its state, and the pavilion quotas."""
    products = list(
        supplier.products.select_related("pavilion", "published")
        .prefetch_related("versions", "delistings")
        .order_by("pavilion__order", "-pk")
    )
    # The pictures of each product's latest version: processing, or failed and to upload again.
    latest = [product.versions.all()[0].pk for product in products if product.versions.all()]
    states = defaultdict(set)
    for version, state in ProductImage.objects.filter(version__in=latest).values_list(
        "version", "state"
    ):
        states[version].add(state)
    for product in products:
        versions = product.versions.all()
        found = states[versions[0].pk] if versions else set()
        product.pictures_failed = ProductImage.State.FAILED in found
        product.pictures_processing = ProductImage.State.PROCESSING in found
    used = dict(
        supplier.products.counting_towards_quota()
        .order_by()
        .values_list("pavilion")
        .annotate(count=Count("pk"))
        .values_list("pavilion", "count")
    )
    quota = {pavilion: used.get(pavilion.pk, 0) for pavilion in Pavilion.objects.all()}
    return {"supplier": supplier, "products": products, "quota": quota}


@login_required
def product_create(request):
    supplier = _supplier(request)
    form = ProductForm(request.POST or None)
    pictures = picture_formset(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid() and pictures.is_valid():
        try:
            services.product_create(
                supplier=supplier,
                by=request.user,
                pavilion=form.cleaned_data["pavilion"],
                content=form.content(),
                pictures=pictures.pictures(),
            )
        except StepRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(
                request, _("Submitted: the product appears on the portal once a reviewer lists it.")
            )
            return redirect("suppliers:dashboard")
    return render(
        request,
        "catalog/product_form.html",
        {"form": form, "pictures": pictures, "supplier": supplier},
    )


@login_required
def product_edit(request, pk):
    supplier = _supplier(request)
    product = get_object_or_404(Product, pk=pk, supplier=supplier)
    latest = product.latest_version
    images = list(latest.images.all())
    listed = product.status == ProductStatus.LISTED
    initial = {"pavilion": product.pavilion}
    form = ProductForm(
        request.POST or None,
        instance=ProductVersion(
            **{name: getattr(latest, name) for name in ProductForm.Meta.fields}
        ),
        initial=initial,
        pavilion_fixed=listed,
    )
    pictures = picture_formset(request.POST or None, request.FILES or None, images=images)
    if request.method == "POST" and form.is_valid() and pictures.is_valid():
        try:
            services.product_edit(
                product=product,
                by=request.user,
                content=form.content(),
                pictures=pictures.pictures(),
                pavilion=None if listed else form.cleaned_data["pavilion"],
            )
        except StepRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(
                request,
                _("Submitted for review. The portal shows the listed version until then.")
                if listed
                else _("Submitted for review."),
            )
            return redirect("suppliers:dashboard")
    return render(
        request,
        "catalog/product_form.html",
        {
            "form": form,
            "pictures": pictures,
            "supplier": supplier,
            "product": product,
            "latest": latest,
        },
    )
