"""The supplier's products: adding and editing them, and the products panel of its dashboard
(參.二(二))."""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from suppliers.models import Supplier
from tops.private_files import private_file_download
from tops.workflow import StepRefused

from . import images, services
from .forms import PictureHoldForm, ProductForm, picture_formset
from .models import Pavilion, PictureUpload, Product, ProductImage, ProductStatus, ProductVersion


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


def _checked_and_pictures_held(form, pictures) -> bool:
    """Whether the product form and its pictures are valid. Either way, every picture chosen
    in this request that passed its check is held for the form from now on."""
    valid = form.is_valid()
    valid = pictures.is_valid() and valid
    pictures.hold_chosen_files()
    return valid


@login_required
@require_POST
def picture_hold(request):
    """A picture uploaded as soon as it is chosen on the product form (by its script), held
    for the form: the answer says which, or why it was refused, in JSON."""
    _supplier(request)
    form = PictureHoldForm(request.POST, request.FILES)
    if not form.is_valid():
        return JsonResponse({"error": " ".join(form.errors["file"])}, status=400)
    held = images.picture_hold(by=request.user, upload=form.cleaned_data["file"])
    return JsonResponse(
        {
            "id": str(held.public_id),
            "name": held.original_name,
            "url": reverse("catalog:held_picture", args=[held.public_id]),
        },
        status=201,
    )


@login_required
def held_picture(request, public_id):
    """A picture held on the product form, for the supplier who chose it only."""
    return private_file_download(request, PictureUpload.objects.all(), public_id)


@login_required
def product_create(request):
    supplier = _supplier(request)
    form = ProductForm(request.POST or None)
    pictures = picture_formset(request.POST or None, request.FILES or None, holder=request.user)
    if request.method == "POST" and _checked_and_pictures_held(form, pictures):
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
    pictures = picture_formset(
        request.POST or None, request.FILES or None, images=images, holder=request.user
    )
    if request.method == "POST" and _checked_and_pictures_held(form, pictures):
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
