from allauth.core import ratelimit
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from catalog.models import Product
from suppliers.models import Supplier
from tops.private_files import private_file_download

from . import services
from .forms import ReportForm
from .models import Report, ReportEvidence


def report_create(request, supplier_pk, product_pk=None):
    """Anyone can report a listed supplier or product, with or without an account."""
    supplier = get_object_or_404(Supplier.objects.listed(), pk=supplier_pk)
    product = None
    if product_pk is not None:
        product = get_object_or_404(
            Product.objects.public().select_related("published"), pk=product_pk, supplier=supplier
        )
    form = ReportForm(request.POST or None, request.FILES or None)
    status = 200
    # Every attempt counts against a generous limit, so that a flood of bad posts is stopped
    # before its files are examined; only reports sent count against the tight one.
    limited = request.method == "POST" and not (
        ratelimit.consume(request, action="report_attempt")
        and ratelimit.consume(request, action="report", dry_run=True)
    )
    if limited:
        form = ReportForm(request.POST)  # the typed text kept; the files are not examined
        form.add_error(
            None,
            _(
                "Many reports have come from your connection in the last hour. Please try "
                "again later, or write to the service window."
            ),
        )
        status = 429
    elif request.method == "POST" and form.is_valid():
        ratelimit.consume(request, action="report")
        report = services.report_submit(
            supplier=supplier,
            product=product,
            reason=form.cleaned_data["reason"],
            description=form.cleaned_data["description"],
            contact_email=form.cleaned_data["contact_email"],
            language=translation.get_language(),
            evidence=form.cleaned_data["evidence"],
        )
        return redirect("reports:received", report.public_id)
    elif form.is_bound and form.looks_automated:
        status = 400
    return render(
        request,
        "reports/report_form.html",
        {"form": form, "supplier": supplier, "product": product},
        status=status,
    )


def report_received(request, public_id):
    report = get_object_or_404(Report, public_id=public_id)
    return render(request, "reports/received.html", {"report": report})


@login_required
def evidence_file(request, public_id):
    """A report's evidence, for reviewers only: 404 for anyone else."""
    return private_file_download(request, ReportEvidence.objects.all(), public_id)
