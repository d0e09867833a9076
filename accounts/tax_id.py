"""The 統一編號 (Unified Business Number, UBN): eight digits with a check digit.

Since April 2023 the Ministry of Finance accepts any number whose weighted sum
is divisible by 5 (before, by 10), so that more numbers can be issued. Every
number valid under the old rule stays valid under the new one; validators that
still apply the old rule refuse real numbers issued since.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

WEIGHTS = (1, 2, 1, 2, 1, 2, 4, 1)
_EIGHT_ASCII_DIGITS = re.compile(r"[0-9]{8}")


def normalise_tax_id(value: str) -> str:
    """Turn full-width digits (０-９) into ASCII digits and drop spaces around the number.

    Other scripts' digits (Arabic-Indic, for instance) are left as they are,
    so that the validator refuses them rather than reading them as something else.
    """
    value = value.strip()
    return "".join(unicodedata.normalize("NFKC", ch) if "０" <= ch <= "９" else ch for ch in value)


def read_tax_id(value: str) -> str | None:
    """The 統一編號 a person typed, read as they mean it (full-width digits, spaces around),
    or None when what they typed is not eight digits."""
    value = normalise_tax_id(value)
    return value if _EIGHT_ASCII_DIGITS.fullmatch(value) else None


def _digit_sum(number: int) -> int:
    return number // 10 + number % 10


def is_valid_tax_id(value: str) -> bool:
    if not _EIGHT_ASCII_DIGITS.fullmatch(value):
        return False
    # Eight times the same digit is what people type when they do not know the number;
    # 00000000 and 55555555 pass the arithmetic, but no organisation holds them.
    if len(set(value)) == 1:
        return False
    digits = [int(ch) for ch in value]
    total = sum(_digit_sum(d * w) for d, w in zip(digits, WEIGHTS, strict=True))
    if total % 5 == 0:
        return True
    # When the seventh digit is 7 its product is 28, whose digit sum 10 may be
    # counted as 1 or as 0: the number is valid if either total works.
    return digits[6] == 7 and (total + 1) % 5 == 0


def validate_tax_id(value: str) -> None:
    if not _EIGHT_ASCII_DIGITS.fullmatch(value):
        raise ValidationError(
            _("A Unified Business Number is exactly 8 digits (0–9)."), code="format"
        )
    if not is_valid_tax_id(value):
        raise ValidationError(
            _(
                "%(value)s is not a valid Unified Business Number: its check digit "
                "does not match. Please check the number on your registration."
            ),
            code="check_digit",
            params={"value": value},
        )
