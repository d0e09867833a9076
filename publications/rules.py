"""The rules' versions: a supplier's user accepts the newest at its next log-in.

At log-in the portal notes in the session that the newest version waits for acceptance; the
middleware then sends every page request to the acceptance page until it is accepted (the
check costs nothing on later requests: it reads the session)."""

from django.shortcuts import redirect
from django.urls import reverse

from .models import RulesAcceptance, RulesVersion

SESSION_KEY = "rules_version_to_accept"


def current_version() -> RulesVersion | None:
    return RulesVersion.objects.order_by("-published_at").first()


def must_accept(user) -> RulesVersion | None:
    """The version ``user`` has yet to accept: only suppliers' users; staff are exempt."""
    if not user.is_authenticated or user.is_staff:
        return None
    from suppliers.models import Supplier

    if not Supplier.objects.filter(organisation__account=user).exists():
        return None
    version = current_version()
    if version is None or RulesAcceptance.objects.filter(user=user, version=version).exists():
        return None
    # The version accepted with the supplier application (suppliers/terms.py) counts.
    if Supplier.objects.filter(
        organisation__account=user, application__terms_version=version.version
    ).exists():
        return None
    return version


def ask_for_acceptance_at_log_in(sender, request, user, **kwargs):
    version = must_accept(user)
    if version is not None:
        request.session[SESSION_KEY] = version.pk


# Pages a user with rules to accept may still open: the acceptance page, logging out, the
# language switch, and the rules themselves.
OPEN_PREFIXES = ("/accounts/logout/", "/i18n/", "/static/", "/media/", "/pages/")


class RulesAcceptanceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if SESSION_KEY in request.session:
            accept = reverse("publications:rules_accept")
            if request.path != accept and not request.path.startswith(OPEN_PREFIXES):
                return redirect(f"{accept}?next={request.get_full_path()}")
        return self.get_response(request)
