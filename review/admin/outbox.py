"""The outbox as staff see it: mail waiting, sent, or held after a day of failed attempts."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from tops import mail
from tops.admin import ViewOnlyAdminMixin
from tops.models import OutgoingMail


@admin.register(OutgoingMail)
class OutgoingMailAdmin(ViewOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "recipients", "shown_subject", "status", "attempts", "sent_at")
    list_filter = ("status",)
    search_fields = ("to", "message_id")
    date_hierarchy = "created_at"
    fields = (
        "status",
        "recipients",
        "shown_subject",
        "shown_body",
        "created_at",
        "attempts",
        "next_attempt_at",
        "retry_until",
        "last_error",
        "sent_at",
        "message_id",
    )
    readonly_fields = fields
    actions = ["send_again"]

    @admin.display(description=_("to"))
    def recipients(self, outgoing):
        return ", ".join(outgoing.to)

    @admin.display(description=_("subject"))
    def shown_subject(self, outgoing):
        return _("(private correspondence)") if outgoing.private else outgoing.subject

    @admin.display(description=_("text"))
    def shown_body(self, outgoing):
        if outgoing.private:
            return _("Correspondence between a buyer and a supplier: its text is theirs alone.")
        return outgoing.body

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.has_perm("tops.change_outgoingmail"):
            actions.pop("send_again", None)
        return actions

    @admin.action(description=_("Send the selected held mail again"))
    def send_again(self, request, queryset):
        count = mail.send_again(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d held mail will be sent again.",
                "%(count)d held mails will be sent again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
