from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from . import rules, services, tokens
from .forms import SubscribeForm
from .models import Announcement, Issue, Page, RulesVersion


def announcement_list(request):
    page = Paginator(Announcement.objects.published(), 20).get_page(request.GET.get("page"))
    return render(request, "publications/announcement_list.html", {"page": page})


def announcement_detail(request, pk):
    announcement = get_object_or_404(Announcement.objects.published(), pk=pk)
    return render(request, "publications/announcement_detail.html", {"announcement": announcement})


def page(request, slug):
    page = get_object_or_404(Page, slug=slug)
    context = {"page": page}
    if slug == Page.Slug.RULES:
        context["rules_version"] = rules.current_version()
    return render(request, "publications/page.html", context)


@login_required
def rules_accept(request):
    version = RulesVersion.objects.filter(pk=request.session.get(rules.SESSION_KEY)).first()
    next_url = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = "/"
    if version is None:
        request.session.pop(rules.SESSION_KEY, None)
        return redirect(next_url)
    if request.method == "POST":
        services.rules_accept(user=request.user, version=version)
        del request.session[rules.SESSION_KEY]
        messages.success(request, _("Thank you: you have accepted the rules."))
        return redirect(next_url)
    return render(
        request,
        "publications/rules_accept.html",
        {
            "version": version,
            "rules": Page.objects.filter(slug=Page.Slug.RULES).first(),
            "next": next_url,
        },
    )


def subscribe(request):
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        subscriber = services.subscriber_request(
            email=form.cleaned_data["email"], language=get_language()
        )
        return render(request, "publications/subscribe_sent.html", {"email": subscriber.email})
    return render(request, "publications/subscribe.html", {"form": form})


def confirm(request, token):
    email = tokens.read(token, tokens.CONFIRM_SALT, max_age=tokens.CONFIRM_MAX_AGE)
    subscriber = services.subscriber_confirm(email=email) if email else None
    return render(
        request,
        "publications/confirm.html",
        {"subscriber": subscriber},
        status=200 if subscriber else 400,
    )


@csrf_exempt
def unsubscribe(request, token):
    """RFC 8058: a POST (the mail program's one click, or the button here) unsubscribes at
    once; a GET only shows the button, since link checkers open every link in a mail."""
    email = tokens.read(token, tokens.UNSUBSCRIBE_SALT)
    if email is None:
        return render(request, "publications/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        services.address_unsubscribe(email=email)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(_("You have been unsubscribed."), content_type="text/plain")
        return render(request, "publications/unsubscribe.html", {"done": True, "email": email})
    return render(request, "publications/unsubscribe.html", {"email": email})


def issue_list(request):
    issues = Issue.objects.filter(status=Issue.Status.SENT).order_by("-sent_at")
    page = Paginator(issues, 20).get_page(request.GET.get("page"))
    return render(request, "publications/issue_list.html", {"page": page})


def issue_detail(request, pk):
    issue = get_object_or_404(Issue, pk=pk, status=Issue.Status.SENT)
    return render(request, "publications/issue_detail.html", {"issue": issue})
