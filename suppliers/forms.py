import re
import unicodedata

from django import forms
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from tops.money import AmountField
from tops.uploads import DOCUMENT_FORMATS, IMAGE_FORMATS, check_upload

from .models import Application, District, DocumentKind, ProfileChange

# An address typed with another city or county in front is outside Taipei. Street names
# such as 基隆路 or 桃園街 are in Taipei, so only a leading city counts.
OTHER_CITY = re.compile(
    r"^(\d{3,6})?\s*(新北|桃園|[臺台]中|[臺台]南|高雄|基隆|新竹|嘉義|苗栗|彰化|南投|雲林|屏東"
    r"|宜蘭|花蓮|[臺台]東|澎湖|金門|連江)[市縣]"
)
TAIPEI_PREFIX = re.compile(r"^\s*(\d{3,6})?\s*[臺台]北市\s*(?:(\S{2})區)?")


def taipei_street_address(value: str, district: str) -> str:
    """The part of a registered address after the district, refused when it names another
    city or another district than the one chosen."""
    address = unicodedata.normalize("NFKC", value).strip()
    prefix = TAIPEI_PREFIX.match(address)
    if prefix and prefix.group(2):
        with translation.override("zh-hant"):
            chosen_name = str(District(district).label) if district else ""
        if chosen_name and not chosen_name.startswith(prefix.group(2)):
            raise forms.ValidationError(
                _("The address names another district than the one chosen above."),
                code="district_mismatch",
            )
    address = TAIPEI_PREFIX.sub("", address).strip()
    if OTHER_CITY.search(address):
        raise forms.ValidationError(
            _(
                "The registered address must be in Taipei City: enter only the part "
                "after the district."
            ),
            code="outside_taipei",
        )
    return address


