"""The log-in step of an account not yet activated: allauth's e-mail verification stage, except
that a log-in mails no code. The person is taken to the code page, which sends one only when
asked (accounts/views.py: ActivationCodeView), within the limit per account."""

import time

from allauth.account import app_settings
from allauth.account.adapter import get_adapter
from allauth.account.internal.flows.email_verification_by_code import (
    EMAIL_VERIFICATION_CODE_SESSION_KEY,
    EmailVerificationProcess,
)
from allauth.account.internal.userkit import user_id_to_str
from allauth.account.models import EmailAddress
from allauth.account.stages import EmailVerificationStage
from allauth.account.utils import has_verified_email


class ActivationStage(EmailVerificationStage):
    """Replaces allauth's EmailVerificationStage (same key, so its code page finds it). The
    sign-up still mails the first code (allauth's own path); a later log-in keeps the code this
    browser is waiting for, if it is still valid, or else opens the page with no code pending."""

    def handle(self):
        login = self.login
        if (
            login.signup
            or not login.user
            or not app_settings.EMAIL_VERIFICATION_BY_CODE_ENABLED
            or login.email_verification != app_settings.EmailVerificationMethod.MANDATORY
            or has_verified_email(login.user, login.email)
        ):
            return super().handle()
        email = login.email or EmailAddress.objects.get_primary_email(login.user)
        if not email:
            return super().handle()
        if not self._code_pending(login.user, email):
            state = EmailVerificationProcess.initial_state(login.user, email)
            EmailVerificationProcess(request=self.request, user=login.user, state=state).persist()
        return get_adapter().respond_email_verification_sent(self.request, login.user), True

    def _code_pending(self, user, email) -> bool:
        """Whether this browser already waits for a code mailed to this account's address, and
        the code is still valid (then the log-in keeps it)."""
        state = self.request.session.get(EMAIL_VERIFICATION_CODE_SESSION_KEY) or {}
        return bool(
            state.get("code")
            and state.get("user_id") == user_id_to_str(user)
            and state.get("email", "").lower() == email.lower()
            and time.time() - state.get("at", 0) <= app_settings.EMAIL_VERIFICATION_BY_CODE_TIMEOUT
        )
