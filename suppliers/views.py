from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.models import Organisation
from registry.services import STAFF_WILL_CHECK, company_lookup
from tops.private_files import private_file_download
from tops.workflow import StepRefused

from . import services
from .forms import STEP_FORMS, AmountField, DocumentUploadForm
from .models import Application, ApplicationDocument, DocumentKind, EventKind
from .steps import correction_label, next_step, resume_url, step_progress, step_url
from .terms import SUPPLIER_OBLIGATIONS
from .violations import VIOLATION_CHECKS


def _organisation(request) -> Organisation:
    return get_object_or_404(Organisation, account=request.user)


def _latest_application(organisation) -> Application | None:
    return organisation.applications.order_by("-created_at").first()


def _editable_application(request):
    application = _latest_application(_organisation(request))
    if application is None or not application.is_editable:
        return None
    return application


@login_required
def application_overview(request):
    organisation = _organisation(request)
    application = _latest_application(organisation)
    context = {"organisation": organisation, "application": application}
    if application is not None:
        progress = step_progress(application)
        corrections = services.open_corrections(application)
        context.update(
            steps=Application.workflow.steps_for(application, request.user),
            progress=progress,
            resume_url=resume_url(progress),
            corrections=corrections,
            correction_links=_correction_links(corrections),
            events=application.events.filter(visible_to_applicant=True).select_related("by"),
            decision=application.events.filter(
                kind=EventKind.STATUS_CHANGED, to_status__in=["approved", "rejected"]
            ).last(),
        )
    context["disqualification"] = (
        organisation.supplier.disqualifications.open().first()
        if hasattr(organisation, "supplier")
        else None
    )
    context["can_start"] = (
        application is None
        or application.status in (Application.Status.REJECTED, Application.Status.WITHDRAWN)
        or context["disqualification"] is not None
    )
    return render(request, "suppliers/application_overview.html", context)


def _correction_links(corrections):
    """Each item the reviewer listed, with where the applicant fixes it."""
    if corrections is None:
        return []
    links = []
    for item in corrections.items:
        kind, _sep, key = item["item"].partition(":")
        if kind == "step":
            url = step_url(key)
        else:
            url = f"{reverse('suppliers:application_documents')}#{key}"
        links.append({**item, "label": correction_label(item["item"]), "url": url})
    return links


@login_required
@require_POST
def application_start(request):
    organisation = _organisation(request)
    lookup = company_lookup(tax_id=organisation.tax_id)
    if lookup.unavailable:
        messages.info(request, STAFF_WILL_CHECK)
    try:
        services.application_start(
            organisation=organisation, by=request.user, company=lookup.company
        )
    except StepRefused as refused:
        messages.error(request, refused.message)
        return redirect("suppliers:application")
    return redirect("suppliers:application_step", step="company")


@login_required
def application_step(request, step):
    form_class = STEP_FORMS.get(step)
    if form_class is None:
        raise Http404
    application = _editable_application(request)
    if application is None:
        return redirect("suppliers:application")
    parts = services.editable_parts(application)
    if parts is not None and f"step:{step}" not in parts:
        messages.info(
            request, _("Only the parts the reviewer asked to correct can be changed now.")
        )
        return redirect("suppliers:application")
    form = form_class(request.POST or None, request.FILES or None, instance=application)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_update(
                application=application,
                by=request.user,
                step=step,
                fields=form.changed_fields(),
                declarations=form.declarations_made(),
            )
            if form.cleaned_data.get("logo"):
                services.document_upload(
                    application=application,
                    by=request.user,
                    kind=DocumentKind.LOGO,
                    upload=form.cleaned_data["logo"],
                )
        except StepRefused as refused:
            messages.error(request, refused.message)
            return redirect("suppliers:application")
        messages.success(request, _("Saved. You can come back and continue at any time."))
        if "stay" in request.POST:
            return redirect("suppliers:application_step", step=step)
        return redirect(next_step(step))
    context = {
        "application": Application.objects.get(pk=application.pk),
        "form": form,
        "step": step,
        "steps": step_progress(application),
        "violation_checks": VIOLATION_CHECKS,
        "obligations": SUPPLIER_OBLIGATIONS,
        "logo": application.documents.filter(kind=DocumentKind.LOGO, is_current=True).first(),
    }
    return render(request, f"suppliers/steps/{step}.html", context)


def _document_kinds(application):
    return [*application.required_documents, DocumentKind.PRODUCT_EVIDENCE]


