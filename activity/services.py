"""Writing to the activity log: every app calls ``activity_record`` inside the transaction
of the step it logs, so that the entry exists exactly when the step does."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from tops.mail import build_email, queue_email, render_email
from tops.workflow import StepRefused

from .models import Activity, ActivityKind, Hold


def activity_record(*, kind: ActivityKind, by, action: str, subject=None, note: str = ""):
    return Activity.objects.create(
        kind=kind,
        by=by if getattr(by, "pk", None) else None,
        action=str(action)[:200],
        subject_type=ContentType.objects.get_for_model(subject) if subject is not None else None,
        subject_id=str(subject.pk) if subject is not None else "",
        subject_name=str(subject)[:300] if subject is not None else "",
        note=note,
    )


def _held(subject):
    return Hold.objects.select_for_update().filter(
        subject_type=ContentType.objects.get_for_model(subject), subject_id=str(subject.pk)
    )


def holder_of(subject):
    hold = (
        Hold.objects.filter(
            subject_type=ContentType.objects.get_for_model(subject), subject_id=str(subject.pk)
        )
        .select_related("holder")
        .first()
    )
    return hold.holder if hold else None


@transaction.atomic
def hold_take(*, subject, by, from_colleague: bool = False) -> Hold:
    """``by`` takes ``subject``. Taking it from a colleague must be asked for; it is logged
    and the colleague is mailed."""
    hold = _held(subject).first()
    if hold is None:
        try:
            with transaction.atomic():
                return Hold.objects.create(
                    subject_type=ContentType.objects.get_for_model(subject),
                    subject_id=str(subject.pk),
                    holder=by,
                )
        except IntegrityError:  # a colleague took it in the same instant
            hold = _held(subject).get()
    if hold.holder_id == by.pk:
        return hold
    previous = hold.holder
    if not from_colleague:
        raise StepRefused(_("%(name)s has already taken this.") % {"name": previous.get_username()})
    hold.holder, hold.taken_at = by, timezone.now()
    hold.save(update_fields=["holder", "taken_at"])
    activity_record(
        kind=ActivityKind.TAKE_OVER,
        by=by,
        action=gettext_noop("Took over a product's moderation"),
        subject=subject,
        note=f"{previous.get_username()} → {by.get_username()}",
    )
    if previous.email:
        subject_line, body = render_email(
            "activity/email/taken_over",
            {"subject": subject, "by": by},
            getattr(previous, "preferred_language", "") or settings.LANGUAGE_CODE,
        )
        queue_email(build_email(subject=subject_line, body=body, to=[previous.email]))
    return hold


def hold_require(*, subject, by) -> None:
    """Called inside a step's transaction: the step is ``by``'s to take only if they hold
    ``subject`` (a step on a record nobody holds takes it)."""
    hold = _held(subject).first()
    if hold is None:
        hold_take(subject=subject, by=by)
    elif hold.holder_id != by.pk:
        raise StepRefused(
            _("%(name)s holds this. Take it over from them first; they will be told.")
            % {"name": hold.holder.get_username()}
        )


def hold_release(*, subject) -> None:
    """The step that ends the moderation (a version listed or returned) frees the record."""
    _held(subject).delete()
