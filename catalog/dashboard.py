"""The supplier's side: its profile and its products (參.二(二))."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from suppliers import lifecycle, upkeep
from suppliers.models import Supplier, WithdrawalRequest
from tops.workflow import StepRefused

from . import services
from .forms import ProductForm, SupplierProfileForm, WithdrawalForm, picture_formset
from .models import Pavilion, Product, ProductStatus, ProductVersion


def _supplier(request) -> Supplier:
    return get_object_or_404(Supplier.objects.listed(), organisation__account=request.user)


@login_required
def dashboard(request):
    supplier = _supplier(request)
    products = (
        supplier.products.select_related("pavilion", "published")
        .prefetch_related("versions", "delistings")
        .order_by("pavilion__order", "-pk")
    )
    used = dict(
        supplier.products.counting_towards_quota()
        .order_by()
        .values_list("pavilion")
        .annotate(count=Count("pk"))
        .values_list("pavilion", "count")
    )
    quota = {pavilion: used.get(pavilion.pk, 0) for pavilion in Pavilion.objects.all()}
    update_due_on = upkeep.update_due_on(supplier.information_confirmed_on)
    return render(
        request,
        "catalog/dashboard.html",
        {
            "supplier": supplier,
            "products": products,
            "quota": quota,
            "update_due_on": update_due_on,
            "update_days_left": (update_due_on - timezone.localdate()).days,
        },
    )


@login_required
def profile_edit(request):
    supplier = _supplier(request)
    form = SupplierProfileForm(request.POST or None, request.FILES or None, instance=supplier)
    if request.method == "POST" and form.is_valid():
        services.supplier_profile_update(
            supplier=supplier,
            by=request.user,
            fields={name: form.cleaned_data[name] for name in SupplierProfileForm.Meta.fields},
            logo=form.cleaned_data.get("logo_upload"),
        )
        messages.success(request, _("Your public profile has been saved."))
        return redirect("catalog:dashboard")
    return render(request, "catalog/profile_form.html", {"form": form, "supplier": supplier})


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
            return redirect("catalog:dashboard")
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
            return redirect("catalog:dashboard")
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


@login_required
@require_POST
def information_confirm(request):
    supplier = _supplier(request)
    upkeep.information_confirm(supplier=supplier, by=request.user)
    messages.success(request, _("Thank you: your information is confirmed for another year."))
    return redirect("catalog:dashboard")


@login_required
def withdrawal(request):
    """The supplier's written request to withdraw (參.二(五)1), and its cancellation."""
    supplier = _supplier(request)
    pending = supplier.withdrawal_requests.filter(status=WithdrawalRequest.Status.PENDING).first()
    form = WithdrawalForm(request.POST or None)
    if request.method == "POST" and pending is not None and "cancel" in request.POST:
        lifecycle.withdrawal_cancel(request=pending, by=request.user)
        messages.success(request, _("Your request to withdraw is cancelled; you stay listed."))
        return redirect("catalog:dashboard")
    if request.method == "POST" and pending is None and form.is_valid():
        try:
            lifecycle.withdrawal_request(
                supplier=supplier, by=request.user, reason=form.cleaned_data["reason"]
            )
        except StepRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(
                request, _("Your request is sent. A reviewer will confirm it and write to you.")
            )
            return redirect("catalog:withdrawal")
    return render(
        request,
        "catalog/withdrawal.html",
        {"supplier": supplier, "form": form, "pending": pending},
    )
