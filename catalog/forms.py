from django import forms
from django.utils.translation import gettext_lazy as _

from tops.money import AmountField
from tops.uploads import IMAGE_FORMATS, check_upload

from .models import RETURN_REASONS, Pavilion, ProductImage, ProductVersion, ReturnReason
from .services import MAX_PICTURES, Picture


class ProductForm(forms.ModelForm):
    pavilion = forms.ModelChoiceField(
        label=_("Pavilion"), queryset=Pavilion.objects.all(), empty_label=None
    )

    class Meta:
        model = ProductVersion
        fields = ["name", "summary", "description", "specifications", "price", "price_on_request"]
        field_classes = {"price": AmountField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "specifications": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "price": _(
                "In whole NT$, tax included. Leave empty and tick the box below for "
                "“price on request”."
            ),
        }

    def __init__(self, *args, pavilion_fixed=False, **kwargs):
        super().__init__(*args, **kwargs)
        if pavilion_fixed:
            self.fields["pavilion"].disabled = True
            self.fields["pavilion"].help_text = _("A listed product stays in its pavilion.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("price_on_request"):
            cleaned["price"] = None
        elif cleaned.get("price") is None and "price" not in self.errors:
            self.add_error("price", _("Enter a price, or tick “price on request”."))
        return cleaned

    def content(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


FAILED_PICTURE = _(
    "This picture could not be processed: it may be damaged. Please upload it again, or remove it."
)


class PictureForm(forms.Form):
    existing = forms.IntegerField(required=False, widget=forms.HiddenInput)
    file = forms.FileField(
        label=_("Picture"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    alt_text = forms.CharField(
        label=_("What the picture shows (for people who cannot see it)"),
        max_length=200,
        required=False,
    )
    order = forms.IntegerField(
        label=_("Order"),
        min_value=1,
        max_value=MAX_PICTURES,
        required=False,
        help_text=_("1 is the cover picture."),
    )
    remove = forms.BooleanField(label=_("Remove this picture"), required=False)

    def clean_file(self):
        # Only the header here (format, pixel count): a worker decodes the picture afterwards.
        file = self.cleaned_data.get("file")
        return check_upload(file, formats=IMAGE_FORMATS, decode=False) if file else None

    def clean(self):
        cleaned = super().clean()
        used = (cleaned.get("file") or cleaned.get("existing")) and not cleaned.get("remove")
        if used and not cleaned.get("alt_text", "").strip():
            self.add_error("alt_text", _("Describe the picture."))
        return cleaned


class BasePictureFormSet(forms.BaseFormSet):
    def __init__(self, *args, images=(), **kwargs):
        self.images = {image.pk: image for image in images}
        super().__init__(*args, **kwargs)
        for form in self.forms:
            # The picture a row keeps, shown beside it (ready, processing or failed).
            form.image = self.images.get(form.initial.get("existing"))

    def clean(self):
        for form in self.forms:
            data = getattr(form, "cleaned_data", {})
            image = self.images.get(data.get("existing"))
            failed = image is not None and image.state == ProductImage.State.FAILED
            if failed and not data.get("file") and not data.get("remove"):
                form.add_error("file", FAILED_PICTURE)
        if any(self.errors):
            return
        if not self.pictures():
            raise forms.ValidationError(_("Add at least one picture."))

    def pictures(self) -> list[Picture]:
        """The pictures kept or added, in the order chosen (rows without a number keep their
        place after the numbered ones)."""
        chosen = []
        for _index, form in sorted(
            enumerate(self.forms),
            key=lambda pair: (
                getattr(pair[1], "cleaned_data", {}).get("order") or MAX_PICTURES + 1,
                pair[0],
            ),
        ):
            data = getattr(form, "cleaned_data", {})
            if not data or data.get("remove"):
                continue
            if data.get("file"):
                chosen.append(Picture(alt_text=data["alt_text"], upload=data["file"]))
            elif data.get("existing") in self.images:
                chosen.append(
                    Picture(alt_text=data["alt_text"], existing=self.images[data["existing"]])
                )
        return chosen


PictureFormSet = forms.formset_factory(
    PictureForm,
    formset=BasePictureFormSet,
    extra=0,
    max_num=MAX_PICTURES,
    absolute_max=MAX_PICTURES,
)


def picture_formset(data=None, files=None, *, images: list[ProductImage] = ()):
    """Rows for the current pictures, then empty rows up to the maximum of 8."""
    initial = [
        {"existing": image.pk, "alt_text": image.alt_text, "order": position}
        for position, image in enumerate(images, start=1)
    ]
    initial += [{} for _ in range(MAX_PICTURES - len(initial))]
    return PictureFormSet(data, files, initial=initial, images=images, prefix="pictures")


class ReturnForm(forms.Form):
    reasons = forms.MultipleChoiceField(
        label=_("Reasons (參.二(六))"),
        choices=RETURN_REASONS,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("Note to the supplier"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class DelistForm(forms.Form):
    reasons = forms.MultipleChoiceField(
        label=_("Reasons (參.二(六))"),
        choices=ReturnReason.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one reason.")},
    )
    note = forms.CharField(
        label=_("Note to the supplier"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Tell the supplier what to fix.")},
    )


class InquiryForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    message = forms.CharField(
        label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