@login_required
def application_documents(request):
    organisation = _organisation(request)
    application = _latest_application(organisation)
    if application is None:
        return redirect("suppliers:application")
    kinds = _document_kinds(application)
    bound_form = None
    if request.method == "POST":
        if not application.is_editable:
            messages.error(request, _("The application has been submitted and cannot be changed."))
            return redirect("suppliers:application_documents")
        kind = request.POST.get("kind")
        if kind not in kinds:
            raise Http404
        bound_form = DocumentUploadForm(request.POST, request.FILES, kind=kind)
        valid = bound_form.is_valid()
        uploaded = 0
        # The files that passed their check are kept even when others were refused.
        for upload in bound_form.checked:
            try:
                services.document_upload(
                    application=application, by=request.user, kind=kind, upload=upload
                )
            except StepRefused as refused:
                bound_form.add_error("file", refused.message)
                valid = False
            else:
                uploaded += 1
        if uploaded:
            messages.success(
                request,
                ngettext(
                    "%(document)s: %(count)s file uploaded.",
                    "%(document)s: %(count)s files uploaded.",
                    uploaded,
                )
                % {"document": DocumentKind(kind).label, "count": uploaded},
            )
        if valid:
            listed = f"{reverse('suppliers:application_documents')}#{kind}"
            if request.accepts("application/json") and not request.accepts("text/html"):
                return JsonResponse({"next": listed})  # uploaded by the page's script
            return redirect(listed)
    documents = list(application.documents.select_related("uploaded_by"))
    parts = services.editable_parts(application) if application.is_editable else set()
    sections = []
    for kind in kinds:
        form = bound_form if bound_form and bound_form.kind == kind else None
        sections.append(
            {
                "kind": kind,
                "label": DocumentKind(kind).label,
                "required": kind in application.required_documents,
                "current": [d for d in documents if d.kind == kind and d.is_current],
                "earlier": [d for d in documents if d.kind == kind and not d.is_current],
                "form": form or DocumentUploadForm(kind=kind),
                "can_change": parts is None or services.document_part(kind) in parts,
            }
        )
    context = {
        "application": application,
        "sections": sections,
        "steps": step_progress(application),
        "step": "documents",
        "retention_days": settings.LABOUR_INSURANCE_LIST_RETENTION_DAYS,
        "logo": next((d for d in documents if d.kind == DocumentKind.LOGO and d.is_current), None),
    }
    status = 200 if bound_form is None else 400
    return render(request, "suppliers/steps/documents.html", context, status=status)


@login_required
@require_POST
def document_remove(request, public_id):
    document = get_object_or_404(
        ApplicationDocument,
        public_id=public_id,
        application__organisation__account=request.user,
        is_current=True,
    )
    try:
        services.document_remove(document=document, by=request.user)
    except StepRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("%(name)s removed.") % {"name": document.original_name})
    return redirect("suppliers:application_documents")


def document_file(request, public_id):
    """A document's file, for its own organisation and for staff reviewers; 404 for anyone else."""
    documents = ApplicationDocument.objects.select_related("application__organisation")
    return private_file_download(request, documents, public_id)


@login_required
def authorization_letter(request):
    organisation = _organisation(request)
    return render(
        request,
        "suppliers/authorization_letter.html",
        {
            "organisation": organisation,
            "application": _latest_application(organisation),
            "today": timezone.localdate(),
        },
    )


@login_required
def application_submit(request):
    application = _latest_application(_organisation(request))
    if application is None or not application.is_editable:
        return redirect("suppliers:application")
    if request.method == "POST":
        try:
            services.application_submit(application=application, by=request.user)
        except StepRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("Your application has been submitted."))
            return redirect("suppliers:application")
    context = {
        "application": application,
        "missing": services.application_missing_items(application),
        "steps": step_progress(application),
        "step": "submit",
        "documents": application.documents.filter(is_current=True),
    }
    return render(request, "suppliers/steps/submit.html", context)


@login_required
def application_withdraw(request):
    application = _latest_application(_organisation(request))
    if application is None or not application.is_open:
        return redirect("suppliers:application")
    if request.method == "POST":
        try:
            services.application_withdraw(application=application, by=request.user)
        except StepRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("Your application has been withdrawn."))
        return redirect("suppliers:application")
    return render(request, "suppliers/application_withdraw.html", {"application": application})


def eligibility(request):
    """The SME test and size group for what the applicant has typed so far, as a page fragment."""
    amount = AmountField(required=False)
    try:
        capital = amount.clean(request.GET.get("paid_in_capital", ""))
        employees = int(request.GET.get("regular_employees", ""))
    except (ValueError, ValidationError):
        capital = employees = None
    preview = Application(
        paid_in_capital=capital,
        regular_employees=employees,
        founded_on=parse_date(request.GET.get("founded_on", "") or ""),
    )
    return render(request, "suppliers/includes/eligibility.html", {"application": preview})
