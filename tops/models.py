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

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise HistoryIsAppendOnly(f"{self._meta.label} entries are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise HistoryIsAppendOnly(f"{self._meta.label} entries are never deleted.")


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
