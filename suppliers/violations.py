"""The 7 violation checks of 參.二(一)1(5)A: any one found makes a supplier ineligible."""

import datetime
from dataclasses import dataclass
from urllib.parse import quote

from django.utils.translation import gettext_lazy as _

from tops.dates import years_from
from tops.money import ntd
from tops.workflow import StepRefused

# 參.二(一)1(5)A: items 3 to 7 count a violation "within 3 years" (於3年內), item 5 only one
# fined over NT$100,000 (曾被裁罰逾新台幣10萬元).
WITHIN_YEARS = 3
LABOUR_FINE_OVER = 100_000


@dataclass(frozen=True)
class ViolationCheck:
    number: int
    item: str
    source: str
    # Where the reviewer searches; "{tax_id}" or "{representative}" is filled in when the
    # source's search takes it in its address.
    url: str = ""
    within_years: int | None = None
    fine_over: int | None = None

    def search_url(self, *, tax_id: str = "", representative: str = "") -> str:
        return self.url.format(tax_id=quote(tax_id), representative=quote(representative))

    def finding_problems(
        self, *, checked_on: datetime.date, violation_on=None, fine_amount=None
    ) -> dict[str, str]:
        """Why a violation found does not meet this item's numbers, by field; empty when it
        does or when nothing was given."""
        problems = {}
        if self.within_years and violation_on is not None:
            if violation_on > checked_on:
                problems["violation_on"] = _("The violation cannot be after the check.")
            elif violation_on < years_from(checked_on, -self.within_years):
                problems["violation_on"] = _(
                    "This violation is more than %(years)s years before the check, so it does "
                    "not count: record the item as nothing found and say so in the note."
                ) % {"years": self.within_years}
        if (
            self.fine_over is not None
            and fine_amount is not None
            and (fine_amount <= self.fine_over)
        ):
            problems["fine_amount"] = _(
                "Only a fine over %(threshold)s counts: record the item as nothing found and "
                "say so in the note."
            ) % {"threshold": ntd(self.fine_over)}
        return problems


VIOLATION_CHECKS = (
    ViolationCheck(
        1,
        _("The responsible person has been finally convicted in a criminal case"),
        _("Judicial Yuan judgment search system"),
        url="https://judgment.judicial.gov.tw/FJUD/default.aspx",
    ),
    ViolationCheck(
        2,
        _("On the government-procurement debarment list"),
        _("Government e-Procurement System: list of debarred suppliers"),
        url="https://web.pcc.gov.tw/vms/rvlm/rvlmPublicSearch",
    ),
    ViolationCheck(
        3,
        _("Tax arrears within the last 3 years"),
        _("Taipei City Revenue Service: list of major tax defaulters"),
        url="https://tax.gov.taipei/",
        within_years=WITHIN_YEARS,
    ),
    ViolationCheck(
        4,
        _("A violation of environmental-protection law within the last 3 years"),
        _("Ministry of Environment: published penalties"),
        url="https://www.moenv.gov.tw/",
        within_years=WITHIN_YEARS,
    ),
    ViolationCheck(
        5,
        _("A labour-law violation fined over NT$100,000 within the last 3 years"),
        _("Ministry of Labor: search of employers violating labour laws"),
        url="https://announcement.mol.gov.tw/",
        within_years=WITHIN_YEARS,
        fine_over=LABOUR_FINE_OVER,
    ),
    ViolationCheck(
        6,
        _("A food-safety violation within the last 3 years"),
        _(
            "Food and Drug Administration: notices of failed product inspections; "
            "food inspection information platform"
        ),
        url="https://consumer.fda.gov.tw/",
        within_years=WITHIN_YEARS,
    ),
    ViolationCheck(
        7,
        _(
            "A violation of the People with Disabilities Rights Protection Act "
            "within the last 3 years"
        ),
        _("Social and Family Affairs Administration: published violations"),
        url="https://www.sfaa.gov.tw/",
        within_years=WITHIN_YEARS,
    ),
)


def require_finding_counts(item: int, **details) -> None:
    """A violation found must meet the item's numbers (3 years, NT$100,000) to count."""
    check = next(check for check in VIOLATION_CHECKS if check.number == item)
    problems = check.finding_problems(**details)
    if problems:
        raise StepRefused(" ".join(str(problem) for problem in problems.values()))
