"""The listed supplier's own pages (參.二(二)): its dashboard, public profile, yearly
confirmation and written request to withdraw. The apps above add their panels to the
dashboard through ``suppliers.extensions``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tops.workflow import StepRefused

from . import extensions, lifecycle, upkeep
from .forms import SupplierProfileForm, WithdrawalForm
from .models import Supplier, WithdrawalRequest


def _supplier(request) -> Supplier:
    return get_object_or_404(Supplier.objects.listed(), organisation__account=request.user)


@login_required
def dashboard(request):
    supplier = _supplier(request)
    update_due_on = upkeep.update_due_on(supplier.information_confirmed_on)
    panels = [
        render_to_string(panel.template, panel.context(request, supplier), request=request)
        for panel in extensions.dashboard_panels
    ]
    return render(
        request,
        "suppliers/dashboard.html",
        {
            "supplier": supplier,
            "panels": panels,
            "update_due_on": update_due_on,
            "update_days_left": (update_due_on - timezone.localdate()).days,
        },
    )


@login_required
def profile_edit(request):
    supplier = _supplier(request)
    form = SupplierProfileForm(request.POST or None, request.FILES or None, instance=supplier)
    if request.method == "POST" and form.is_valid():
        upkeep.supplier_profile_update(
            supplier=supplier,
            by=request.user,
            fields={name: form.cleaned_data[name] for name in SupplierProfileForm.Meta.fields},
            logo=form.cleaned_data.get("logo_upload"),
        )
        messages.success(request, _("Your public profile has been saved."))
        return redirect("suppliers:dashboard")
    return render(request, "suppliers/profile_form.html", {"form": form, "supplier": supplier})


@login_required
@require_POST
def information_confirm(request):
    supplier = _supplier(request)
    upkeep.information_confirm(supplier=supplier, by=request.user)
    messages.success(request, _("Thank you: your information is confirmed for another year."))
    return redirect("suppliers:dashboard")


@login_required
def withdrawal(request):
    """The supplier's written request to withdraw (參.二(五)1), and its cancellation."""
    supplier = _supplier(request)
    pending = supplier.withdrawal_requests.filter(status=WithdrawalRequest.Status.PENDING).first()
    form = WithdrawalForm(request.POST or None)
    if request.method == "POST" and pending is not None and "cancel" in request.POST:
        lifecycle.withdrawal_cancel(request=pending, by=request.user)
        messages.success(request, _("Your request to withdraw is cancelled; you stay listed."))
        return redirect("suppliers:dashboard")
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
            return redirect("suppliers:withdrawal")
    return render(
        request,
        "suppliers/withdrawal.html",
        {"supplier": supplier, "form": form, "pending": pending},
    )
