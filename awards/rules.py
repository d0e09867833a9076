"""What makes a purchase count for the award scheme (貳.一1): the supplier must have been
validly listed on the purchase date, and the date cannot lie in the future. The listing rule
itself is ``Supplier.was_listed_on``; this module turns it into the message a buyer reads."""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.tax_id import read_tax_id
from suppliers.models import Supplier


def _day(day: datetime.date) -> str:
    return date_format(day)


def purchase_date_problem(supplier: Supplier, day: datetime.date) -> str | None:
    """Why a purchase from ``supplier`` on ``day`` cannot count, or None when it can."""
    if day > timezone.localdate():
        return _("The purchase date cannot be in the future.")
    if supplier.was_listed_on(day):
        return None
    if day < supplier.approved_on:
        return _(
            "%(supplier)s was not listed on the portal on %(day)s (listed from %(listed_from)s): "
            "only purchases from listed suppliers count."
        ) % {
            "supplier": supplier.name,
            "day": _day(day),
            "listed_from": _day(supplier.approved_on),
        }
    disqualification = supplier.disqualification_on(day)
    if disqualification is not None:
        return _(
            "%(supplier)s was disqualified on %(day)s (from %(since)s): purchases from a "
            "disqualified supplier do not count."
        ) % {
            "supplier": supplier.name,
            "day": _day(day),
            "since": _day(disqualification.effective_on),
        }
    return _("%(supplier)s was not validly listed on the portal on %(day)s.") % {
        "supplier": supplier.name,
        "day": _day(day),
    }


def find_supplier(text: str) -> Supplier | None:
    """A supplier by its 統一編號, its exact name, or "name (統一編號)" as the form suggests."""
    text = " ".join(text.split())
    if text.endswith(")") and "(" in text:
        inside = text[text.rfind("(") + 1 : -1].strip()
        if read_tax_id(inside) is not None:
            text = inside
    suppliers = Supplier.objects.select_related("organisation")
    tax_id = read_tax_id(text)
    if tax_id is not None:
        return suppliers.filter(organisation__tax_id=tax_id).first()
    matches = list(suppliers.filter(name=text)[:2])
    return matches[0] if len(matches) == 1 else None
