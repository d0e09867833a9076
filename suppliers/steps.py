"""The application form's steps, in order, and how far an application has got through them."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

STEPS = (
    ("company", _("Registration and address")),
    ("size", _("Size and founding date")),
    ("declarations", _("Declarations")),
    ("profile", _("Public profile")),
    ("documents", _("Documents")),
    ("submit", _("Check and submit")),
)


def correction_label(part: str):
    """What a correction item ("step:size", "document:<kind>") is called, in the reader's
    language (a lazy string: it is translated when shown)."""
    from .models import DocumentKind

    kind, _sep, key = part.partition(":")
    if kind == "step":
        return dict(STEPS).get(key, part)
    if key in DocumentKind.values:
        return DocumentKind(key).label
    return part


def step_url(step: str) -> str:
    if step == "documents":
        return reverse("suppliers:application_documents")
    if step == "submit":
        return reverse("suppliers:application_submit")
    return reverse("suppliers:application_step", kwargs={"step": step})


def next_step(step: str) -> str:
    keys = [key for key, _label in STEPS]
    return step_url(keys[min(keys.index(step) + 1, len(keys) - 1)])


def step_progress(application) -> list[dict]:
    from .services import application_missing_items

    missing = application_missing_items(application)
    return [
        {
            "key": key,
            "label": label,
            "url": step_url(key),
            "missing": [item.message for item in missing if item.step == key],
        }
        for key, label in STEPS
    ]


def resume_url(progress: list[dict]) -> str:
    """Where the applicant left off: the first step of the progress with something missing."""
    for step in progress:
        if step["missing"]:
            return step["url"]
    return step_url("submit")
