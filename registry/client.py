"""The client of the government's company registry open data (商工行政資料開放平臺).

Dataset 5F64D864-61CB-4D0D-8AD9-492047CC1EA6 (公司登記基本資料) answers
``$filter=Business_Accounting_NO eq <統一編號>`` with a JSON list of one company, or with
an empty body when no company has the number. A slow or failing registry never blocks a
page: every call has a short timeout, and after a few failures in a row the breaker stays
open for a while, answering "unavailable" at once, so that the portal says staff will check
and goes on.
"""

import datetime
import json
import logging
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

COMPANY_DATASET = "5F64D864-61CB-4D0D-8AD9-492047CC1EA6"
MAX_ANSWER_BYTES = 256 * 1024
FAILURES_KEY = "registry:failures"
OPEN_KEY = "registry:breaker-open"


class RegistryUnavailable(Exception):
    """The registry is off, slow, down or answered something unreadable."""


@dataclass(frozen=True)
class Company:
    tax_id: str
    name: str
    representative: str
    address: str
    capital: int | None
    paid_in_capital: int | None
    founded_on: datetime.date | None
    status_code: str
    status: str


def is_on() -> bool:
    return bool(settings.COMPANY_REGISTRY_URL)


def fetch_company(tax_id: str) -> Company | None:
    """The registry's company with this 統一編號, or None when it has none.
    Raises RegistryUnavailable when it cannot say."""
    if not is_on():
        raise RegistryUnavailable("the registry lookup is turned off")
    open_until = cache.get(OPEN_KEY)
    if open_until is not None and time.time() < open_until:
        raise RegistryUnavailable("the breaker is open")
    try:
        body = _get(tax_id)
        company = parse_company(body, tax_id)
    except RegistryUnavailable as failure:
        _count_failure(failure)
        raise
    cache.delete(FAILURES_KEY)
    return company


def _get(tax_id: str) -> bytes:
    query = urllib.parse.urlencode(
        {
            "$format": "json",
            "$filter": f"Business_Accounting_NO eq {tax_id}",
            "$skip": 0,
            "$top": 1,
        }
    )
    url = f"{settings.COMPANY_REGISTRY_URL.rstrip('/')}/{COMPANY_DATASET}?{query}"
    try:
        with urllib.request.urlopen(url, timeout=settings.COMPANY_REGISTRY_TIMEOUT) as answer:
            return answer.read(MAX_ANSWER_BYTES + 1)
    except (urllib.error.URLError, TimeoutError, OSError) as failure:
        raise RegistryUnavailable(f"no answer: {failure}") from failure


def parse_company(body: bytes, tax_id: str) -> Company | None:
    if len(body) > MAX_ANSWER_BYTES:
        raise RegistryUnavailable("answer too large")
    if not body.strip():
        return None
    try:
        rows = json.loads(body)
    except ValueError as failure:
        raise RegistryUnavailable("answer is not JSON") from failure
    if not isinstance(rows, list):
        raise RegistryUnavailable("answer is not a list")
    rows = [row for row in rows if isinstance(row, dict)]
    row = next((row for row in rows if row.get("Business_Accounting_NO") == tax_id), None)
    if row is None:
        if rows:
            raise RegistryUnavailable("answer is about another number")
        return None
    name = _text(row, "Company_Name")
    if not name:
        raise RegistryUnavailable("answer has no company name")
    return Company(
        tax_id=tax_id,
        name=name,
        representative=_text(row, "Responsible_Name"),
        address=_text(row, "Company_Location"),
        capital=_amount(row.get("Capital_Stock_Amount")),
        paid_in_capital=_amount(row.get("Paid_In_Capital_Amount")),
        founded_on=roc_date(_text(row, "Company_Setup_Date")),
        status_code=_text(row, "Company_Status"),
        status=_text(row, "Company_Status_Desc"),
    )


def _text(row: dict, key: str) -> str:
    value = row.get(key)
    return " ".join(str(value).split()) if value is not None else ""


def _amount(value) -> int | None:
    if value in (None, ""):
        return None
    try:
        amount = int(str(value).replace(",", ""))
    except ValueError as failure:
        raise RegistryUnavailable(f"unreadable amount {value!r}") from failure
    return amount if amount >= 0 else None


def roc_date(text: str) -> datetime.date | None:
    """A date as the registry writes it, in the Republic of China's years: 1050304 is
    4 March 2016 (year 105 + 1911)."""
    if not text:
        return None
    if not text.isdigit() or len(text) not in (6, 7):
        raise RegistryUnavailable(f"unreadable date {text!r}")
    try:
        return datetime.date(int(text[:-4]) + 1911, int(text[-4:-2]), int(text[-2:]))
    except ValueError as failure:
        raise RegistryUnavailable(f"unreadable date {text!r}") from failure


def _count_failure(failure: Exception) -> None:
    logger.warning("company registry unavailable: %s", failure)
    cache.add(FAILURES_KEY, 0, settings.COMPANY_REGISTRY_BREAKER_SECONDS)
    try:
        failures = cache.incr(FAILURES_KEY)
    except ValueError:  # expired between add and incr
        failures = 1
    if failures >= settings.COMPANY_REGISTRY_BREAKER_FAILURES:
        # The moment it closes again is in the value too, read against this process's clock.
        seconds = settings.COMPANY_REGISTRY_BREAKER_SECONDS
        cache.set(OPEN_KEY, time.time() + seconds, seconds)
        cache.delete(FAILURES_KEY)
