"""Personal-data requests (個人資料保護法 §10, §11, §13): a copy of the data, made at once by a
task and sent as a link valid for a day; correction and deletion requests answered by the
city's staff by their legal due date, extended once at most; and the closure of an account,
which erases the personal data and keeps what the law and the brochure require."""

import datetime
import tempfile
import uuid

from django.conf import settings
from django.core import signing
from django.core.files import File
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tops.mail import build_email, portal_url, queue_email, render_email
from tops.workflow import StepRefused, require_permission

from . import personal_data
from .models import (
    DATA_REQUEST_DAYS,
    DataRequestKind,
    DataRequestStatus,
    Organisation,
    PersonalDataRequest,
    PersonalDataRequestEvent,
    User,
)
from .permissions import HANDLE_DATA_REQUEST

EXPORT_VALID_FOR = datetime.timedelta(hours=24)
_EXPORT_SALT = "accounts.personal-data-export"


def _tell(organisation: Organisation, template: str, to: str | None = None, **context) -> None:
    account = organisation.account
    subject, body = render_email(
        template, {"organisation": organisation, **context}, account.preferred_language
    )
    queue_email(build_email(subject=subject, body=body, to=[to or account.email]), private=True)


def _tell_staff(request: PersonalDataRequest) -> None:
    subject, body = render_email(
        "accounts/email/data_request_staff",
        {"request": request, "organisation": request.organisation},
        settings.LANGUAGE_CODE,
    )
    queue_email(
        build_email(subject=subject, body=body, to=[settings.PERSONAL_DATA_EMAIL]), private=True
    )


def _record(request, *, from_status, to_status, by=None, note=""):
    PersonalDataRequestEvent.objects.create(
        request=request, from_status=from_status, to_status=to_status, by=by, note=note
    )


def _open(*, organisation, by, kind, details="", status=DataRequestStatus.RECEIVED):
    now = timezone.now()
    request = PersonalDataRequest.objects.create(
        organisation=organisation,
        kind=kind,
        details=details,
        received_at=now,
        due_on=timezone.localdate(now) + datetime.timedelta(days=DATA_REQUEST_DAYS[kind]),
        status=status,
    )
    _record(request, from_status="", to_status=DataRequestStatus.RECEIVED, by=by)
    return request


@transaction.atomic
def data_copy_request(*, organisation: Organisation, by: User) -> PersonalDataRequest:
    """The organisation asks for a copy of its data; a task makes it and mails the link."""
    Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.data_requests.filter(
        kind=DataRequestKind.ACCESS, status=DataRequestStatus.RECEIVED
    ).exists():
        raise StepRefused(_("Your copy is being prepared; the link will arrive by e-mail."))
    request = _open(organisation=organisation, by=by, kind=DataRequestKind.ACCESS)
    from .tasks import make_data_copy

    transaction.on_commit(lambda: make_data_copy.delay(request.pk))
    return request


def data_copy_make(request_id: int) -> PersonalDataRequest:
    """Write the copy into the private store and mail its link. Run by a worker."""
    request = PersonalDataRequest.objects.select_related("organisation__account").get(pk=request_id)
    if request.status != DataRequestStatus.RECEIVED:
        return request  # made already (a redelivered task)
    organisation = request.organisation
    with tempfile.TemporaryFile() as archive:
        personal_data.export_write(organisation, organisation.account.preferred_language, archive)
        archive.seek(0)
        with transaction.atomic():
            request = PersonalDataRequest.objects.select_for_update().get(pk=request_id)
            if request.status != DataRequestStatus.RECEIVED:
                return request
            request.export.save(f"{uuid.uuid4().hex}.zip", File(archive), save=False)
            request.status = DataRequestStatus.DONE
            request.closed_at = timezone.now()
            request.export_expires_at = request.closed_at + EXPORT_VALID_FOR
            request.save()
            _record(request, from_status=DataRequestStatus.RECEIVED, to_status=request.status)
            link = reverse("accounts:data_copy_download", args=[data_copy_token(request)])
            _tell(
                organisation,
                "accounts/email/data_copy_ready",
                link=portal_url(link),
                valid_until=timezone.localtime(request.export_expires_at),
            )
    return request


def data_copy_token(request: PersonalDataRequest) -> str:
    return signing.dumps(request.pk, salt=_EXPORT_SALT)


def data_copy_for(token: str, user: User) -> PersonalDataRequest | None:
    """The copy a link points to, for its own organisation within a day; None otherwise."""
    try:
        pk = signing.loads(token, salt=_EXPORT_SALT, max_age=EXPORT_VALID_FOR.total_seconds())
    except signing.BadSignature:
        return None
    request = (
        PersonalDataRequest.objects.filter(
            pk=pk, organisation__account=user, export_expires_at__gt=timezone.now()
        )
        .exclude(export="")
        .first()
    )
    return request


