"""The SME test and the size group at their edges (參.二(一)1(2))."""

import datetime

import pytest

from suppliers.eligibility import SizeGroup, is_sme, size_group

TODAY = datetime.date(2026, 11, 26)


@pytest.mark.parametrize(
    ("capital", "employees", "sme"),
    [
        (100_000_000, 500, True),  # capital exactly NT$100,000,000: qualifies on capital
        (100_000_001, 500, False),  # one dollar more, and too many employees
        (100_000_001, 199, True),  # too much capital, but fewer than 200 employees
        (100_000_001, 200, False),  # 200 employees is not "fewer than 200"
        (500_000_000, 199, True),
        (0, 0, True),
    ],
)
def test_either_capital_or_employees_suffices(capital, employees, sme):
    assert is_sme(paid_in_capital=capital, regular_employees=employees) is sme


@pytest.mark.parametrize(
    ("founded_on", "group"),
    [
        (datetime.date(2018, 11, 27), SizeGroup.STARTUP),  # 8 years ago tomorrow
        (datetime.date(2018, 11, 26), SizeGroup.SME),  # 8 years ago today
        (datetime.date(2018, 11, 25), SizeGroup.SME),  # 8 years ago yesterday
        (datetime.date(2026, 11, 26), SizeGroup.STARTUP),  # founded today
        (datetime.date(1990, 1, 1), SizeGroup.SME),
    ],
)
def test_founded_less_than_8_years_ago_is_the_startup_group(founded_on, group):
    assert size_group(founded_on=founded_on, on=TODAY) == group


def test_a_29_february_founding_reaches_8_years_on_29_february():
    founded = datetime.date(2016, 2, 29)
    assert size_group(founded_on=founded, on=datetime.date(2024, 2, 28)) == SizeGroup.STARTUP
    assert size_group(founded_on=founded, on=datetime.date(2024, 2, 29)) == SizeGroup.SME
