"""The buyer's pages of the award scheme: purchase records, import, edition summary, applying."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Organisation
from suppliers.models import Supplier
from tops.private_files import private_file_download
from tops.workflow import StepRefused

from . import selectors
from .exports import template_response
from .exposure import public_featured_buyers
from .forms import (
    AwardApplicationForm,
    ConsentForm,
    EvidenceForm,
    ImportForm,
    PurchaseRecordForm,
    WithdrawForm,
)
from .models import (
    AwardDecision,
    Edition,
    Invitation,
    PurchaseEvidence,
    PurchaseRecord,
    SustainabilityImpact,
)
from .services import editions as edition_services
from .services import imports
from .services import invitations as invitation_services
from .services import records as record_services


def _buyer(request) -> Organisation:
    return get_object_or_404(Organisation, account=request.user)


def _own_record(request, pk) -> PurchaseRecord:
    return get_object_or_404(
        PurchaseRecord.objects.select_related("supplier__organisation"),
        pk=pk,
        buyer=_buyer(request),
    )


def _suppliers():
    return Supplier.objects.select_related("organisation").order_by("name")


def _attempt(form, step):
    """Run a service; put a refusal next to its field (or above the form)."""
    try:
        return step()
    except StepRefused as refused:
        field = refused.field if refused.field in form.fields else None
        form.add_error(field, refused.message)
        return None


@login_required
def record_list(request):
    buyer = _buyer(request)
    records = (
        buyer.purchase_records.select_related("supplier")
        .annotate(evidence_count=Count("evidence"))
        .order_by("-uploaded_at", "-pk")
    )
    return render(request, "awards/record_list.html", {"buyer": buyer, "records": records})


@login_required
def record_create(request):
    buyer = _buyer(request)
    form = PurchaseRecordForm(request.POST or None, request.FILES or None, buyer=buyer)
    if request.method == "POST" and form.is_valid():
        record = _attempt(
            form,
            lambda: record_services.purchase_record_create(
                buyer=buyer,
                by=request.user,
                products=list(form.cleaned_data["products"]),
                evidence=form.evidence(),
                **form.record_fields(),
            ),
        )
        if record is not None:
            credit_invitation(request, buyer, supplier=record.supplier)
            messages.success(request, _("Your purchase record is saved; staff will verify it."))
            return redirect("awards:record_list")
    return render(request, "awards/record_form.html", {"form": form, "suppliers": _suppliers()})


def _initial(record) -> dict:
    return {
        "supplier": record.supplier,
        "purchased_on": record.purchased_on,
        "amount": record.amount,
        "description": record.description,
        "products": list(record.products.all()),
        "impacts": record.impacts,
        "impact_description": record.impact_description,
    }


def _record_page(request, record, *, form=None, evidence_form=None, withdraw_form=None):
    """The page of a record the buyer can still change, with its three forms."""
    if form is None:
        form = PurchaseRecordForm(buyer=record.buyer, record=record, initial=_initial(record))
    return render(
        request,
        "awards/record_form.html",
        {
            "form": form,
            "record": record,
            "suppliers": _suppliers(),
            "evidence_form": EvidenceForm() if evidence_form is None else evidence_form,
            "withdraw_form": WithdrawForm() if withdraw_form is None else withdraw_form,
        },
    )


@login_required
def record_edit(request, pk):
    record = _own_record(request, pk)
    if not record.is_changeable:
        return render(request, "awards/record_detail.html", {"record": record})
    form = PurchaseRecordForm(
        request.POST or None, buyer=record.buyer, record=record, initial=_initial(record)
    )
    if request.method == "POST" and form.is_valid():
        done = _attempt(
            form,
            lambda: record_services.purchase_record_correct(
                record=record,
                by=request.user,
                fields=form.record_fields(),
                products=list(form.cleaned_data["products"]),
            ),
        )
        if done is not None:
            messages.success(request, _("Your correction is saved."))
            return redirect("awards:record_edit", record.pk)
    return _record_page(request, record, form=form)


@login_required
@require_POST
def evidence_add(request, pk):
    record = _own_record(request, pk)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        done = _attempt(
            form,
            lambda: record_services.purchase_evidence_add(
                record=record,
                by=request.user,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
            ),
        )
        if done is not None:
            messages.success(request, _("The evidence is added."))
            return redirect("awards:record_edit", record.pk)
    return _record_page(request, record, evidence_form=form)


@login_required
@require_POST
def evidence_remove(request, public_id):
    evidence = get_object_or_404(
        PurchaseEvidence.objects.select_related("record"),
        public_id=public_id,
        record__buyer=_buyer(request),
    )
    try:
        record_services.purchase_evidence_remove(evidence=evidence, by=request.user)
    except StepRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The evidence is removed."))
    return redirect("awards:record_edit", evidence.record_id)


@login_required
@require_POST
def record_withdraw(request, pk):
    record = _own_record(request, pk)
    form = WithdrawForm(request.POST)
    if record.is_changeable and not form.is_valid():
        return _record_page(request, record, withdraw_form=form)
    try:
        record_services.purchase_record_withdraw(record=record, by=request.user)
    except StepRefused as refused:
        messages.error(request, refused.message)
        return redirect("awards:record_edit", record.pk)
    messages.success(request, _("The record is withdrawn; it no longer counts."))
    return redirect("awards:record_list")


@login_required
def evidence_file(request, public_id):
    """Evidence, for the buyer who recorded it and staff who verify; 404 for anyone else."""
    evidence = PurchaseEvidence.objects.select_related("record__buyer")
    return private_file_download(request, evidence, public_id)


@login_required
def record_import(request):
    buyer = _buyer(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = None
    if request.method == "POST" and form.is_valid():
        try:
            rows = imports.read_rows(form.cleaned_data["file"])
            created = imports.purchase_records_import(buyer=buyer, by=request.user, rows=rows)
        except imports.ImportRefused as refused:
            errors = refused.errors
        else:
            messages.success(
                request,
                _(
                    "%(count)s records imported. Add the evidence of each record so that staff "
                    "can verify it."
                )
                % {"count": len(created)},
            )
            return redirect("awards:record_list")
    return render(
        request,
        "awards/import.html",
        {
            "form": form,
            "errors": errors,
            "columns": [(name, imports.COLUMN_HELP[name]) for name in imports.COLUMNS],
            "impacts": SustainabilityImpact.choices,
        },
    )


@login_required
def import_template(request, file_format):
    _buyer(request)
    return template_response(file_format)


def _edition_from(request):
    pk = request.GET.get("edition")
    if pk and pk.isdigit():
        return get_object_or_404(Edition, pk=pk)
    return selectors.current_edition()


@login_required
def summary(request):
    buyer = _buyer(request)
    edition = _edition_from(request)
    context = {"buyer": buyer, "edition": edition, "editions": Edition.objects.all()}
    if edition is not None:
        context["summary"] = selectors.edition_summary(edition, buyer)
        context["consent_form"] = ConsentForm(
            initial={"consent": edition.consents.filter(buyer=buyer).exists()}
        )
        applications = list(
            buyer.award_applications.filter(edition=edition).select_related("category")
        )
        if edition.results_announced_at:
            decisions = selectors.decisions_by_application(applications)
            for application in applications:
                application.decision = decisions.get(application.pk)
        context["applications"] = applications
    return render(request, "awards/summary.html", context)


@login_required
@require_POST
def consent(request, pk):
    buyer = _buyer(request)
    edition = get_object_or_404(Edition, pk=pk)
    form = ConsentForm(request.POST)
    form.is_valid()
    given = bool(form.cleaned_data.get("consent"))
    edition_services.exposure_consent_set(
        edition=edition, buyer=buyer, by=request.user, consent=given
    )
    messages.success(
        request,
        _("Thank you: your organisation may be named as a featured buyer.")
        if given
        else _("Your organisation will not be named on the public site."),
    )
    return redirect(f"{_summary_url()}?edition={edition.pk}")


def _summary_url():
    return reverse("awards:summary")


@login_required
def apply(request, pk):
    buyer = _buyer(request)
    edition = get_object_or_404(Edition, pk=pk)
    if not edition.applications_open:
        messages.error(request, _("Applications for this edition are closed."))
        return redirect(f"{_summary_url()}?edition={edition.pk}")
    form = AwardApplicationForm(request.POST or None, edition=edition, buyer=buyer)
    if request.method == "POST" and form.is_valid():
        done = _attempt(
            form,
            lambda: edition_services.award_application_submit(
                edition=edition,
                category=form.cleaned_data["category"],
                buyer=buyer,
                by=request.user,
                records=form.cleaned_data["records"],
                statement=form.cleaned_data["statement"],
            ),
        )
        if done is not None:
            messages.success(request, _("Your award application is submitted."))
            return redirect(f"{_summary_url()}?edition={edition.pk}")
    return render(request, "awards/apply.html", {"form": form, "edition": edition})


def featured(request):
    """Public: the buyers featured in the final months of the current edition, if they
    consented."""
    edition = selectors.current_edition()
    months = public_featured_buyers(edition) if edition else []
    context = {
        "edition": edition,
        "months": months,
        "any_featured": any(result.featured for result in months),
        "announced": Edition.objects.filter(results_announced_at__isnull=False),
    }
    return render(request, "awards/featured.html", context)


def results(request, pk):
    """Public: an edition's winners, once announced; a winner is named only with its consent."""
    edition = get_object_or_404(Edition, pk=pk, results_announced_at__isnull=False)
    context = {"edition": edition, "categories": selectors.edition_results(edition)}
    return render(request, "awards/results.html", context)


