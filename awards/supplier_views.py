"""The supplier's side: purchases recorded against it, to confirm or flag as wrong, and its
invitations to customers to join the award scheme."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, F, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from suppliers.models import Supplier
from tops.workflow import StepRefused

from .forms import InvitationForm, SupplierAnswerForm
from .models import PurchaseRecord, RecordStatus, SupplierAnswer
from .services.invitations import invitation_link, invitation_send
from .services.records import purchase_record_answer


def _supplier(request) -> Supplier:
    return get_object_or_404(Supplier, organisation__account=request.user)


def _page(request, supplier, *, refused_record=None, error="", note=""):
    """The list; a refused answer is shown next to its record's note, with what was typed."""
    records = list(
        supplier.purchase_records.exclude(status=RecordStatus.WITHDRAWN)
        .select_related("buyer")
        .order_by("-uploaded_at", "-pk")
    )
    for record in records:
        if record.pk == getattr(refused_record, "pk", None):
            record.answer_error, record.typed_note = error, note
    return render(
        request,
        "awards/supplier_records.html",
        {"supplier": supplier, "records": records},
    )


@login_required
def recorded_against_me(request):
    return _page(request, _supplier(request))


@login_required
@require_POST
def answer(request, pk):
    supplier = _supplier(request)
    record = get_object_or_404(PurchaseRecord, pk=pk, supplier=supplier)
    form = SupplierAnswerForm(request.POST)
    form.is_valid()
    choice = (
        SupplierAnswer.FLAGGED
        if request.POST.get("answer") == "flagged"
        else SupplierAnswer.CONFIRMED
    )
    try:
        purchase_record_answer(
            record=record,
            by=request.user,
            supplier=supplier,
            answer=choice,
            note=form.cleaned_data.get("note", ""),
        )
    except StepRefused as refused:
        if refused.field != "note":
            messages.error(request, refused.message)
            return redirect("awards:supplier_records")
        return _page(
            request,
            supplier,
            refused_record=record,
            error=refused.message,
            note=request.POST.get("note", ""),
        )
    else:
        messages.success(
            request,
            _("Thank you: you confirmed this purchase.")
            if choice == SupplierAnswer.CONFIRMED
            else _("Thank you: staff will see what you flagged."),
        )
    return redirect("awards:supplier_records")


@login_required
def invitations(request):
    """The supplier invites its customers to the award scheme and sees whom it reached."""
    supplier = _supplier(request)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = invitation_send(supplier=supplier, by=request.user, **form.cleaned_data)
        except StepRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(
                request,
                _("Invitation mailed to %(email)s.") % {"email": invitation.email}
                if invitation.email
                else _("Invitation made: copy its personal link below and pass it on."),
            )
            return redirect("awards:invitations")
    sent = list(
        supplier.award_invitations.select_related("buyer").annotate(
            purchases=Count(
                "buyer__purchase_records",
                filter=Q(buyer__purchase_records__supplier=supplier)
                & Q(buyer__purchase_records__created_at__gte=F("credited_at")),
            )
        )
    )
    for invitation in sent:
        invitation.link = invitation_link(invitation)
    return render(
        request,
        "awards/invitations.html",
        {"supplier": supplier, "form": form, "invitations": sent},
    )
