from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FiguresSnapshot(models.Model):
    """The public statistics as the nightly task computed them on ``taken_on``: the public page
    shows the latest, with its date, and never counts on a visitor's request."""

    taken_on = models.DateField(_("figures of"), unique=True)
    taken_at = models.DateTimeField(_("computed at"), default=timezone.now)
    figures = models.JSONField(_("figures"))

    class Meta:
        verbose_name = _("figures and charts")
        verbose_name_plural = _("figures and charts")
        ordering = ["-taken_on"]
        permissions = [
            ("see_all_figures", "Can see the organizer's dashboard"),
            ("see_review_figures", "Can see the review figures"),
        ]

    def __str__(self):
        return str(self.taken_on)
