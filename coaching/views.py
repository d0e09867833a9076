"""The supplier's coaching pages: apply, follow a case, withdraw it, rate it once closed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from suppliers.models import Supplier
from tops.workflow import StepRefused

from . import services
from .forms import CaseForm, RatingForm
from .models import CoachingCase, CoachingSettings


def _supplier(request) -> Supplier:
    """Only a listed supplier's account has coaching; anyone else gets 404."""
    return get_object_or_404(Supplier.objects.listed(), organisation__account=request.user)


def _case(request, pk) -> CoachingCase:
    return get_object_or_404(
        CoachingCase.objects.select_related("supplier", "coach"),
        pk=pk,
        supplier__organisation__account=request.user,
    )


def dashboard_panel(request, supplier):
    """The coaching panel of the supplier's dashboard."""
    return {"coaching_cases": supplier.coaching_cases.order_by("-submitted_at")[:5]}


@login_required
def case_list(request):
    supplier = _supplier(request)
    return render(
        request,
        "coaching/case_list.html",
        {
            "cases": supplier.coaching_cases.order_by("-submitted_at"),
            "cases_per_year": CoachingSettings.load().cases_per_year,
        },
    )


@login_required
def case_apply(request):
    supplier = _supplier(request)
    form = CaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_submit(supplier=supplier, by=request.user, **form.cleaned_data)
        except StepRefused as refused:
            form.add_error(refused.field, refused.message)
        else:
            messages.success(request, _("Your application for coaching is sent."))
            return redirect("coaching:case", case.pk)
    return render(
        request,
        "coaching/apply.html",
        {"form": form, "cases_per_year": CoachingSettings.load().cases_per_year},
        status=400 if form.errors else 200,
    )


def _detail(request, case, rating_form=None, status=200):
    return render(
        request,
        "coaching/case_detail.html",
        {
            "case": case,
            "sessions": case.sessions.all(),
            "steps": CoachingCase.workflow.steps_for(case, request.user),
            "rating_form": rating_form or RatingForm(),
        },
        status=status,
    )


@login_required
def case_detail(request, pk):
    return _detail(request, _case(request, pk))


@login_required
@require_POST
def case_withdraw(request, pk):
    case = _case(request, pk)
    try:
        services.case_withdraw(case=case, by=request.user)
    except StepRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Your coaching case is withdrawn."))
    return redirect("coaching:case", case.pk)


@login_required
@require_POST
def case_rate(request, pk):
    case = _case(request, pk)
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            services.case_rate(
                case=case,
                by=request.user,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
            )
        except StepRefused as refused:
            if refused.field not in form.fields:
                # Not about what was typed (rated already, or not closed): said on the page.
                messages.error(request, refused.message)
                return redirect("coaching:case", case.pk)
            form.add_error(refused.field, refused.message)
        else:
            messages.success(request, _("Thank you for rating the coaching."))
            return redirect("coaching:case", case.pk)
    return _detail(request, case, rating_form=form, status=400)
