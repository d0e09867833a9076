"""Who may be listed, and in which size group (參.二(一)1(2), 2).

中小企業認定標準: paid-in capital of at most NT$100,000,000, or fewer than 200
regular employees; either one suffices. A supplier founded less than 8 years
before the day that counts is in the startup group, any other in the SME group.
"""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from tops.dates import years_from

SME_MAX_PAID_IN_CAPITAL = 100_000_000
SME_EMPLOYEES_BELOW = 200
STARTUP_YEARS = 8


class SizeGroup(models.TextChoices):
    SME = "sme", _("SME group")
    STARTUP = "startup", _("Startup group")


def is_sme(*, paid_in_capital: int, regular_employees: int) -> bool:
    return paid_in_capital <= SME_MAX_PAID_IN_CAPITAL or regular_employees < SME_EMPLOYEES_BELOW


def startup_founding_cutoff(on: datetime.date) -> datetime.date:
    """Organisations founded after this day are less than 8 years old on ``on``."""
    return years_from(on, -STARTUP_YEARS)


def size_group(*, founded_on: datetime.date, on: datetime.date) -> SizeGroup:
    if founded_on > startup_founding_cutoff(on):
        return SizeGroup.STARTUP
    return SizeGroup.SME
