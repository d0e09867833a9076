from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from catalog.models import Product
from tops.money import AmountField, ntd
from tops.uploads import check_upload
from tops.workflow import StepRefused

from .models import (
    AwardCategory,
    AwardDecision,
    EvidenceKind,
    PurchaseRecord,
    SustainabilityImpact,
)
from .rules import find_supplier
from .services.records import check_purchase

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SupplierField(forms.CharField):
    """A supplier typed by name or 統一編號; the page suggests "name (統一編號)"."""

    default_error_messages = {
        "unknown": _(
            "No supplier on the portal has this name or Unified Business Number. Type the "
            "8-digit number, or pick the supplier from the suggestions."
        )
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 220)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"list": "supplier-list", "autocomplete": "off"})
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if hasattr(value, "organisation"):
            return f"{value.name} ({value.organisation.tax_id})"
        return value

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        supplier = find_supplier(text)
        if supplier is None:
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown")
        return supplier


class ProductChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, product):
        return product.published.name if product.published else str(product.pk)


class _PurchaseFields(forms.Form):
    """The rules shared by one record typed in and each row of an imported file."""

    def __init__(self, *args, buyer, **kwargs):
        self.buyer = buyer
        super().__init__(*args, **kwargs)

    def _check_purchase(self, supplier_field, cleaned):
        supplier, day = cleaned.get(supplier_field), cleaned.get("purchased_on")
        if supplier is None or day is None:
            return
        try:
            check_purchase(buyer=self.buyer, supplier=supplier, purchased_on=day)
        except StepRefused as refused:
            field = supplier_field if refused.field == "supplier" else refused.field
            self.add_error(field, refused.message)


