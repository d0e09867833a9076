"""One log of what staff did across the portal: every decision, take-over, delisting,
disqualification, registry refresh, due-date move and export, added and never changed."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tops.models import HistoryEntry


class ActivityKind(models.TextChoices):
    DECISION = "decision", _("Decision")
    TAKE_OVER = "take_over", _("Take-over")
    DELISTING = "delisting", _("Delisting")
    DISQUALIFICATION = "disqualification", _("Disqualification")
    REGISTRY_REFRESH = "registry_refresh", _("Registry refresh")
    DUE_DATE_MOVE = "due_date_move", _("Due-date move")
    EXPORT = "export", _("Export")


class Activity(HistoryEntry):
    """``by`` did ``action`` (one line, in the portal's words) on ``subject`` at ``at``.
    The subject is kept by type and id, with its name as it was, so that the log reads the
    same after the record changes."""

    Kind = ActivityKind

    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    action = models.CharField(_("what was done"), max_length=200)
    subject_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("type of record"),
    )
    subject_id = models.CharField(_("record id"), max_length=40, blank=True)
    subject_name = models.CharField(_("record"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activity log")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ActivityKind.values), name="activity_kind_valid"
            )
        ]

    def __str__(self):
        return f"{self.action}: {self.subject_name}"


class Hold(models.Model):
    """The staff member who holds a record under moderation (a product): only they take its
    steps; a colleague takes it over explicitly, which is logged and tells them."""

    subject_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("type of record")
    )
    subject_id = models.CharField(_("record id"), max_length=40)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("held by"),
    )
    taken_at = models.DateTimeField(_("taken at"), default=timezone.now)

    class Meta:
        verbose_name = _("hold")
        verbose_name_plural = _("holds")
        constraints = [
            models.UniqueConstraint(
                fields=["subject_type", "subject_id"], name="one_holder_per_record"
            )
        ]

    def __str__(self):
        return f"{self.subject_type}:{self.subject_id} ({self.holder})"