def data_copies_remove_expired(now: datetime.datetime) -> int:
    """Nightly: copies whose link has expired leave the private store (the request stays)."""
    removed = 0
    for request in PersonalDataRequest.objects.filter(export_expires_at__lte=now).exclude(
        export=""
    ):
        request.export.delete(save=False)
        PersonalDataRequest.objects.filter(pk=request.pk).update(export="")
        removed += 1
    return removed


@transaction.atomic
def data_request_open(
    *, organisation: Organisation, by: User, kind: str, details: str
) -> PersonalDataRequest:
    """A correction or deletion request, for the city's staff to answer by its due date."""
    if kind not in (DataRequestKind.CORRECTION, DataRequestKind.DELETION):
        raise StepRefused(_("Choose a correction or a deletion."), field="kind")
    if not details.strip():
        raise StepRefused(_("Say which data, and what should be done with it."), field="details")
    request = _open(organisation=organisation, by=by, kind=kind, details=details.strip())
    _tell(organisation, "accounts/email/data_request_received", request=request)
    _tell_staff(request)
    return request


def _locked(request: PersonalDataRequest) -> PersonalDataRequest:
    return PersonalDataRequest.objects.select_for_update().get(pk=request.pk)


@transaction.atomic
def data_request_extend(*, request: PersonalDataRequest, by: User, reason: str):
    """Once, by as many days again, with the reason told to the organisation (§13)."""
    require_permission(by, HANDLE_DATA_REQUEST)
    if not reason.strip():
        raise StepRefused(_("Give the reason; the organisation is told."), field="reason")
    request = _locked(request)
    to = PersonalDataRequest.workflow.target(request, "extend")
    _record(request, from_status=request.status, to_status=to, by=by, note=reason)
    request.status = to
    request.due_on += datetime.timedelta(days=DATA_REQUEST_DAYS[request.kind])
    request.save(update_fields=["status", "due_on"])
    _tell(
        request.organisation, "accounts/email/data_request_extended", request=request, reason=reason
    )
    return request


def _close(request, *, step, by, answer):
    require_permission(by, HANDLE_DATA_REQUEST)
    if not answer.strip():
        raise StepRefused(_("Write the answer; the organisation is told."), field="answer")
    request = _locked(request)
    to = PersonalDataRequest.workflow.target(request, step)
    _record(request, from_status=request.status, to_status=to, by=by, note=answer)
    request.status, request.answer, request.closed_at = to, answer, timezone.now()
    request.save(update_fields=["status", "answer", "closed_at"])
    _tell(request.organisation, "accounts/email/data_request_answered", request=request)
    return request


@transaction.atomic
def data_request_complete(*, request: PersonalDataRequest, by: User, answer: str):
    return _close(request, step="complete", by=by, answer=answer)


@transaction.atomic
def data_request_refuse(*, request: PersonalDataRequest, by: User, answer: str):
    return _close(request, step="refuse", by=by, answer=answer)


@transaction.atomic
def account_close(*, organisation: Organisation, by: User) -> PersonalDataRequest:
    """The organisation closes its account: it can no longer log in, its personal data is
    erased, and what the law and the brochure require is kept (the answer says what). Refused
    while it is a listed supplier or has an application under review."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    blockers = personal_data.closure_blockers(organisation)
    if blockers:
        raise StepRefused(" ".join(blockers))
    account = organisation.account
    address = account.email
    request = _open(
        organisation=organisation,
        by=by,
        kind=DataRequestKind.DELETION,
        details=_("Closure of the account"),
    )
    kept = personal_data.erase(organisation)
    organisation.representative = organisation.contact_name = organisation.contact_phone = ""
    organisation.save(update_fields=["representative", "contact_name", "contact_phone"])
    account.email = account.first_name = account.last_name = ""
    account.is_active = False
    account.set_unusable_password()
    account.save()
    # An unusable password also ends every session the account had open.
    account.emailaddress_set.all().delete()
    account.authenticator_set.all().delete()
    request.status = DataRequestStatus.DONE
    with translation.override(account.preferred_language):
        request.answer = "\n".join(str(text) for text in kept)
    request.closed_at = timezone.now()
    request.save(update_fields=["status", "answer", "closed_at"])
    _record(
        request,
        from_status=DataRequestStatus.RECEIVED,
        to_status=request.status,
        by=by,
        note=request.answer,
    )
    # The last mail goes to the address the account had.
    _tell(organisation, "accounts/email/account_closed", to=address, request=request, kept=kept)
    return request
