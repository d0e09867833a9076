"""The 統一編號 check digit as the Ministry of Finance applies it since April 2023."""

import pytest
from django.core.exceptions import ValidationError

from accounts.tax_id import is_valid_tax_id, normalise_tax_id, validate_tax_id

# Real numbers of well-known organisations: valid under the old rule and the new one.
REAL_NUMBERS = [
    ("22099131", "台灣積體電路製造股份有限公司"),
    ("04541302", "鴻海精密工業股份有限公司"),
    ("96979933", "中華電信股份有限公司"),
    ("97176270", "台灣大哥大股份有限公司"),
    ("22555003", "統一超商股份有限公司"),
    ("03374707", "國泰人壽保險股份有限公司"),
]

# Weighted sum divisible by 5 but not by 10: refused before April 2023, valid since
# (python-stdnum and other old validators still refuse them).
VALID_ONLY_SINCE_2023 = ["22099136", "04541307", "12345670", "12345671"]

# The seventh digit is 7: its product 28 sums to 10, which may count as 1 or 0.
SEVENTH_DIGIT_SEVEN = ["10458575", "10458574", "10458570", "87654327"]

INVALID = ["22099132", "22099130", "04541303", "96979934", "12345672", "10458573", "87654320"]


@pytest.mark.parametrize(("number", "holder"), REAL_NUMBERS)
def test_real_numbers_are_valid(number, holder):
    assert is_valid_tax_id(number), holder


@pytest.mark.parametrize("number", VALID_ONLY_SINCE_2023)
def test_numbers_valid_only_under_the_2023_rule_are_accepted(number):
    assert is_valid_tax_id(number)


@pytest.mark.parametrize("number", SEVENTH_DIGIT_SEVEN)
def test_seventh_digit_seven_may_count_either_way(number):
    assert is_valid_tax_id(number)


@pytest.mark.parametrize("number", INVALID)
def test_a_wrong_check_digit_is_refused(number):
    assert not is_valid_tax_id(number)
    with pytest.raises(ValidationError) as refused:
        validate_tax_id(number)
    assert refused.value.code == "check_digit"


@pytest.mark.parametrize(
    "number", ["", "2209913", "220991311", "2209913A", " 22099131", "٢٢٠٩٩١٣١", "２２０９９１３１"]
)
def test_only_eight_ascii_digits_have_the_right_format(number):
    assert not is_valid_tax_id(number)
    with pytest.raises(ValidationError) as refused:
        validate_tax_id(number)
    assert refused.value.code == "format"


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [
        ("２２０９９１３１", "22099131"),  # full-width digits, as typed with a Chinese IME
        ("  22099131 ", "22099131"),
        ("٢٢٠٩٩١٣١", "٢٢٠٩٩١٣١"),  # other scripts' digits stay as typed, and are refused
        ("2209 9131", "2209 9131"),
    ],
)
def test_normalising_turns_only_full_width_digits_into_ascii(typed, read_as):
    assert normalise_tax_id(typed) == read_as


@pytest.mark.parametrize("number", ["00000000", "55555555"])
def test_numbers_no_organisation_holds_are_refused_like_a_wrong_check_digit(number):
    with pytest.raises(ValidationError) as refused:
        validate_tax_id(number)
    assert refused.value.code == "check_digit"
