"""What the government's company registry (經濟部商工登記) last said about a 統一編號."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Company_Status "01" is 核准設立: registered and not dissolved, suspended or revoked.
ACTIVE_STATUS = "01"


class CompanyRecord(models.Model):
    """The registry's answer for one 統一編號, kept for a day (``COMPANY_REGISTRY_CACHE``)
    and shown to staff with the time it was read; a refresh replaces it."""

    tax_id = models.CharField(_("Unified Business Number"), max_length=8, unique=True)
    found = models.BooleanField(_("found in the registry"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    representative = models.CharField(_("representative"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    capital = models.PositiveBigIntegerField(_("capital (NT$)"), null=True, blank=True)
    paid_in_capital = models.PositiveBigIntegerField(
        _("paid-in capital (NT$)"), null=True, blank=True
    )
    founded_on = models.DateField(_("founding date"), null=True, blank=True)
    status_code = models.CharField(_("status code"), max_length=4, blank=True)
    status = models.CharField(_("status"), max_length=50, blank=True)
    fetched_at = models.DateTimeField(_("read from the registry at"))

    class Meta:
        verbose_name = _("company registry record")
        verbose_name_plural = _("company registry records")

    def __str__(self):
        return f"{self.tax_id} {self.name}".strip()

    @property
    def is_active(self) -> bool:
        return self.found and self.status_code == ACTIVE_STATUS

    @property
    def is_fresh(self) -> bool:
        age = datetime.timedelta(seconds=settings.COMPANY_REGISTRY_CACHE_SECONDS)
        return timezone.now() - self.fetched_at < age

    @property
    def in_taipei(self) -> bool:
        return self.address.replace("台", "臺").startswith("臺北市")
