from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .applications import Application


class Notice(models.Model):
    """Every notice the portal sent, word for word: proof of what was told to whom and when."""

    recipient = models.EmailField(_("sent to"))
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    language = models.CharField(_("language"), max_length=10)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)
    application = models.ForeignKey(
        Application,
        on_delete=models.PROTECT,
        related_name="notices",
        null=True,
        blank=True,
        verbose_name=_("application"),
    )

    class Meta:
        verbose_name = _("notice sent")
        verbose_name_plural = _("notices sent")
        ordering = ["-sent_at"]

    def __str__(self):
        return f"{timezone.localtime(self.sent_at):%Y-%m-%d %H:%M} {self.recipient}: {self.subject}"
