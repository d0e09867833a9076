from urllib.parse import quote

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.db.models import Q
from django.urls import reverse

from tops.mail import portal_url, queue_email

from .models import User


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """Render the mail now, in the reader's language, and leave the sending to a worker."""
        request = allauth_context.request
        ctx = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            # Links in the portal's own mail templates point at SITE_DOMAIN, as every mail's do.
            "portal_address": portal_url(""),
        }
        ctx.update(context)
        queue_email(self.render_mail(template_prefix, email, ctx))

    def get_reset_password_from_key_url(self, key: str) -> str:
        """The reset link at the portal's public address (SITE_DOMAIN), not at whatever host
        the request came through."""
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return portal_url(path.replace("UID-KEY", quote(key)))

    def _get_login_attempts_cache_key(self, request, **credentials):
        """Failed log-ins count against the account, whether its 統一編號 or its e-mail address
        was typed, so that switching between them does not reset the lock-out."""
        typed = credentials.get("email", credentials.get("username", "")).strip()
        account = (
            User.objects.filter(Q(username__iexact=typed) | Q(email__iexact=typed))
            .values_list("pk", flat=True)
            .first()
            if typed
            else None
        )
        return f"account:{account}" if account else f"typed:{typed.lower()}"

    def get_login_stages(self):
        """allauth's stages, with its e-mail verification replaced by one that mails no code at
        log-in (accounts/stages.py)."""
        return [
            "accounts.stages.ActivationStage"
            if stage == "allauth.account.stages.EmailVerificationStage"
            else stage
            for stage in super().get_login_stages()
        ]

    def get_login_redirect_url(self, request):
        if request.user.is_staff:
            return reverse("admin:index")
        return super().get_login_redirect_url(request)
