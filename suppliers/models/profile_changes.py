"""A listed supplier's change to its public profile or registered data (參.二(二)5): sent for
review, the public keeps the approved profile until a reviewer accepts it with the old and
new values side by side."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tops.private_files import PrivateFile
from tops.storage import get_private_storage

from ..eligibility import is_sme
from ..permissions import REVIEW_APPLICATION
from .applications import District, Supplier

PUBLIC_FIELDS = ("name", "introduction", "website", "name_en", "summary_en")
REGISTERED_FIELDS = ("district", "street_address", "paid_in_capital", "regular_employees")


class ProfileChangeStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting review")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Not accepted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ProfileChange(models.Model):
    """The whole profile and registered data as the supplier wants them, not only what
    differs: the diff is made against what is current when a reviewer looks."""

    Status = ProfileChangeStatus

    supplier = models.ForeignKey(
        Supplier,
        on_delete=models.CASCADE,
        related_name="profile_changes",
        verbose_name=_("supplier"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ProfileChangeStatus.choices, default="pending"
    )
    name = models.CharField(_("name"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    website = models.URLField(_("website"), blank=True)
    name_en = models.CharField(
        _("name in English"),
        max_length=200,
        blank=True,
        help_text=_("Optional. Shown on the English pages; the Chinese name is shown otherwise."),
    )
    summary_en = models.CharField(
        _("summary in English"),
        max_length=300,
        blank=True,
        help_text=_("Optional. One or two sentences for the English pages."),
    )
    district = models.CharField(
        _("district (Taipei City)"), max_length=3, choices=District.choices, blank=True
    )
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    paid_in_capital = models.PositiveBigIntegerField(
        _("paid-in capital (NT$)"), null=True, blank=True
    )
    regular_employees = models.PositiveIntegerField(_("regular employees"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("reviewer's note"), blank=True)

    class Meta:
        verbose_name = _("profile change")
        verbose_name_plural = _("profile changes")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["supplier"],
                condition=Q(status="pending"),
                name="one_pending_profile_change_per_supplier",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ProfileChangeStatus.values),
                name="profile_change_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.supplier} · {self.submitted_at:%Y-%m-%d}"

    @property
    def qualifies_as_sme(self) -> bool | None:
        if self.paid_in_capital is None or self.regular_employees is None:
            return None
        return is_sme(
            paid_in_capital=self.paid_in_capital, regular_employees=self.regular_employees
        )


def _logo_upload_path(instance, filename):
    return f"profile-change-logos/{uuid.uuid4().hex}{filename[filename.rfind('.') :]}"


class ProfileChangeLogo(PrivateFile):
    """A new logo waiting with its change: private until the change is accepted."""

    change = models.OneToOneField(
        ProfileChange, on_delete=models.CASCADE, related_name="logo", verbose_name=_("change")
    )
    file = models.FileField(
        _("file"), storage=get_private_storage, upload_to=_logo_upload_path, max_length=200
    )

    class Meta:
        verbose_name = _("new logo")
        verbose_name_plural = _("new logos")

    def readable_by(self, user) -> bool:
        return self.change.supplier.organisation.account_id == user.pk or user.has_perm(
            REVIEW_APPLICATION
        )
