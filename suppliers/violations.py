"""The 7 violation checks of 參.二(一)1(5)A: any one found makes a supplier ineligible."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ViolationCheck:
    number: int
    item: str
    source: str


VIOLATION_CHECKS = (
    ViolationCheck(
        1,
        _("The responsible person has been finally convicted in a criminal case"),
        _("Judicial Yuan judgment search system"),
    ),
    ViolationCheck(
        2,
        _("On the government-procurement debarment list"),
        _("Government e-Procurement System: list of debarred suppliers"),
    ),
    ViolationCheck(
        3,
        _("Tax arrears within the last 3 years"),
        _("Taipei City Revenue Service: list of major tax defaulters"),
    ),
    ViolationCheck(
        4,
        _("A violation of environmental-protection law within the last 3 years"),
        _("Ministry of Environment: published penalties"),
    ),
    ViolationCheck(
        5,
        _("A labour-law violation fined over NT$100,000 within the last 3 years"),
        _("Ministry of Labor: search of employers violating labour laws"),
    ),
    ViolationCheck(
        6,
        _("A food-safety violation within the last 3 years"),
        _(
            "Food and Drug Administration: notices of failed product inspections; "
            "food inspection information platform"
        ),
    ),
    ViolationCheck(
        7,
        _(
            "A violation of the People with Disabilities Rights Protection Act "
            "within the last 3 years"
        ),
        _("Social and Family Affairs Administration: published violations"),
    ),
)
