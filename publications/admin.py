from django.contrib import admin, messages
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from tops.admin import staff_view

from . import services
from .markup import render as render_markup
from .models import Announcement, Issue, Page, RulesVersion, Subscriber, Unsubscribed


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    list_display = ["title_zh", "title_en", "published_at", "pinned"]
    list_filter = ["pinned"]
    search_fields = ["title_zh", "title_en"]
    date_hierarchy = "published_at"
    view_on_site = True


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    """The pages exist from the start (a data migration); organizers edit their text."""

    list_display = ["slug", "title_zh", "title_en", "updated_at"]
    readonly_fields = ["slug"]
    view_on_site = True

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RulesVersion)
class RulesVersionAdmin(admin.ModelAdmin):
    """Adding a version asks every supplier's user to accept it at its next log-in."""

    list_display = ["version", "published_at", "accepted_by"]
    fields = ["version", "summary", "published_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(accepted=Count("acceptances"))

    @admin.display(description=_("accepted by"), ordering="accepted")
    def accepted_by(self, obj):
        return obj.accepted

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "language", "confirmed_at", "unsubscribed_at"]
    search_fields = ["email"]
    readonly_fields = ["email", "language", "confirmed_at", "unsubscribed_at"]

    def has_add_permission(self, request):
        return False


@admin.register(Unsubscribed)
class UnsubscribedAdmin(admin.ModelAdmin):
    list_display = ["email", "at"]
    search_fields = ["email"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


SEND = "publications.change_issue"


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    list_display = ["title_zh", "status", "progress", "sent_at"]
    list_filter = ["status"]
    fields = [
        "title_zh",
        "title_en",
        "body_zh",
        "body_en",
        "to_buyers",
        "to_suppliers",
        "to_subscribers",
        "status",
        "progress",
        "sent_at",
        "sent_by",
    ]
    readonly_fields = ["status", "progress", "sent_at", "sent_by"]
    change_form_template = "admin/publications/issue/change_form.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                recipients=Count("deliveries"),
                delivered=Count("deliveries", filter=Q(deliveries__sent_at__isnull=False)),
            )
        )

    @admin.display(description=_("sent / recipients"))
    def progress(self, obj):
        if obj.pk is None or obj.status == Issue.Status.DRAFT:
            return "—"
        return f"{obj.delivered} / {obj.recipients}"

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != Issue.Status.DRAFT:
            return [field for field in self.fields]
        return self.readonly_fields

    def get_urls(self):
        return [
            path(
                "<int:pk>/preview/",
                staff_view(self, self.preview_view, "publications.view_issue"),
                name="publications_issue_preview",
            ),
            path(
                "<int:pk>/send/",
                staff_view(self, self.send_view, SEND),
                name="publications_issue_send",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request, pk):
        issue = get_object_or_404(Issue, pk=pk)
        versions = []
        for language, label in (("zh-hant", _("Chinese")), ("en", _("English"))):
            with override(language):
                versions.append(
                    {"label": label, "title": issue.title, "body": render_markup(issue.body)}
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Preview"),
            "subtitle": str(issue),
            "issue": issue,
            "versions": versions,
        }
        return render(request, "admin/publications/issue/preview.html", context)

    def send_view(self, request, pk):
        issue = get_object_or_404(Issue, pk=pk)
        change = reverse("admin:publications_issue_change", args=[pk])
        if request.method != "POST":
            return HttpResponseRedirect(change)
        if "test" in request.POST:
            if not request.user.email:
                self.message_user(request, _("Your account has no e-mail address."), messages.ERROR)
            else:
                services.issue_send_test(issue=issue, to=request.user)
                self.message_user(
                    request,
                    _("A test copy was sent to %(email)s.") % {"email": request.user.email},
                    messages.SUCCESS,
                )
            return HttpResponseRedirect(change)
        if issue.status != Issue.Status.DRAFT:
            self.message_user(request, _("This issue has already been sent."), messages.ERROR)
            return HttpResponseRedirect(change)
        count = services.issue_send(issue=issue, by=request.user)
        self.message_user(
            request,
            _("Sending to %(count)s recipients; the progress shows here.") % {"count": count},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(change)

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.status == Issue.Status.SENT else None
