"""Contact phone numbers: a Taiwan landline (with an optional extension) or a mobile.

Stored in RFC 3966 form (``tel:+886-2-2720-8889;ext=6627``) so that one
canonical value holds both the number and its extension; shown in Taiwan's
national format.
"""

import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

REGION = "TW"
_ACCEPTED_TYPES = {
    phonenumbers.PhoneNumberType.FIXED_LINE,
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
}
# How people write an extension in Taiwan: 分機 6627, 轉6627, #6627, ext. 6627.
_EXTENSION_WORDS = re.compile(r"\s*(分機|轉|ext\.?|x|#)\s*(?=\d+\s*$)", re.IGNORECASE)


def normalise_phone(value: str) -> str:
    """Return the number in RFC 3966 form, or raise ValidationError with a readable message."""
    text = value.strip()
    if not text:
        raise ValidationError(_("Please enter a phone number."), code="required")
    text = _EXTENSION_WORDS.sub(" ext. ", text, count=1)
    try:
        number = phonenumbers.parse(text, REGION)
    except phonenumbers.NumberParseException:
        raise ValidationError(_invalid_message(), code="invalid") from None
    if (
        number.country_code != 886
        or not phonenumbers.is_valid_number(number)
        or phonenumbers.number_type(number) not in _ACCEPTED_TYPES
    ):
        raise ValidationError(_invalid_message(), code="invalid")
    if number.extension and phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE:
        raise ValidationError(_("A mobile number cannot have an extension."), code="invalid")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.RFC3966)


def display_phone(stored: str) -> str:
    """The stored number as people in Taiwan write it: 02-2720-8889 #6627, 0912-345-678."""
    if not stored:
        return ""
    try:
        number = phonenumbers.parse(stored, REGION)
    except phonenumbers.NumberParseException:
        return stored
    extension = number.extension
    number.extension = None
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    national = national.replace(" ", "-")
    return f"{national} #{extension}" if extension else national


def _invalid_message():
    return _(
        "Please enter a Taiwan landline with its area code (for example 02-2720-8889, "
        "extension optional: 02-2720-8889 #6627) or a mobile number (for example 0912-345-678)."
    )
