"""The private-file kit: uploads that reach only the people their record lets through
(application documents, report evidence, purchase evidence; product pictures waiting for their
renditions reach nobody), and never as something a browser would run. One set of fields, one
way to store a checked upload, one way to serve it.

A file is written under ``staging/`` and moved to its name once the transaction that records
it commits; a transaction that rolls back (or a process that dies) leaves only a staged file,
which the nightly sweep removes. Deleting a record deletes its file once that commits.
"""

import datetime
import logging
import os
import uuid
from pathlib import Path

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .uploads import CheckedUpload


class PrivateFile(models.Model):
    """A checked upload in the private store. Subclasses add the ``file`` field (with the
    folder it goes to) and say who may read it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    original_name = models.CharField(_("uploaded file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.original_name

    def readable_by(self, user) -> bool:
        """Whether ``user`` may open the file; anyone else gets a 404."""
        raise NotImplementedError


logger = logging.getLogger(__name__)

STAGING = "staging"
# A staged file younger than this may still belong to a transaction in progress.
STAGING_GRACE = datetime.timedelta(hours=1)


def private_file_store(item: PrivateFile, upload: CheckedUpload, *, stem: str) -> PrivateFile:
    """Fill in what was checked and stage the content under a generated name (never the
    uploader's); it takes that name when the transaction commits. The caller saves the row,
    inside its transaction."""
    if not transaction.get_connection().in_atomic_block:
        # Outside a transaction the file would take its name before its row exists.
        raise RuntimeError("store a private file inside the transaction that records it")
    item.original_name = upload.original_name
    item.content_type = upload.content_type
    item.size = upload.size
    item.sha256 = upload.sha256
    field = item.file.field
    name = field.generate_filename(item, f"{stem}{upload.extension}")
    storage = item.file.storage
    staged = storage.save(f"{STAGING}/{name}", ContentFile(upload.content))
    item.file.name = staged.removeprefix(f"{STAGING}/")
    final = item.file.name
    # robust: a failed move must not cost the answer or the callbacks after it (the mail);
    # the file is read from staging meanwhile and the nightly sweep finishes the move.
    transaction.on_commit(lambda: _promote(storage, staged, final), robust=True)
    return item


def _promote(storage, staged: str, final: str) -> None:
    if isinstance(storage, FileSystemStorage):
        target = Path(storage.path(final))
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(storage.path(staged), target)
        return
    # An object store copies on its side; the content does not pass through here.
    bucket = storage.bucket
    bucket.Object(storage._normalize_name(final)).copy_from(
        CopySource={"Bucket": bucket.name, "Key": storage._normalize_name(staged)}
    )
    storage.delete(staged)


def private_file_open(file):
    """The file's content, also while it still waits in staging (read in the transaction
    that stored it, or before a failed move is finished)."""
    try:
        return file.storage.open(file.name, "rb")
    except FileNotFoundError:
        return file.storage.open(f"{STAGING}/{file.name}", "rb")


def _delete_file_on_commit(sender, instance, **kwargs):
    if instance.file and instance.file.name:
        storage, name = instance.file.storage, instance.file.name
        transaction.on_commit(lambda: storage.delete(name))


def delete_files_with_their_records():
    """Connected in ``TopsConfig.ready()``: a deleted record takes its file along."""
    for model in private_file_models():
        post_delete.connect(_delete_file_on_commit, sender=model, weak=False)


def private_file_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, PrivateFile) and not model._meta.abstract
    ]


def _staged_files(storage, folder=STAGING):
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from _staged_files(storage, f"{folder}/{sub}")


def sweep_staged_files(now: datetime.datetime | None = None) -> dict:
    """Staged files older than an hour: moved to their name when their record exists (the
    process died between commit and move), deleted otherwise (the transaction rolled back)."""
    from .storage import private_storage

    now = now or timezone.now()
    counts = {"promoted": 0, "deleted": 0}
    for staged in list(_staged_files(private_storage)):
        if now - private_storage.get_modified_time(staged) < STAGING_GRACE:
            continue
        final = staged.removeprefix(f"{STAGING}/")
        recorded = any(model.objects.filter(file=final).exists() for model in private_file_models())
        if recorded and not private_storage.exists(final):
            _promote(private_storage, staged, final)
            counts["promoted"] += 1
        else:
            private_storage.delete(staged)
            counts["deleted"] += 1
    if any(counts.values()):
        logger.info("staged private files swept: %s", counts)
    return counts


def private_file_response(file, *, content_type: str, filename: str):
    storage = file.storage
    if not isinstance(storage, FileSystemStorage):
        # Object storage: a short-lived signed URL, so the file never passes through here.
        # (A move that failed after its commit is finished by the nightly sweep.)
        return redirect(storage.url(file.name))
    response = FileResponse(
        private_file_open(file), content_type=content_type, as_attachment=False, filename=filename
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


def private_file_download(request, queryset, public_id):
    """The one download view: the file for whoever its record lets through, 404 for anyone
    else (so that a guessed link tells nothing)."""
    item = queryset.filter(public_id=public_id).first()
    if item is None or not request.user.is_authenticated or not item.readable_by(request.user):
        raise Http404
    return private_file_response(
        item.file, content_type=item.content_type, filename=item.original_name
    )
