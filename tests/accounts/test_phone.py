import pytest
from django.core.exceptions import ValidationError

from accounts.phone import display_phone, normalise_phone


@pytest.mark.parametrize(
    ("typed", "stored", "shown"),
    [
        ("02-2720-8889", "tel:+886-2-2720-8889", "02-2720-8889"),
        ("(02)27208889", "tel:+886-2-2720-8889", "02-2720-8889"),
        ("02-2720-8889 分機 6627", "tel:+886-2-2720-8889;ext=6627", "02-2720-8889 #6627"),
        ("02-2720-8889轉6627", "tel:+886-2-2720-8889;ext=6627", "02-2720-8889 #6627"),
        ("02 2720 8889 #6627", "tel:+886-2-2720-8889;ext=6627", "02-2720-8889 #6627"),
        ("02-2720-8889 ext. 6627", "tel:+886-2-2720-8889;ext=6627", "02-2720-8889 #6627"),
        ("+886 2 2720 8889", "tel:+886-2-2720-8889", "02-2720-8889"),
        ("07-123-4567", "tel:+886-7-123-4567", "07-123-4567"),
        ("0912-345-678", "tel:+886-912-345-678", "0912-345-678"),
        ("0912345678", "tel:+886-912-345-678", "0912-345-678"),
    ],
)
def test_landlines_and_mobiles_are_stored_in_one_form(typed, stored, shown):
    assert normalise_phone(typed) == stored
    assert display_phone(stored) == shown


@pytest.mark.parametrize(
    "typed", ["12345", "02-1234", "+1 650 253 0000", "0912-345-678 #12", "電話", "0800-000-123"]
)
def test_malformed_or_foreign_numbers_are_refused(typed):
    with pytest.raises(ValidationError):
        normalise_phone(typed)
