from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class HistoryIsAppendOnly(Exception):
    """A history entry, once written, is evidence: it is never changed or removed."""


class HistoryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise HistoryIsAppendOnly(f"{self.model._meta.label} entries are never changed.")

    def delete(self):
        raise HistoryIsAppendOnly(f"{self.model._meta.label} entries are never deleted.")


class HistoryEntry(models.Model):
    """One entry of an append-only history: who did it (nobody for a scheduled job), when,
    and a note. Subclasses add what the entry belongs to and what happened. Entries are
    added, never changed or deleted: not one by one, not in bulk (the admin shows them read
    only, through ``tops.admin.ReadOnlyInline``). Only the removal of what they belong to
    takes them along."""

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

    objects = HistoryQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return self.when

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise HistoryIsAppendOnly(f"{self._meta.label} entries are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise HistoryIsAppendOnly(f"{self._meta.label} entries are never deleted.")

    @property
    def when(self) -> str:
        """When it happened, to the minute, in the portal's time zone (Asia/Taipei): for the
        entry's name, which the admin shows above each row of a history."""
        return f"{timezone.localtime(self.at):%Y-%m-%d %H:%M}"


class ClosedDayQuerySet(models.QuerySet):
    def as_set(self):
        return set(self.values_list("day", flat=True))


class ClosedDay(models.Model):
    """A day the offices are closed although the calendar says otherwise (a typhoon day)."""

    day = models.DateField(_("day"), unique=True)
    reason = models.CharField(_("reason"), max_length=200)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("declared by"),
        null=True,
        blank=True,
    )
    declared_at = models.DateTimeField(_("declared at"), default=timezone.now)

    objects = ClosedDayQuerySet.as_manager()

    class Meta:
        verbose_name = _("closed day")
        verbose_name_plural = _("closed days")
        ordering = ["-day"]

    def __str__(self):
        return f"{self.day:%Y-%m-%d} {self.reason}"


class OutgoingMailQuerySet(models.QuerySet):
    def due(self, now):
        return self.filter(status=OutgoingMail.Status.QUEUED, next_attempt_at__lte=now)

    def held(self):
        return self.filter(status=OutgoingMail.Status.HELD)


class OutgoingMail(models.Model):
    """The outbox: every e-mail is written here in the transaction of the change that causes
    it, then sent by a worker. A mail that cannot be sent is tried again with back-off for a
    day, then held for staff to look at. Its Message-ID is fixed when it is written, so a
    second delivery attempt is the same message, never a new one."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        HELD = "held", _("Not sent: needs staff")

    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    html = models.TextField(_("HTML text"), blank=True)
    from_email = models.CharField(_("from"), max_length=255)
    to = models.JSONField(_("to"))
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    # Correspondence between a buyer and a supplier: staff see that it was sent, not what it says.
    private = models.BooleanField(_("private correspondence"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    created_at = models.DateTimeField(_("written at"), default=timezone.now)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    retry_until = models.DateTimeField(_("tried until"))
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = OutgoingMailQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mail")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="sent", sent_at__isnull=False) | ~models.Q(status="sent"),
                name="outbox_sent_has_time",
            )
        ]

    def __str__(self):
        subject = _("(private correspondence)") if self.private else self.subject
        return f"{', '.join(self.to)}: {subject}"


class DailyRun(models.Model):
    """A scheduled job's day done: a job that runs twice on one day (two beat processes, a
    retry) finds its row and does nothing the second time."""

    job = models.CharField(max_length=100)
    day = models.DateField()
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "day"], name="daily_run_once")]

    def __str__(self):
        return f"{self.job} {self.day}"
