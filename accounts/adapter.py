from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.urls import reverse

from tops.mail import queue_email


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """Render the mail now, in the reader's language, and leave the sending to a worker."""
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
        queue_email(self.render_mail(template_prefix, email, ctx))

    def get_login_redirect_url(self, request):
        if request.user.is_staff:
            return reverse("admin:index")
        return super().get_login_redirect_url(request)
