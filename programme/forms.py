from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ActivityKind, Audience


class ActivityFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *ActivityKind.choices]
    )
    audience = forms.ChoiceField(
        label=_("For"),
        required=False,
        choices=[
            ("", _("Everyone")),
            (Audience.BUYERS, _("Open to buyers")),
            (Audience.SUPPLIERS, _("Open to suppliers")),
        ],
    )


class RegistrationForm(forms.Form):
    """Up to ``limit`` named attendees; rows left empty are not attendees."""

    def __init__(self, *args, limit: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit = limit
        for number in range(1, limit + 1):
            self.fields[f"name_{number}"] = forms.CharField(
                label=_("Attendee %(number)s: name") % {"number": number},
                max_length=100,
                required=number == 1,
                error_messages={"required": _("Name at least one attendee.")},
            )
            self.fields[f"job_title_{number}"] = forms.CharField(
                label=_("Attendee %(number)s: job title") % {"number": number},
                max_length=100,
                required=False,
            )

    def rows(self):
        return [
            (self[f"name_{number}"], self[f"job_title_{number}"])
            for number in range(1, self.limit + 1)
        ]

    def clean(self):
        cleaned = super().clean()
        for number in range(1, self.limit + 1):
            if cleaned.get(f"job_title_{number}") and not cleaned.get(f"name_{number}"):
                self.add_error(f"name_{number}", _("Give the name of this attendee."))
        return cleaned

    def attendees(self) -> list[tuple[str, str]]:
        return [
            (self.cleaned_data[f"name_{number}"], self.cleaned_data.get(f"job_title_{number}", ""))
            for number in range(1, self.limit + 1)
            if self.cleaned_data.get(f"name_{number}")
        ]