def certificate(request, certificate_id):
    """A winner's certificate, to print: public when the buyer consented to be named, else
    for the buyer's own account and staff only (anyone else gets 404)."""
    decision = get_object_or_404(
        AwardDecision.objects.current().select_related(
            "application__buyer", "application__edition", "application__category"
        ),
        certificate_id=certificate_id,
        is_winner=True,
        application__edition__results_announced_at__isnull=False,
    )
    application = decision.application
    named = application.edition.consents.filter(buyer=application.buyer).exists()
    user = request.user
    own = user.is_authenticated and application.buyer.account_id == user.pk
    if not (named or own or user.has_perm("awards.view_awarddecision")):
        raise Http404
    return render(request, "awards/certificate.html", {"decision": decision})


INVITATION_SESSION_KEY = "award_invitation"


def invited(request, token):
    """Where an invitation's personal link leads: the award scheme explained, and sign-up or
    log-in. The invitation is remembered, so that the buyer who registers or records a
    purchase from the supplier is credited to it."""
    invitation = get_object_or_404(Invitation.objects.select_related("supplier"), token=token)
    request.session[INVITATION_SESSION_KEY] = str(invitation.token)
    return render(request, "awards/invited.html", {"invitation": invitation})


def credit_invitation(request, buyer: Organisation, supplier=None) -> None:
    """Credit the buyer to the invitation it came through in this session (for a purchase:
    only one from the inviting supplier)."""
    token = request.session.get(INVITATION_SESSION_KEY)
    if not token:
        return
    invitation = Invitation.objects.filter(token=token).first()
    if invitation is None or (supplier is not None and invitation.supplier_id != supplier.pk):
        return
    invitation_services.invitation_credit(token=token, buyer=buyer)
    request.session.pop(INVITATION_SESSION_KEY, None)
