"""The organisation's own page about its personal data: a copy of everything, correction and
deletion requests, and closing the account."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tops.private_files import private_file_response
from tops.workflow import StepRefused

from . import data_requests, personal_data
from .forms import AccountCloseForm, DataRequestForm
from .models import Organisation


def _organisation(request):
    return get_object_or_404(Organisation.objects.select_related("account"), account=request.user)


@login_required
def personal_data_page(request):
    organisation = _organisation(request)
    form = DataRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            data_requests.data_request_open(
                organisation=organisation, by=request.user, **form.cleaned_data
            )
        except StepRefused as refused:
            form.add_error(refused.field, refused.message)
        else:
            messages.success(
                request,
                _("Your request has been received; the city's staff answer it by the date shown."),
            )
            return redirect("accounts:personal_data")
    return render(
        request,
        "accounts/personal_data.html",
        {
            "organisation": organisation,
            "form": form,
            "requests": organisation.data_requests.order_by("-received_at"),
        },
    )


@login_required
@require_POST
def data_copy_request(request):
    try:
        data_requests.data_copy_request(organisation=_organisation(request), by=request.user)
    except StepRefused as refused:
        messages.info(request, refused.message)
    else:
        messages.success(
            request,
            _("We are preparing your copy; a link to download it will arrive by e-mail shortly."),
        )
    return redirect("accounts:personal_data")


@login_required
def data_copy_download(request, token):
    copy = data_requests.data_copy_for(token, request.user)
    if copy is None:
        return render(request, "accounts/data_copy_expired.html", status=410)
    return private_file_response(
        copy.export,
        content_type="application/zip",
        filename=f"tops-{copy.organisation.tax_id}-{copy.closed_at:%Y%m%d}.zip",
    )


@login_required
def account_close(request):
    organisation = _organisation(request)
    form = AccountCloseForm(request.POST or None, account=request.user)
    blockers = personal_data.closure_blockers(organisation)
    if request.method == "POST" and not blockers and form.is_valid():
        try:
            data_requests.account_close(organisation=organisation, by=request.user)
        except StepRefused as refused:
            blockers = [refused.message]
        else:
            logout(request)
            messages.success(
                request, _("The account is closed; a last e-mail says what was kept and why.")
            )
            return redirect("home")
    return render(
        request,
        "accounts/account_close.html",
        {
            "form": form,
            "blockers": blockers,
            "kept": [str(holding.kept) for holding in personal_data.holdings if holding.kept],
        },
    )