class PurchaseRecordForm(_PurchaseFields):
    supplier = SupplierField(
        label=_("Supplier"),
        help_text=_("The supplier's name or Unified Business Number (8 digits)."),
    )
    purchased_on = forms.DateField(
        label=_("Purchase date"),
        widget=DATE_WIDGET,
        help_text=_("Only purchases made while the supplier was listed on the portal count."),
    )
    amount = AmountField(
        label=_("Amount (NT$, tax included)"),
        min_value=1,
        help_text=_("Whole dollars, for example 12,000."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    description = forms.CharField(
        label=_("What was bought"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    products = ProductChoices(
        label=_("The supplier's products (optional)"),
        queryset=Product.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    impacts = forms.MultipleChoiceField(
        label=_("Sustainability impacts (optional)"),
        choices=SustainabilityImpact.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("What this purchase serves, for the Sustainable Prosperity award."),
    )
    impact_description = forms.CharField(
        label=_("Sustainability impact, in a few words (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
    )
    evidence_kind = forms.ChoiceField(
        label=_("Kind of evidence"), choices=EvidenceKind.choices, required=False
    )
    evidence_file = forms.FileField(
        label=_("Evidence file"),
        required=False,
        help_text=_(
            "Invoice or receipt, contract or acceptance record: PDF, JPEG or PNG, 10 MB at most."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )

    def __init__(self, *args, record: PurchaseRecord | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.record = record
        self.evidence_required = record is None
        if self.evidence_required:
            self.fields["evidence_file"].required = True
            self.fields["evidence_kind"].required = True
        supplier = record.supplier if record else None
        if self.is_bound:
            supplier = find_supplier(self.data.get("supplier", "")) or supplier
        if supplier is not None:
            self.fields["products"].queryset = supplier.products.exclude(
                published=None
            ).select_related("published")
        self.has_products = supplier is not None and self.fields["products"].queryset.exists()

    def clean_evidence_file(self):
        file = self.cleaned_data.get("evidence_file")
        return check_upload(file) if file else None

    def clean(self):
        cleaned = super().clean()
        self._check_purchase("supplier", cleaned)
        if cleaned.get("evidence_file") and not cleaned.get("evidence_kind"):
            self.add_error("evidence_kind", _("Choose what kind of evidence this is."))
        return cleaned

    def record_fields(self) -> dict:
        names = ("supplier", "purchased_on", "amount", "description", "impact_description")
        fields = {name: self.cleaned_data[name] for name in names}
        fields["impacts"] = list(self.cleaned_data["impacts"])
        return fields

    def evidence(self) -> list:
        upload = self.cleaned_data.get("evidence_file")
        return [(self.cleaned_data["evidence_kind"], upload)] if upload else []


class ImportRowForm(_PurchaseFields):
    """One row of an imported file, under the template's column keys."""

    supplier_tax_id = SupplierField(label="supplier_tax_id")
    purchased_on = forms.DateField(label="purchased_on", input_formats=["%Y-%m-%d", "%Y/%m/%d"])
    amount = AmountField(label="amount", min_value=1)
    description = forms.CharField(label="description", max_length=2000)
    impacts = forms.CharField(label="impacts", required=False)
    impact_description = forms.CharField(
        label="impact_description", required=False, max_length=1000
    )

    def clean_impacts(self):
        codes = [code.strip() for code in self.cleaned_data["impacts"].split(";") if code.strip()]
        unknown = [code for code in codes if code not in SustainabilityImpact.values]
        if unknown:
            raise forms.ValidationError(
                _("Unknown impact code: %(codes)s. Use the codes listed on the import page.")
                % {"codes": ", ".join(unknown)}
            )
        return codes

    def clean(self):
        cleaned = super().clean()
        self._check_purchase("supplier_tax_id", cleaned)
        return cleaned


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Filled-in template (CSV or XLSX)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of evidence"), choices=EvidenceKind.choices)
    file = forms.FileField(
        label=_("Evidence file"),
        help_text=_("PDF, JPEG or PNG, 10 MB at most."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )

    def clean_file(self):
        return check_upload(self.cleaned_data["file"])


class SupplierAnswerForm(forms.Form):
    note = forms.CharField(
        label=_("What is wrong (required to flag)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=1000,
    )


class WithdrawForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I withdraw this record; it will no longer count"),
        error_messages={
            "required": _("Tick the box to confirm: a withdrawn record cannot be restored.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="withdraw-%s", **kwargs)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to the buyer)"), widget=forms.Textarea(attrs={"rows": 4})
    )
    # The record as the reviewer saw it (PurchaseRecord.version).
    version = forms.CharField(widget=forms.HiddenInput)


class AwardApplicationForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Award category"), queryset=AwardCategory.objects.none()
    )
    records = forms.ModelMultipleChoiceField(
        label=_("Purchase records"),
        queryset=PurchaseRecord.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Your records of the counting period (awaiting verification or verified)."),
    )
    statement = forms.CharField(
        label=_("Statement"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=_("Why your purchases deserve this award."),
    )

    def __init__(self, *args, edition, buyer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = edition.categories.all()
        self.fields["records"].queryset = (
            buyer.purchase_records.in_counting_period(edition)
            .may_count()
            .select_related("supplier")
            .order_by("purchased_on", "pk")
        )
        self.fields["records"].label_from_instance = lambda record: (
            f"{date_format(record.purchased_on)} · {record.supplier.name} · {ntd(record.amount)}"
            f" · {record.get_status_display()}"
        )


class ConsentForm(forms.Form):
    consent = forms.BooleanField(
        label=_(
            "We agree that the portal names our organisation as a featured buyer of this edition."
        ),
        required=False,
    )


class DecisionForm(forms.ModelForm):
    """The panel's decision on one award application."""

    prize_amount = AmountField(label=_("Award money (NT$)"), min_value=0, required=False)

    class Meta:
        model = AwardDecision
        fields = ["score", "rank", "note", "is_winner", "prize_amount", "certificate_text"]
        labels = {"is_winner": _("This application wins")}
        help_texts = {
            "score": _("Optional, as the panel scores (for example 87.5)."),
            "rank": _("1 is the first place. Needed for a winner."),
            "certificate_text": _("Printed on the winner's certificate. Needed for a winner."),
        }
        widgets = {
            "note": forms.Textarea(attrs={"rows": 3}),
            "certificate_text": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_winner"):
            if cleaned.get("rank") is None:
                self.add_error("rank", _("A winner needs a rank."))
            if not (cleaned.get("certificate_text") or "").strip():
                self.add_error("certificate_text", _("A winner needs the certificate's text."))
        elif cleaned.get("prize_amount"):
            self.add_error("prize_amount", _("Only a winner receives award money."))
        return cleaned

    def _post_clean(self):
        pass  # the service checks the decision against the database's rules

    def decision(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class InvitationForm(forms.Form):
    customer = forms.CharField(
        label=_("Customer"),
        max_length=150,
        help_text=_("The organisation or person you invite, as you know them."),
    )
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        help_text=_(
            "We mail the invitation to this address. Leave it empty to pass the personal "
            "link on yourself."
        ),
    )
