from allauth.account.views import SignupView
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from . import services
from .forms import OrganisationForm
from .models import Organisation


@login_required
def organisation_detail(request):
    organisation = get_object_or_404(Organisation, account=request.user)
    return render(request, "accounts/organisation_detail.html", {"organisation": organisation})


@login_required
def organisation_edit(request):
    organisation = get_object_or_404(Organisation, account=request.user)
    under_review = organisation.applications.filter(
        status__in=["submitted", "needs_corrections"]
    ).exists()
    form = OrganisationForm(request.POST or None, instance=organisation, under_review=under_review)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your organisation's data has been saved."))
        return redirect("accounts:organisation")
    return render(request, "accounts/organisation_form.html", {"form": form})


@require_POST
def set_language(request):
    """Django's language switch, which also remembers the choice on the account for e-mails."""
    response = django_set_language(request)
    if request.user.is_authenticated and request.POST.get("language"):
        services.user_set_preferred_language(user=request.user, language=request.POST["language"])
    return response


class BuyerSignupView(SignupView):
    """allauth's sign-up, with the race between two sign-ups for one 統一編號 (or one e-mail)
    answered like the form's own check instead of an error page."""

    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except IntegrityError:
            form.add_error(*form.conflict_error())
            return self.form_invalid(form)


signup = BuyerSignupView.as_view()
