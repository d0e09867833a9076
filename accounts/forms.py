from allauth.account import forms as allauth_forms
from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import services
from .models import DataRequestKind, Organisation, OrganisationType
from .phone import display_phone, normalise_phone
from .tax_id import normalise_tax_id, validate_tax_id


class TaxIdField(forms.CharField):
    default_validators = [validate_tax_id]

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Unified Business Number (統一編號)"))
        kwargs.setdefault(
            "help_text",
            _("Your organisation's 8-digit number. It is also your username for logging in."),
        )
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "username"})

    def to_python(self, value):
        return normalise_tax_id(super().to_python(value))


class PhoneField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Contact phone"))
        kwargs.setdefault(
            "help_text",
            _("A landline with area code, extension optional (02-2720-8889 #6627), or a mobile."),
        )
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)
        self.widget.input_type = "tel"
        self.widget.attrs.setdefault("autocomplete", "tel")

    def prepare_value(self, value):
        # Show a stored number (tel:+886-…) the way people write it; keep what was typed as is.
        if isinstance(value, str) and value.startswith("tel:"):
            return display_phone(value)
        return value

    def clean(self, value):
        value = super().clean(value)
        return normalise_phone(value) if value else value


ORGANISATION_FIELDS = ["type", "name", "representative", "industry", "contact_name"]


class BuyerSignupForm(allauth_forms.SignupForm):
    """參.一(四)2: the account (統一編號 and password) and the organisation's basic data."""

    type = forms.ChoiceField(
        label=_("Organisation type"), choices=Organisation._meta.get_field("type").choices
    )
    name = forms.CharField(label=_("Organisation's full name"), max_length=200)
    representative = forms.CharField(label=_("Representative's name"), max_length=100)
    industry = forms.ChoiceField(
        label=_("Industry"), choices=Organisation._meta.get_field("industry").choices
    )
    contact_name = forms.CharField(label=_("Contact person's name"), max_length=100)
    contact_phone = PhoneField()
    newsletter = forms.BooleanField(
        label=_("Send the procurement newsletter to the contact e-mail"),
        required=False,
        help_text=_("Optional; you can unsubscribe from any issue with one click."),
    )

    field_order = [
        "username",
        "type",
        "name",
        "representative",
        "industry",
        "contact_name",
        "email",
        "contact_phone",
        "newsletter",
        "password1",
        "password2",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"] = TaxIdField()
        self.fields["email"].label = _("Contact e-mail")
        self.fields["email"].help_text = _(
            "The activation code is sent here; you can also log in with this address."
        )
        for name in ("type", "industry"):
            self.fields[name].choices = [("", "---------"), *self.fields[name].choices]
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)
        self.order_fields(self.field_order)

    def clean_username(self):
        tax_id = self.cleaned_data["username"]
        if services.tax_id_is_registered(tax_id):
            raise self._tax_id_taken()
        return tax_id

    def _tax_id_taken(self):
        return forms.ValidationError(
            format_html(
                _(
                    "An account with this Unified Business Number already exists. "
                    'If it is yours, <a href="{}">reset its password</a>.'
                ),
                reverse("account_reset_password"),
            ),
            code="taken",
        )

    def conflict_error(self):
        """(field, error) for a sign-up that lost a race with another for the same 統一編號 or
        e-mail address: the same message as the form's own check."""
        if services.tax_id_is_registered(self.cleaned_data["username"]):
            return "username", self._tax_id_taken()
        return "email", forms.ValidationError(
            _("Another account has just been opened with this e-mail address."), code="taken"
        )

    @staticmethod
    def initial_from_registry(data, company) -> tuple[dict, list[str]]:
        """What the form shows after asking the registry: everything as typed, and the name
        and representative from the registry where the person left them empty. Also the
        labels of the fields filled in."""
        initial = {name: data.get(name, "") for name in SIGNUP_FIELDS_KEPT}
        filled = []
        for name, value in (("name", company.name), ("representative", company.representative)):
            if not initial[name].strip() and value:
                initial[name] = value
                filled.append(name)
        if not initial["type"]:
            initial["type"] = OrganisationType.REGISTERED_COMPANY  # the registry of companies
            filled.append("type")
        return initial, filled

    def signup(self, request, user):
        services.organisation_register(
            account=user,
            language=request.LANGUAGE_CODE,
            newsletter=self.cleaned_data["newsletter"],
            **{name: self.cleaned_data[name] for name in [*ORGANISATION_FIELDS, "contact_phone"]},
        )


# Everything but the passwords, which are never sent back to the page.
SIGNUP_FIELDS_KEPT = [*BuyerSignupForm.field_order[:-2]]


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("Unified Business Number or e-mail")
        self.fields["login"].widget.attrs.pop("placeholder", None)
        self.fields["password"].widget.attrs.pop("placeholder", None)

    def clean_login(self):
        return normalise_tax_id(super().clean_login())


class OrganisationForm(forms.ModelForm):
    """The buyer's own data; the 統一編號 and the contact e-mail are changed elsewhere."""

    contact_phone = PhoneField()

    # What the review of a supplier application looks at stays as submitted until decided.
    REVIEWED_FIELDS = ("type", "name", "representative")

    class Meta:
        model = Organisation
        fields = [*ORGANISATION_FIELDS, "contact_phone", "newsletter"]
        labels = {
            "newsletter": _("Send the procurement newsletter to the contact e-mail"),
            "type": _("Organisation type"),
            "name": _("Organisation's full name"),
        }

    def __init__(self, *args, under_review=False, **kwargs):
        super().__init__(*args, **kwargs)
        if under_review:
            for name in self.REVIEWED_FIELDS:
                self.fields[name].disabled = True
                self.fields[name].help_text = _(
                    "Cannot be changed while your supplier application is being reviewed."
                )


class DataRequestForm(forms.Form):
    """A correction or deletion request (個人資料保護法 §11)."""

    kind = forms.ChoiceField(
        label=_("What do you ask for?"),
        choices=[
            (DataRequestKind.CORRECTION, _("Correct data that is wrong")),
            (DataRequestKind.DELETION, _("Delete some of our data")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a correction or a deletion.")},
    )
    details = forms.CharField(
        label=_("Which data, and what should be done with it"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "The data you can edit yourself (organisation data, e-mail, password) you change "
            "on the organisation page; write here about anything else."
        ),
        error_messages={"required": _("Say which data, and what should be done with it.")},
    )


class StaffAnswerForm(forms.Form):
    """Staff answer a personal-data request, or say why it takes longer."""

    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write it down: the organisation is told.")},
    )

    def __init__(self, *args, label, help_text="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = label
        self.fields["text"].help_text = help_text


class AccountCloseForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password to close the account.")},
    )
    understood = forms.BooleanField(
        label=_("I understand that the account cannot be opened again."),
        error_messages={"required": _("Tick the box to confirm.")},
    )

    def __init__(self, *args, account, **kwargs):
        super().__init__(*args, **kwargs)
        self.account = account

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.account.check_password(password):
            raise forms.ValidationError(_("That is not the account's password."))
        return password
