"""An application beside the company registry's answer (參.二(一)1, 參.二(四)3): what the
registry fills in for the applicant, and what a reviewer should look at twice."""

import datetime
from dataclasses import dataclass

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from registry.models import CompanyRecord
from tops.money import ntd

from .eligibility import SME_MAX_PAID_IN_CAPITAL, size_group
from .models import Application, District


def _same(a: str, b: str) -> bool:
    """Names compared as people write them: spaces and 台/臺 do not make a difference."""

    def plain(text):
        return "".join(text.split()).replace("台", "臺")

    return plain(a) == plain(b)


def registry_district(address: str) -> str:
    """The Taipei district of a registry address (臺北市信義區…), or ""."""
    address = address.replace("台", "臺")
    if not address.startswith("臺北市"):
        return ""
    with translation.override("zh-hant"):
        for district in District:
            if address[3:].startswith(str(district.label)):
                return district.value
    return ""


def prefill_from_registry(application: Application, company: CompanyRecord) -> None:
    """Fill what the applicant has not typed yet from the registry; never what they typed."""
    if not application.founded_on and company.founded_on:
        application.founded_on = company.founded_on
    if application.paid_in_capital is None and company.paid_in_capital is not None:
        application.paid_in_capital = company.paid_in_capital
    if not application.district and not application.street_address:
        district = registry_district(company.address)
        if district:
            with translation.override("zh-hant"):
                prefix = "臺北市" + str(District(district).label)
            application.district = district
            application.street_address = company.address.replace("台", "臺")[len(prefix) :]


@dataclass(frozen=True)
class Comparison:
    label: str
    applicant: str
    registry: str
    mismatch: str = ""  # why a reviewer should look twice, or "" when it agrees


def _day(value: datetime.date | None) -> str:
    return date_format(value) if value else "—"


def registry_comparison(application: Application, company: CompanyRecord) -> list[Comparison]:
    """The applicant's values beside the registry's, each mismatch with its reason."""
    organisation = application.organisation
    rows = [
        Comparison(
            _("Organisation's full name"),
            organisation.name,
            company.name,
            "" if _same(organisation.name, company.name) else _("The names differ."),
        ),
        Comparison(
            _("Representative's name"),
            organisation.representative,
            company.representative,
            ""
            if _same(organisation.representative, company.representative)
            else _("The representatives differ."),
        ),
        Comparison(
            _("Address"),
            application.full_address or "—",
            company.address or "—",
            "" if company.in_taipei else _("The registered address is outside Taipei City."),
        ),
    ]
    capital = company.paid_in_capital if company.paid_in_capital is not None else company.capital
    capital_mismatch = ""
    if capital is not None and capital > SME_MAX_PAID_IN_CAPITAL:
        capital_mismatch = _("The registry's capital is over NT$100,000,000.")
    elif capital is not None and application.paid_in_capital not in (None, capital):
        capital_mismatch = _("The amounts differ.")
    rows.append(
        Comparison(
            _("Paid-in capital"),
            ntd(application.paid_in_capital) if application.paid_in_capital is not None else "—",
            ntd(capital) if capital is not None else "—",
            capital_mismatch,
        )
    )
    day = (application.received_at and timezone.localdate(application.received_at)) or (
        timezone.localdate()
    )
    founded_mismatch = ""
    if (
        application.founded_on
        and company.founded_on
        and size_group(founded_on=application.founded_on, on=day)
        != size_group(founded_on=company.founded_on, on=day)
    ):
        founded_mismatch = _("The registry's founding date puts it in the other size group.")
    rows.append(
        Comparison(
            _("Founding date"),
            _day(application.founded_on),
            _day(company.founded_on),
            founded_mismatch,
        )
    )
    rows.append(
        Comparison(
            _("Status"),
            "—",
            company.status or "—",
            "" if company.is_active else _("The company is not active in the registry."),
        )
    )
    return rows
