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

from . import extensions, lifecycle, profile_changes, upkeep
from .forms import ProfileChangeForm, WithdrawalForm
from .models import ProfileChange, Supplier, WithdrawalRequest


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
            "waiting_change": supplier.profile_changes.filter(
                status=ProfileChange.Status.PENDING
            ).first(),
        },
    )


@login_required
def profile_edit(request):
    """The supplier sends a change of its profile or registered data for review; the form
    shows the change still waiting, if any, to be corrected or withdrawn."""
    supplier = _supplier(request)
    waiting = supplier.profile_changes.filter(status=ProfileChange.Status.PENDING).first()
    if request.method == "POST" and "withdraw" in request.POST and waiting is not None:
        profile_changes.profile_change_withdraw(change=waiting, by=request.user)
        messages.success(request, _("Your change is withdrawn; the profile stays as it is."))
        return redirect("suppliers:dashboard")
    form = ProfileChangeForm(
        request.POST or None,
        request.FILES or None,
        instance=waiting,
        initial=None if waiting else profile_changes.current_values(supplier),
    )
    if request.method == "POST" and form.is_valid():
        try:
            profile_changes.profile_change_send(
                supplier=supplier,
                by=request.user,
                values=form.values(),
                logo=form.cleaned_data.get("logo_upload"),
            )
        except StepRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(
                request,
                _(
                    "Sent for review. The portal shows your current profile until a reviewer "
                    "accepts the change."
                ),
            )
            return redirect("suppliers:dashboard")
    return render(
        request,
        "suppliers/profile_form.html",
        {
            "form": form,
            "supplier": supplier,
            "waiting": waiting,
            "last_decided": supplier.profile_changes.exclude(
                status__in=[ProfileChange.Status.PENDING, ProfileChange.Status.WITHDRAWN]
            ).first(),
        },
    )


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
