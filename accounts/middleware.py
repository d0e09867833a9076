"""Staff set up two-step log-in before the admin opens to them."""

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _


class StaffTwoStepRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            request.path.startswith(reverse("admin:index"))
            and user.is_authenticated
            and user.is_staff
            and not is_mfa_enabled(user)
        ):
            messages.info(
                request,
                _(
                    "Staff log in in two steps. Set up an authenticator app (or a security "
                    "key) now; the administration opens once it is set up."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
