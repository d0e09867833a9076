"""Money as the portal reads and writes it: whole NT$, shown as "NT$ 1,200" in both languages,
typed as "80,000", "NT$80,000", "８００００" or "80000元"."""

import re
import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

_DECORATION = re.compile(r"(?i)^\s*(NT\$|NTD|\$)|[,\s]|元$")


def ntd(value) -> str:
    """Whole NT$ with a comma every three digits; empty for no amount."""
    if value is None or value == "":
        return ""
    return f"NT$ {int(value):,}"


class AmountField(forms.IntegerField):
    """Whole NT$, written with or without thousands separators, a currency sign or full-width
    digits."""

    default_error_messages = {
        "invalid": _("Enter the amount in whole NT$, in digits, for example 80,000."),
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = _DECORATION.sub("", unicodedata.normalize("NFKC", value))
        return super().to_python(value)
