"""The period the dashboard shows, and the one of the same length just before it."""

import datetime
from dataclasses import dataclass

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Period:
    """From ``start`` to ``end``, both days included (days in Asia/Taipei)."""

    start: datetime.date
    end: datetime.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Period":
        end = self.start - datetime.timedelta(days=1)
        return Period(end - datetime.timedelta(days=self.days - 1), end)

    def instants(self) -> tuple[datetime.datetime, datetime.datetime]:
        """The first instant of the period and the first one after it, for datetime fields."""
        zone = timezone.get_current_timezone()
        first = datetime.datetime.combine(self.start, datetime.time.min, tzinfo=zone)
        after = datetime.datetime.combine(
            self.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
        )
        return first, after

    def within(self, field: str) -> dict:
        """Filter arguments: ``field`` (a datetime) falls in the period."""
        first, after = self.instants()
        return {f"{field}__gte": first, f"{field}__lt": after}

    def dated(self, field: str) -> dict:
        """Filter arguments: ``field`` (a calendar day) falls in the period."""
        return {f"{field}__gte": self.start, f"{field}__lte": self.end}


def quarter_to_date(today: datetime.date) -> Period:
    return Period(datetime.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1), today)


class PeriodForm(forms.Form):
    start = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end = forms.DateField(
        label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end of the period comes before its start."))
        elif start and end and (end - start).days > 3 * 366:
            self.add_error("end", _("Choose a period of at most three years."))
        return data

    def period(self) -> Period:
        return Period(self.cleaned_data["start"], self.cleaned_data["end"])
