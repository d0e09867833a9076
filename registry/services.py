"""Looking a 統一編號 up in the company registry, through the day's cache of answers."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import client
from .models import CompanyRecord

# What the applicant reads when the registry cannot be asked: the portal goes on without it.
STAFF_WILL_CHECK = _(
    "The company registry cannot be reached just now, so your company's details could not "
    "be filled in for you. Please type them; staff will check them against the registry."
)


@dataclass(frozen=True)
class Lookup:
    """``record`` is the registry's latest answer we hold (None: none yet); ``unavailable``
    says the registry could not be asked now, so that staff will check by hand."""

    record: CompanyRecord | None
    unavailable: bool = False

    @property
    def company(self) -> CompanyRecord | None:
        """The company found, when the registry has one."""
        return self.record if self.record is not None and self.record.found else None


def company_lookup(*, tax_id: str, refresh: bool = False) -> Lookup:
    """The registry's answer for ``tax_id``: the one kept when it is less than a day old
    (unless ``refresh``), else a new one. When the registry cannot answer, the last answer
    kept (however old) with ``unavailable`` set."""
    record = CompanyRecord.objects.filter(tax_id=tax_id).first()
    if record is not None and record.is_fresh and not refresh:
        return Lookup(record)
    try:
        company = client.fetch_company(tax_id)
    except client.RegistryUnavailable:
        return Lookup(record, unavailable=True)
    values = {"found": company is not None, "fetched_at": timezone.now()}
    if company is not None:
        values |= {
            "name": company.name,
            "representative": company.representative,
            "address": company.address,
            "capital": company.capital,
            "paid_in_capital": company.paid_in_capital,
            "founded_on": company.founded_on,
            "status_code": company.status_code,
            "status": company.status,
        }
    else:
        values |= dict.fromkeys(("name", "representative", "address", "status_code", "status"), "")
        values |= dict.fromkeys(("capital", "paid_in_capital", "founded_on"))
    record, _ = CompanyRecord.objects.update_or_create(tax_id=tax_id, defaults=values)
    return Lookup(record)
