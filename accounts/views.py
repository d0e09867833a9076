import time

from allauth.account.views import ConfirmEmailVerificationCodeView, SignupView
from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic.edit import FormView
from django.views.i18n import set_language as django_set_language

from registry.services import STAFF_WILL_CHECK, company_lookup

from . import services
from .forms import SIGNUP_FIELDS_KEPT, OrganisationForm
from .models import Organisation
from .tax_id import is_valid_tax_id, read_tax_id


@login_required
def organisation_detail(request):
    organisation = get_object_or_404(Organisation, account=request.user)
    context = {
        "organisation": organisation,
        # The latest supplier application, whatever its state, and whether the organisation
        # is listed now (an approved application may have been followed by a disqualification).
        "application": organisation.applications.order_by("-created_at").first(),
        "listed": getattr(getattr(organisation, "supplier", None), "is_listed", False),
    }
    return render(request, "accounts/organisation_detail.html", context)


@login_required
def organisation_edit(request):
    organisation = get_object_or_404(Organisation, account=request.user)
    under_review = organisation.applications.under_review().exists()
    form = OrganisationForm(request.POST or None, instance=organisation, under_review=under_review)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your organisation's data has been saved."))
        return redirect("accounts:organisation")
    return render(request, "accounts/organisation_form.html", {"form": form})


@csrf_exempt
@require_POST
def set_language(request):
    """Django's language switch, which also remembers the choice on the account for e-mails.

    A visitor's switch carries no CSRF token, so that public pages can be shared from the cache
    without anyone's token in them (it only sets the language cookie); a signed-in user's switch,
    which changes the account, is checked as usual."""
    if request.user.is_authenticated:
        refused = CsrfViewMiddleware(lambda request: None).process_view(request, None, (), {})
        if refused is not None:
            return refused
    response = django_set_language(request)
    if request.user.is_authenticated and request.POST.get("language"):
        services.user_set_preferred_language(user=request.user, language=request.POST["language"])
    return response


def _list(items) -> str:
    return ("、" if get_language().startswith("zh") else ", ").join(items)


class BuyerSignupView(SignupView):
    """allauth's sign-up, with the race between two sign-ups for one 統一編號 (or one e-mail)
    answered like the form's own check instead of an error page, and a button that fills in
    the organisation's name and representative from the company registry."""

    def post(self, request, *args, **kwargs):
        if "registry_lookup" in request.POST:
            return self.registry_prefill(request)
        return super().post(request, *args, **kwargs)

    def registry_prefill(self, request):
        tax_id = read_tax_id(request.POST.get("username", ""))
        company = None
        if tax_id is None or not is_valid_tax_id(tax_id):
            messages.error(request, _("Type your 8-digit Unified Business Number first."))
        elif not ratelimit.consume(request, action="registry_lookup"):
            messages.error(
                request,
                _("Many lookups have come from your connection. Please type your data."),
            )
        else:
            lookup = company_lookup(tax_id=tax_id)
            company = lookup.company
            if lookup.unavailable:
                messages.info(request, STAFF_WILL_CHECK)
            elif company is None:
                messages.warning(
                    request,
                    _(
                        "The company registry has no company with this number. A government "
                        "agency, school or association is not in it: please type your data."
                    ),
                )
        form_class = self.get_form_class()
        if company is None:
            initial = {name: request.POST.get(name, "") for name in SIGNUP_FIELDS_KEPT}
        else:
            initial, filled = form_class.initial_from_registry(request.POST, company)
            if filled:
                messages.success(
                    request,
                    _(
                        "Filled in from the company registry: %(fields)s. Check them and "
                        "change anything that is not right."
                    )
                    % {"fields": _list(str(form_class.base_fields[n].label) for n in filled)},
                )
        kwargs = self.get_form_kwargs()
        kwargs.pop("data", None)
        kwargs.pop("files", None)
        form = form_class(**{**kwargs, "initial": initial})
        return self.render_to_response(self.get_context_data(form=form))

    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except IntegrityError:
            form.add_error(*form.conflict_error())
            return self.form_invalid(form)


signup = BuyerSignupView.as_view()


class ActivationCodeView(ConfirmEmailVerificationCodeView):
    """allauth's page for an e-mailed code (activating an account, or confirming a changed
    address). A log-in mails no code (accounts/stages.py): a new one is mailed when the person
    asks for it, at most as often as ``ACCOUNT_RATE_LIMITS["activation_code"]`` allows for one
    account (counted in the shared cache, whichever identifier was typed at log-in); a code
    for a changed address counts too. The request is always on offer, so that nobody whose
    code was lost is left without a way forward; past the limit it is refused with a message
    beside it."""

    @cached_property
    def _action(self):
        action = self.request.POST.get("action")
        if action == "change" and self._process.can_change:
            return "change"
        # allauth would take a request for a new code beyond its count per page for a wrong
        # code; the limit that holds is the account's, checked below.
        if action == "resend":
            return "resend"
        return "verify"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_resend"] = True
        context["code_sent"] = bool(self._process.code)
        return context

    def _resend_form_valid(self, form):
        refusal = self._new_code_refusal(self._process.email)
        if refusal:
            context = self.get_context_data(form=self._get_verify_form_class()())
            context["resend_error"] = refusal
            return self.render_to_response(context, status=429)
        self._start_afresh()
        return super()._resend_form_valid(form)

    def _change_form_valid(self, form):
        refusal = self._new_code_refusal(form.cleaned_data["email"])
        if refusal:
            form.add_error(None, refusal)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        self._start_afresh()
        return super()._change_form_valid(form)

    def _change_form_invalid(self, form):
        # allauth's view calls this without defining it: an invalid address gave a 500.
        return FormView.form_invalid(self, form)

    def _new_code_refusal(self, email: str) -> str | None:
        """Why a new code cannot be mailed to ``email`` now, or None (and it is counted)."""
        # allauth's own limit per address (every code and every "you already have an account"
        # mail, whoever asks) would answer with an error page: say so here instead.
        if not ratelimit.consume(
            self.request, action="confirm_email", key=email.lower(), dry_run=True
        ):
            return _(
                "Many codes have been e-mailed to this address in the last hour. Please use "
                "the latest one, or try again later."
            )
        user = self._process.user
        key = f"account:{user.pk}" if user else f"address:{email.lower()}"
        if not ratelimit.consume(self.request, action="activation_code", key=key):
            return _(
                "You have asked for as many new codes as an account may in an hour. Please "
                "use the latest code we e-mailed, or ask again later."
            )
        return None

    def _start_afresh(self):
        """A new code has its full time and all its tries (allauth would keep the first
        code's clock)."""
        self._process.state.update(at=time.time(), failed_attempts=0)


activation_code = ActivationCodeView.as_view()
