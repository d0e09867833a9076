from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class HistoryEntry(models.Model):
    """One entry of an append-only history: who did it (nobody for a scheduled job), when,
    and a note. Subclasses add what the entry belongs to and what happened."""

    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        abstract = True
