from django import forms
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tops.uploads import DOCUMENT_FORMATS, check_upload

from .models import ReportReason

MAX_EVIDENCE_FILES = 5
# A person needs a few seconds to fill the form; a robot posting at once does not. A form
# left open for a day is refreshed rather than trusted.
FASTEST_HUMAN_SECONDS = 3
FORM_LIFETIME_SECONDS = 24 * 3600
_SALT = "reports.form-started"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class ReportForm(forms.Form):
    """The report form, guarded against robots without JavaScript: a field people don't see
    (and are asked to leave empty when they do), and a signed time the form was shown."""

    reason = forms.ChoiceField(
        label=_("What is wrong?"),
        choices=[("", _("Choose one")), *ReportReason.choices],
        error_messages={"required": _("Choose what is wrong.")},
    )
    description = forms.CharField(
        label=_("Describe it"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What you saw, where and when, so that we can check it."),
        error_messages={"required": _("Describe what is wrong.")},
    )
    evidence = MultipleFileField(
        label=_("Evidence (optional)"),
        required=False,
        help_text=_("Up to 5 files: PDF, JPEG or PNG, at most 10 MB each."),
    )
    contact_email = forms.EmailField(
        label=_("Your e-mail"),
        help_text=_("Only for telling you the outcome. The supplier and the public never see it."),
        error_messages={
            "required": _("Give an e-mail address so that we can tell you the outcome.")
        },
    )
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Every rendering carries a fresh time, so a refused form can be sent again.
        self.initial["started"] = signing.dumps(timezone.now().timestamp(), salt=_SALT)
        if self.is_bound:
            data = self.data.copy()
            data[self.add_prefix("started")] = self.initial["started"]
            self._started_posted = self.data.get(self.add_prefix("started"), "")
            self.data = data
        self.looks_automated = False

    def clean_evidence(self):
        files = self.cleaned_data["evidence"]
        if len(files) > MAX_EVIDENCE_FILES:
            raise forms.ValidationError(_("Attach at most 5 files."))
        return files  # examined in clean(), once the cheap checks have passed

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("homepage"):
            self.looks_automated = True
            raise forms.ValidationError(_("Please leave the last field empty and send again."))
        try:
            started = signing.loads(self._started_posted, salt=_SALT, max_age=FORM_LIFETIME_SECONDS)
        except signing.BadSignature:
            raise forms.ValidationError(
                _("This form was open for too long. Please check it and send it again.")
            ) from None
        if timezone.now().timestamp() - started < FASTEST_HUMAN_SECONDS:
            self.looks_automated = True
            raise forms.ValidationError(
                _("That was faster than a person can type. Please wait a moment and send again.")
            )
        # Files cost the most to check (decoding pictures, parsing PDFs): only a report that
        # passed the spam guard, the time check and its other fields gets that far.
        if not self._errors and cleaned.get("evidence"):
            try:
                cleaned["evidence"] = [
                    check_upload(file, formats=DOCUMENT_FORMATS) for file in cleaned["evidence"]
                ]
            except forms.ValidationError as refusal:
                self.add_error("evidence", refusal)
        return cleaned


class OutcomeForm(forms.Form):
    outcome = forms.CharField(
        label=_("Outcome"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write the outcome: it is what the reporter is told.")},
    )

    def __init__(self, *args, decision, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].help_text = (
            _("Sent to the reporter, and to the supplier as what was found and why.")
            if decision == "upheld"
            else _("Sent to the reporter: why the report could not be confirmed.")
        )
