import datetime

import pytest

from tops.dates import years_from


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        ("2026-12-02", 1, "2027-12-02"),
        ("2026-12-02", -8, "2018-12-02"),
        ("2028-02-29", 1, "2029-03-01"),
        ("2028-02-29", -1, "2027-02-28"),
        ("2028-02-29", -8, "2020-02-29"),
        ("2028-02-29", 4, "2032-02-29"),
    ],
)
def test_the_same_day_years_later_with_29_february_in_a_common_year(day, years, expected):
    on = datetime.date.fromisoformat(day)
    assert years_from(on, years) == datetime.date.fromisoformat(expected)
