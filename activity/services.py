"""Writing to the activity log: every app calls ``activity_record`` inside the transaction
of the step it logs, so that the entry exists exactly when the step does."""

from django.contrib.contenttypes.models import ContentType

from .models import Activity, ActivityKind


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
