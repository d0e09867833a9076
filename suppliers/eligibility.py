"""Who may be listed, and in which size group (參.二(一)1(2), 2).

中小企業認定標準: paid-in capital of at most NT$100,000,000, or fewer than 200
regular employees; either one suffices. A supplier founded less than 8 years
before the day that counts is in the startup group, any other in the SME group.
"""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

SME_MAX_PAID_IN_CAPITAL = 100_000_000
SME_EMPLOYEES_BELOW = 200
STARTUP_YEARS = 8


class SizeGroup(models.TextChoices):
    SME = "sme", _("SME group")
    STARTUP = "startup", _("Startup group")


def is_sme(*, paid_in_capital: int, regular_employees: int) -> bool:
    return paid_in_capital <= SME_MAX_PAID_IN_CAPITAL or regular_employees < SME_EMPLOYEES_BELOW


def anniversary(founded_on: datetime.date, years: int) -> datetime.date:
    """The day ``years`` full years after ``founded_on`` (from 29 February: 1 March)."""
    try:
        return founded_on.replace(year=founded_on.year + years)
    except ValueError:
        return datetime.date(founded_on.year + years, 3, 1)


def size_group(*, founded_on: datetime.date, on: datetime.date) -> SizeGroup:
    if on < anniversary(founded_on, STARTUP_YEARS):
        return SizeGroup.STARTUP
    return SizeGroup.SME
