from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User

from .models import CoachingCase, Topic


class CaseForm(forms.ModelForm):
    """The supplier's application for coaching."""

    class Meta:
        model = CoachingCase
        fields = ["topic", "topic_other", "needs", "preferred_times"]
        widgets = {
            "topic": forms.RadioSelect,
            "needs": forms.Textarea(attrs={"rows": 5}),
            "preferred_times": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "topic_other": _("Other topic (when you chose “Other”)"),
            "needs": _("What do you need help with?"),
        }
        help_texts = {
            "needs": _("Your situation and what you hope the coaching achieves."),
            "preferred_times": _(
                "Days and times that suit you, e.g. Tuesday or Thursday afternoons in March."
            ),
        }

    def clean(self):
        data = super().clean()
        if data.get("topic") == Topic.OTHER and not (data.get("topic_other") or "").strip():
            self.add_error("topic_other", _("Name the topic you need coaching on."))
        return data


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How satisfied are you with the coaching?"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("1 = not at all, 5 = very satisfied."),
        error_messages={"required": _("Choose a rating from 1 to 5.")},
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# The staff's forms, in the admin


class AssignForm(forms.Form):
    coach = forms.ModelChoiceField(
        label=_("Staff coach"),
        queryset=User.objects.filter(is_staff=True, is_active=True).order_by("username"),
        required=False,
    )
    coach_name = forms.CharField(
        label=_("or an external consultant"),
        max_length=200,
        required=False,
        help_text=_("The consultant's name and organisation."),
    )

    def clean(self):
        data = super().clean()
        if bool(data.get("coach")) == bool((data.get("coach_name") or "").strip()):
            self.add_error(
                "coach_name", _("Choose a staff member or name an external consultant, not both.")
            )
        return data


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The supplier is told this reason."),
    )


class SessionProposeForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        help_text=_("Taipei time, e.g. 2026-03-10 14:00"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    online_url = forms.URLField(label=_("Online meeting link"), required=False)

    def clean(self):
        data = super().clean()
        if not data.get("place") and not data.get("online_url") and not self.errors:
            self.add_error("place", _("Give a place or an online meeting link."))
        return data


class SessionRecordForm(forms.Form):
    held_on = forms.DateField(
        label=_("Held on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    hours = forms.DecimalField(
        label=_("Hours"), min_value=0.5, max_value=24, max_digits=4, decimal_places=1
    )
    outcome = forms.CharField(label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 4}))


class CloseForm(forms.Form):
    note = forms.CharField(
        label=_("Closing note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent to the supplier with the request for a rating."),
    )
