from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from suppliers.models import (
    ORGANIZER_GROUNDS,
    ApplicationDocument,
    DisqualificationGround,
    DisqualificationRoute,
    DocumentKind,
)
from suppliers.permissions import DECIDE_CASE_BY_CASE
from suppliers.steps import STEPS
from suppliers.violations import VIOLATION_CHECKS
from tops.money import AmountField, ntd

from .models import CheckResult


class ViolationChecksForm(forms.Form):
    """The 7 checks on one page: result, source consulted, date checked and a note for each."""

    def __init__(self, *args, records, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        today = timezone.localdate()
        self.checks = []
        for check in VIOLATION_CHECKS:
            record = records.get(check.number)
            prefix = f"item{check.number}"
            self.fields[f"{prefix}_result"] = forms.ChoiceField(
                label=_("Result"),
                choices=CheckResult.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=record.result if record else None,
            )
            self.fields[f"{prefix}_source"] = forms.CharField(
                label=_("Source consulted"),
                max_length=300,
                initial=record.source if record else check.source,
            )
            self.fields[f"{prefix}_checked_on"] = forms.DateField(
                label=_("Checked on"),
                initial=record.checked_on if record else today,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            )
            self.fields[f"{prefix}_note"] = forms.CharField(
                label=_("Note"), required=False, initial=record.note if record else ""
            )
            if check.within_years:
                self.fields[f"{prefix}_violation_on"] = forms.DateField(
                    label=_("Date of the violation"),
                    required=False,
                    initial=record.violation_on if record else None,
                    widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                    help_text=_("Needed when found: only the last %(years)s years count.")
                    % {"years": check.within_years},
                )
            if check.fine_over is not None:
                self.fields[f"{prefix}_fine_amount"] = AmountField(
                    label=_("Fine (NT$)"),
                    required=False,
                    initial=record.fine_amount if record else None,
                    help_text=_("Needed when found: only a fine over %(threshold)s counts.")
                    % {"threshold": ntd(check.fine_over)},
                )
            self.checks.append((check, prefix))

    def rows(self):
        organisation = self.organisation
        for check, prefix in self.checks:
            yield {
                "check": check,
                "url": check.search_url(
                    tax_id=organisation.tax_id if organisation else "",
                    representative=organisation.representative if organisation else "",
                ),
                # What to type into the source's search: the responsible person's name for
                # judgments, the 統一編號 elsewhere.
                "search_for": (
                    (organisation.representative if check.number == 1 else organisation.tax_id)
                    if organisation
                    else ""
                ),
                "result": self[f"{prefix}_result"],
                "source": self[f"{prefix}_source"],
                "checked_on": self[f"{prefix}_checked_on"],
                "note": self[f"{prefix}_note"],
                # The brochure's numbers for a finding: its date, and the fine for item 5.
                "details": [
                    self[name]
                    for name in (f"{prefix}_violation_on", f"{prefix}_fine_amount")
                    if name in self.fields
                ],
            }

    def clean(self):
        cleaned = super().clean()
        for check, prefix in self.checks:
            if cleaned.get(f"{prefix}_result") != CheckResult.FOUND:
                continue
            if not cleaned.get(f"{prefix}_note", "").strip():
                self.add_error(f"{prefix}_note", _("Say what was found."))
            details = self._details(check, prefix)
            if check.within_years and details["violation_on"] is None:
                self.add_error(f"{prefix}_violation_on", _("Give the date of the violation."))
            if check.fine_over is not None and details["fine_amount"] is None:
                self.add_error(f"{prefix}_fine_amount", _("Give the amount of the fine."))
            checked_on = cleaned.get(f"{prefix}_checked_on")
            if checked_on is not None:
                for field, problem in check.finding_problems(
                    checked_on=checked_on, **details
                ).items():
                    self.add_error(f"{prefix}_{field}", problem)
        return cleaned

    def _details(self, check, prefix) -> dict:
        return {
            "violation_on": self.cleaned_data.get(f"{prefix}_violation_on"),
            "fine_amount": self.cleaned_data.get(f"{prefix}_fine_amount"),
        }

    def recorded(self):
        """(item, result, source, checked_on, note) for every check given a new result or
        changed details; an unchanged record keeps who recorded it and when."""
        for check, prefix in self.checks:
            result = self.cleaned_data.get(f"{prefix}_result")
            names = ("result", "source", "checked_on", "note", "violation_on", "fine_amount")
            fields = [f"{prefix}_{name}" for name in names]
            if result and any(field in self.changed_data for field in fields):
                yield (
                    check.number,
                    result,
                    self.cleaned_data[f"{prefix}_source"],
                    self.cleaned_data[f"{prefix}_checked_on"],
                    self.cleaned_data[f"{prefix}_note"],
                    self._details(check, prefix),
                )


class DocumentChecksForm(forms.Form):
    """Accepted or needing correction, with a note, for each current document."""

    def __init__(self, *args, documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.documents = list(documents)
        for document in self.documents:
            self.fields[f"doc{document.pk}_status"] = forms.ChoiceField(
                label=_("Check"),
                choices=ApplicationDocument.Review.choices,
                initial=document.review_status,
                widget=forms.RadioSelect,
            )
            self.fields[f"doc{document.pk}_note"] = forms.CharField(
                label=_("Note"), required=False, initial=document.review_note
            )

    def rows(self):
        for document in self.documents:
            yield {
                "document": document,
                "status": self[f"doc{document.pk}_status"],
                "note": self[f"doc{document.pk}_note"],
            }

    def clean(self):
        cleaned = super().clean()
        for document in self.documents:
            if (
                cleaned.get(f"doc{document.pk}_status")
                == ApplicationDocument.Review.NEEDS_CORRECTION
                and not cleaned.get(f"doc{document.pk}_note", "").strip()
            ):
                self.add_error(f"doc{document.pk}_note", _("Say what needs correcting."))
        return cleaned

    def changed_documents(self):
        for document in self.documents:
            status = self.cleaned_data[f"doc{document.pk}_status"]
            note = self.cleaned_data[f"doc{document.pk}_note"]
            if (status, note) != (document.review_status, document.review_note):
                yield document, status, note


def correction_parts(application):
    """What a correction request can name: the form's steps and the application's documents."""
    parts = [(f"step:{key}", label) for key, label in STEPS if key not in ("documents", "submit")]
    kinds = [*application.required_documents, DocumentKind.PRODUCT_EVIDENCE]
    parts += [(f"document:{kind}", DocumentKind(kind).label) for kind in kinds]
    return parts


class CorrectionsForm(forms.Form):
    parts = forms.MultipleChoiceField(
        label=_("What the applicant must correct"), widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(
        label=_("Message to the applicant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.labels = dict(correction_parts(application))
        self.fields["parts"].choices = list(self.labels.items())
        # Documents the reviewer marked as needing correction come with their notes.
        self.document_notes = {
            f"document:{document.kind}": document.review_note
            for document in application.documents.filter(
                is_current=True, review_status=ApplicationDocument.Review.NEEDS_CORRECTION
            )
        }
        self.fields["parts"].initial = list(self.document_notes)

    def items(self):
        return [
            {"item": part, "note": self.document_notes.get(part, "")}
            for part in self.cleaned_data["parts"]
        ]


class RejectForm(forms.Form):
    reasons = forms.CharField(
        label=_("Reasons, as the applicant will read them"),
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class CaseDecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for admitting the application despite the finding"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class MoveDueDateForm(forms.Form):
    due_on = forms.DateField(
        label=_("New due date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class AuditChecksForm(ViolationChecksForm):
    """A re-check records a result for every one of the 7 items."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, records={}, **kwargs)

    def clean(self):
        cleaned = super().clean()
        for _check, prefix in self.checks:
            if not cleaned.get(f"{prefix}_result"):
                self.add_error(f"{prefix}_result", _("Record the result of this item."))
        return cleaned

    def all_checks(self):
        return [
            (
                check.number,
                self.cleaned_data[f"{prefix}_result"],
                self.cleaned_data[f"{prefix}_source"],
                self.cleaned_data[f"{prefix}_checked_on"],
                self.cleaned_data[f"{prefix}_note"],
                self._details(check, prefix),
            )
            for check, prefix in self.checks
        ]


class DisqualifyForm(forms.Form):
    route = forms.ChoiceField(label=_("Route (參.二(五))"), choices=DisqualificationRoute.choices)
    ground = forms.ChoiceField(label=_("Ground"), choices=DisqualificationGround.choices)
    report = forms.ModelChoiceField(
        label=_("Upheld report"),
        queryset=None,
        required=False,
        help_text=_("Needed when the route is a report."),
    )
    reason = forms.CharField(
        label=_("Reason, as the notice will state it"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Give the reason: it is written in the notice.")},
    )
    evidence = forms.CharField(
        label=_("Evidence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sources consulted, documents, dates."),
    )

    def __init__(self, *args, supplier, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["report"].queryset = supplier.reports.filter(status="upheld")
        # A supplier's own request is confirmed from the request itself.
        self.fields["route"].choices = [
            choice for choice in DisqualificationRoute.choices if choice[0] != "request"
        ]
        self.fields["ground"].choices = [
            choice
            for choice in DisqualificationGround.choices
            if choice[0] != "requested"
            and (choice[0] not in ORGANIZER_GROUNDS or user.has_perm(DECIDE_CASE_BY_CASE))
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("route") == DisqualificationRoute.REPORT and not cleaned.get("report"):
            self.add_error("report", _("Choose the upheld report this follows."))
        return cleaned


class ReinstateForm(forms.Form):
    note = forms.CharField(
        label=_("Why the appeal succeeded"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say why the appeal succeeded.")},
    )


class ProfileChangeRejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Why, as the supplier will read it"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Tell the supplier why the change is not accepted.")},
    )