class StepForm(forms.ModelForm):
    """One step of the application; every field may be left empty while it is a draft."""

    declarations: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False

    def declarations_made(self) -> dict[str, bool]:
        return {name: bool(self.cleaned_data.get(name)) for name in self.declarations}

    def changed_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class CompanyForm(StepForm):
    not_foreign_branch = forms.BooleanField(
        label=_("We declare that the organisation is not a Taiwan branch of a foreign enterprise."),
        required=False,
    )
    declarations = ("not_foreign_branch",)

    class Meta:
        model = Application
        fields = ["registration_type", "district", "street_address"]
        widgets = {"registration_type": forms.RadioSelect}
        help_texts = {
            "district": _("The registered address must be in Taipei City."),
            "street_address": _(
                "The rest of the registered address after the district, for example "
                "信義路五段7號10樓."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration_type"].choices = self.fields["registration_type"].choices[1:]
        self.fields["not_foreign_branch"].initial = bool(
            self.instance.declared_not_foreign_branch_at
        )

    def clean_street_address(self):
        return taipei_street_address(
            self.cleaned_data["street_address"], self.cleaned_data.get("district")
        )


class SizeForm(StepForm):
    paid_in_capital = AmountField(
        label=_("Paid-in capital (NT$)"),
        min_value=0,
        required=False,
        help_text=_("As on the registration; whole dollars, for example 5,000,000."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    class Meta:
        model = Application
        fields = ["paid_in_capital", "regular_employees", "founded_on"]
        widgets = {"founded_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        labels = {
            "regular_employees": _("Regular employees"),
            "founded_on": _("Founding date"),
        }
        help_texts = {
            "regular_employees": _(
                "The number insured on your latest labour-insurance payment list."
            ),
            "founded_on": _("The date of the company's or business's founding registration."),
        }

    def clean_founded_on(self):
        founded_on = self.cleaned_data["founded_on"]
        if founded_on and founded_on > timezone.localdate():
            raise forms.ValidationError(
                _("The founding date cannot be in the future."), code="future"
            )
        return founded_on


class DeclarationsForm(forms.Form):
    invoices = forms.BooleanField(
        label=_(
            "We can issue uniform invoices, or receipts stamped with the company and "
            "responsible-person seals (and the invoice-exemption seal where it applies)."
        ),
        required=False,
    )
    no_violations = forms.BooleanField(
        label=_("We declare that none of the 7 situations in the table above applies to us."),
        required=False,
    )
    obligations = forms.BooleanField(
        label=_("We accept the supplier obligations listed above."), required=False
    )
    declarations = ("invoices", "no_violations", "obligations")

    def __init__(self, *args, instance: Application, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance = instance
        self.fields["invoices"].initial = bool(instance.declared_invoices_at)
        self.fields["no_violations"].initial = bool(instance.declared_no_violations_at)
        self.fields["obligations"].initial = bool(instance.accepted_obligations_at)

    def declarations_made(self) -> dict[str, bool]:
        return {name: bool(self.cleaned_data.get(name)) for name in self.declarations}

    def changed_fields(self) -> dict:
        return {}


class ProfileForm(StepForm):
    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        help_text=_("Optional, for example https://www.example.com.tw"),
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("Optional. A JPEG or PNG image, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )

    class Meta:
        model = Application
        fields = ["introduction", "website"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "introduction": _("What your organisation does, for buyers to read (required)."),
        }

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        return check_upload(logo, formats=IMAGE_FORMATS) if logo else None

    def changed_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class SeveralFilesInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class SeveralFilesField(forms.FileField):
    """The files chosen at once, as a list."""

    widget = SeveralFilesInput

    def clean(self, data, initial=None):
        files = [file for file in data or [] if file]
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return files


class DocumentUploadForm(forms.Form):
    """One document, or several at once where a kind takes several (product evidence). Each
    file is checked on its own: the good ones are kept in ``checked`` to be uploaded, and each
    refused one is named beside the field with the reason."""

    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}),
        error_messages={"required": _("Choose a file to upload.")},
    )

    def __init__(self, *args, kind: str, **kwargs):
        kwargs.setdefault("prefix", kind)
        super().__init__(*args, **kwargs)
        self.kind = kind
        if kind == DocumentKind.PRODUCT_EVIDENCE:
            self.fields["file"] = SeveralFilesField(
                widget=SeveralFilesInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}),
                error_messages={"required": _("Choose one or more files to upload.")},
                help_text=_("You can choose several files at once."),
            )
        self.fields["file"].label = DocumentKind(kind).label
        self.checked = []

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("file")
        for file in chosen if isinstance(chosen, list) else [chosen] if chosen else []:
            try:
                self.checked.append(check_upload(file, formats=DOCUMENT_FORMATS))
            except forms.ValidationError as refused:
                self.add_error("file", refused)  # the message names the file
        return cleaned


STEP_FORMS = {
    "company": CompanyForm,
    "size": SizeForm,
    "declarations": DeclarationsForm,
    "profile": ProfileForm,
}


class ProfileChangeForm(forms.ModelForm):
    """The public profile and registered data as the supplier wants them; a reviewer accepts
    the change before the public sees it."""

    logo_upload = forms.FileField(
        label=_("New logo"),
        required=False,
        help_text=_("Optional. A JPEG or PNG image, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    paid_in_capital = AmountField(
        label=_("Paid-in capital (NT$)"),
        min_value=0,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    class Meta:
        model = ProfileChange
        fields = [
            "name",
            "introduction",
            "website",
            "name_en",
            "summary_en",
            "district",
            "street_address",
            "paid_in_capital",
            "regular_employees",
        ]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 6})}
        labels = {"regular_employees": _("Regular employees")}

    def clean_logo_upload(self):
        logo = self.cleaned_data.get("logo_upload")
        return check_upload(logo, formats=IMAGE_FORMATS) if logo else None

    def clean_street_address(self):
        return taipei_street_address(
            self.cleaned_data["street_address"], self.cleaned_data.get("district")
        )

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class WithdrawalForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you wish to withdraw?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "For example: the business has changed, or the registered address moved out of Taipei."
        ),
        error_messages={"required": _("Tell us why you wish to withdraw.")},
    )
    confirm = forms.BooleanField(
        label=_(
            "On behalf of the organisation, I ask in writing to cancel its supplier listing. "
            "All our products will leave the portal."
        ),
        error_messages={"required": _("Tick this box to make the request.")},
    )
