import uuid

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from tops.money import AmountField
from tops.uploads import IMAGE_FORMATS, check_upload

from .images import picture_hold
from .models import (
    RETURN_REASONS,
    Pavilion,
    PictureUpload,
    ProductImage,
    ProductVersion,
    ReturnReason,
)
from .services import CONTENT_FIELDS, MAX_PICTURES, Picture


class ProductForm(forms.ModelForm):
    pavilion = forms.ModelChoiceField(
        label=_("Pavilion"), queryset=Pavilion.objects.all(), empty_label=None
    )

    class Meta:
        model = ProductVersion
        fields = list(CONTENT_FIELDS)
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
    # A picture chosen earlier and held for this form (``catalog.images.picture_hold``).
    held = forms.UUIDField(required=False, widget=forms.HiddenInput)
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

    held_upload = None  # set by the formset: the picture held for this row, if any

    def clean_file(self):
        # Only the header here (format, pixel count): a worker decodes the picture afterwards.
        file = self.cleaned_data.get("file")
        return check_upload(file, formats=IMAGE_FORMATS, decode=False) if file else None

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("file") or self.held_upload or cleaned.get("existing")
        if chosen and not cleaned.get("remove") and not cleaned.get("alt_text", "").strip():
            self.add_error("alt_text", _("Describe the picture."))
        return cleaned


class PictureHoldForm(forms.Form):
    """One picture, uploaded as soon as it is chosen on the product form."""

    file = forms.FileField(error_messages={"required": _("Choose a picture to upload.")})

    def clean_file(self):
        return check_upload(self.cleaned_data["file"], formats=IMAGE_FORMATS, decode=False)


class BasePictureFormSet(forms.BaseFormSet):
    def __init__(self, *args, images=(), holder=None, **kwargs):
        self.images = {image.pk: image for image in images}
        self.holder = holder
        super().__init__(*args, **kwargs)
        held = {}
        if self.is_bound and holder is not None:
            chosen = [self.data.get(form.add_prefix("held")) for form in self.forms]
            held = {
                str(upload.public_id): upload
                for upload in PictureUpload.objects.filter(
                    held_by=holder, public_id__in=[value for value in chosen if _is_uuid(value)]
                )
            }
        for form in self.forms:
            # The picture a row keeps, shown beside it (ready, processing or failed).
            form.image = self.images.get(form.initial.get("existing"))
            form.held_upload = held.get(self.data.get(form.add_prefix("held"))) if held else None

    batch_overflow = 0

    def clean(self):
        if self.batch_overflow:
            raise forms.ValidationError(
                ngettext(
                    "A product has at most 8 pictures: %(count)s picture you chose was not added.",
                    "A product has at most 8 pictures: %(count)s pictures you chose were not "
                    "added.",
                    self.batch_overflow,
                )
                % {"count": self.batch_overflow}
            )
        for form in self.forms:
            data = getattr(form, "cleaned_data", {})
            image = self.images.get(data.get("existing"))
            failed = image is not None and image.state == ProductImage.State.FAILED
            if failed and not data.get("file") and not form.held_upload and not data.get("remove"):
                form.add_error("file", FAILED_PICTURE)
        if any(self.errors):
            return
        if not self.pictures():
            raise forms.ValidationError(_("Add at least one picture."))

    def hold_chosen_files(self) -> None:
        """Keep every picture chosen in this request that passed its check, for the next
        showing of the form: an error anywhere else then costs the supplier none of them."""
        for form in self.forms:
            file = getattr(form, "cleaned_data", {}).get("file")
            if not file:
                continue
            form.held_upload = picture_hold(by=self.holder, upload=file)
            form.cleaned_data["file"] = None
            # Shown again with the page: the row now carries the held picture, not the file.
            form.data[form.add_prefix("held")] = str(form.held_upload.public_id)

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
            if data.get("file") or form.held_upload:
                upload = data.get("file") or form.held_upload
                chosen.append(Picture(alt_text=data["alt_text"], upload=upload))
            elif data.get("existing") in self.images:
                chosen.append(
                    Picture(alt_text=data["alt_text"], existing=self.images[data["existing"]])
                )
        return chosen


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


PictureFormSet = forms.formset_factory(
    PictureForm,
    formset=BasePictureFormSet,
    extra=0,
    max_num=MAX_PICTURES,
    absolute_max=MAX_PICTURES,
)

BATCH_FIELD = "pictures-batch"


def picture_formset(data=None, files=None, *, images: list[ProductImage] = (), holder=None):
    """Rows for the current pictures, then empty rows up to the maximum of 8.

    Sent, the form's data is copied so that the rows can carry the pictures held for them; the
    pictures chosen several at once (``pictures-batch``) each take the next free row."""
    initial = [
        {"existing": image.pk, "alt_text": image.alt_text, "order": position}
        for position, image in enumerate(images, start=1)
    ]
    initial += [{} for _ in range(MAX_PICTURES - len(initial))]
    overflow = 0
    if data is not None:
        data, files = data.copy(), files.copy() if files is not None else None
        overflow = _batch_into_free_rows(data, files)
    formset = PictureFormSet(
        data, files, initial=initial, images=images, holder=holder, prefix="pictures"
    )
    formset.batch_overflow = overflow
    return formset


def _batch_into_free_rows(data, files) -> int:
    """Put each picture chosen at once into the next row without a picture; returns how many
    found no free row."""
    batch = files.getlist(BATCH_FIELD) if files is not None else []
    if not batch:
        return 0
    files.pop(BATCH_FIELD)
    free = [
        row
        for row in range(MAX_PICTURES)
        if not any(data.get(f"pictures-{row}-{name}") for name in ("existing", "held"))
        and not files.get(f"pictures-{row}-file")
    ]
    for row, file in zip(free, batch, strict=False):
        files[f"pictures-{row}-file"] = file
    return max(0, len(batch) - len(free))


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
