"""The company registry lookup against a local server in the registry's JSON shape: found, not
found, dissolved, malformed and slow answers, the day's cache and the breaker."""

import datetime
import time

import pytest
import time_machine

from registry.models import CompanyRecord
from registry.services import company_lookup

pytestmark = pytest.mark.django_db

TAX_ID = "22099131"


def test_a_company_found_is_read_with_its_roc_founding_date(registry):
    registry.found(TAX_ID, Company_Setup_Date="1050304", Capital_Stock_Amount="12,000,000")
    lookup = company_lookup(tax_id=TAX_ID)
    company = lookup.company
    assert not lookup.unavailable
    assert (company.name, company.representative) == ("台北好物股份有限公司", "陳志明")
    assert company.address == "臺北市信義區市府路1號" and company.in_taipei
    assert company.founded_on == datetime.date(2016, 3, 4)
    assert (company.capital, company.paid_in_capital) == (12_000_000, 5_000_000)
    assert company.is_active


def test_a_number_the_registry_does_not_hold_is_not_found(registry):
    lookup = company_lookup(tax_id=TAX_ID)
    assert not lookup.unavailable
    assert lookup.record is not None and not lookup.record.found
    assert lookup.company is None


def test_an_empty_list_is_not_found_either(registry):
    registry.answers[TAX_ID] = []
    assert company_lookup(tax_id=TAX_ID).record.found is False


@pytest.mark.parametrize(("code", "status"), [("06", "解散"), ("07", "廢止"), ("03", "撤銷")])
def test_a_dissolved_company_is_found_but_not_active(registry, code, status):
    registry.found(TAX_ID, Company_Status=code, Company_Status_Desc=status)
    company = company_lookup(tax_id=TAX_ID).company
    assert company.status == status
    assert not company.is_active


@pytest.mark.parametrize(
    "answer",
    [
        b"<html>Service Unavailable</html>",
        b'{"message": "error"}',
        b'[{"Business_Accounting_NO": "04541302", "Company_Name": "another"}]',
        b'[{"Business_Accounting_NO": "22099131", "Company_Name": "x",'
        b' "Company_Setup_Date": "1051399"}]',
        b'[{"Business_Accounting_NO": "22099131"}]',
    ],
)
def test_a_malformed_answer_leaves_the_check_to_staff(registry, answer):
    registry.answers[TAX_ID] = answer
    lookup = company_lookup(tax_id=TAX_ID)
    assert lookup.unavailable and lookup.record is None
    assert not CompanyRecord.objects.exists()  # nothing wrong is kept


def test_a_slow_registry_is_given_up_within_the_timeout(registry, settings):
    registry.answers[TAX_ID] = ("slow", 2, [])
    started = time.monotonic()
    lookup = company_lookup(tax_id=TAX_ID)
    assert time.monotonic() - started < settings.COMPANY_REGISTRY_TIMEOUT + 0.5
    assert lookup.unavailable


def test_an_answer_is_kept_for_a_day(registry):
    registry.found(TAX_ID)
    with time_machine.travel("2026-12-01 09:00 +0800", tick=False):
        company_lookup(tax_id=TAX_ID)
    registry.found(TAX_ID, Company_Name="改名股份有限公司")
    with time_machine.travel("2026-12-02 08:59 +0800", tick=False):
        assert company_lookup(tax_id=TAX_ID).company.name == "台北好物股份有限公司"
    with time_machine.travel("2026-12-02 09:01 +0800", tick=False):
        assert company_lookup(tax_id=TAX_ID).company.name == "改名股份有限公司"
    assert len(registry.requests) == 2


def test_a_refresh_asks_again_at_once(registry):
    registry.found(TAX_ID)
    company_lookup(tax_id=TAX_ID)
    registry.found(TAX_ID, Responsible_Name="林美玲")
    assert company_lookup(tax_id=TAX_ID, refresh=True).company.representative == "林美玲"


def test_when_the_registry_fails_the_last_answer_is_shown_with_its_time(registry):
    registry.found(TAX_ID)
    with time_machine.travel("2026-11-01 09:00 +0800", tick=False):
        company_lookup(tax_id=TAX_ID)
    registry.answers[TAX_ID] = b"not json"
    lookup = company_lookup(tax_id=TAX_ID)
    assert lookup.unavailable
    assert lookup.company.name == "台北好物股份有限公司"
    assert lookup.company.fetched_at.date() == datetime.date(2026, 11, 1)


def test_after_three_failures_the_breaker_answers_at_once_for_a_minute(registry):
    registry.answers[TAX_ID] = b"not json"
    for _ in range(3):
        assert company_lookup(tax_id=TAX_ID).unavailable
    registry.found(TAX_ID)
    assert company_lookup(tax_id=TAX_ID).unavailable  # not asked: the breaker is open
    assert len(registry.requests) == 3
    with time_machine.travel(datetime.timedelta(seconds=61)):
        assert company_lookup(tax_id=TAX_ID).company is not None
    assert len(registry.requests) == 4


def test_an_empty_url_turns_the_lookup_off(registry, settings):
    settings.COMPANY_REGISTRY_URL = ""
    registry.found(TAX_ID)
    assert company_lookup(tax_id=TAX_ID).unavailable
    assert registry.requests == []
