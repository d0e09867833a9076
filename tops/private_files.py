"""The private-file kit: uploads that reach only the people their record lets through
(application documents, report evidence, purchase evidence), and never as something a browser
would run. One set of fields, one way to store a checked upload, one way to serve it."""

import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.http import FileResponse, Http404
from django.shortcuts import redirect
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


def private_file_store(item: PrivateFile, upload: CheckedUpload, *, stem: str) -> PrivateFile:
    """Fill in what was checked and save the content under a generated name (never the
    uploader's). The caller saves the row, inside its transaction."""
    item.original_name = upload.original_name
    item.content_type = upload.content_type
    item.size = upload.size
    item.sha256 = upload.sha256
    item.file.save(f"{stem}{upload.extension}", ContentFile(upload.content), save=False)
    return item


def private_file_response(file, *, content_type: str, filename: str):
    storage = file.storage
    if not isinstance(storage, FileSystemStorage):
        # Object storage: a short-lived signed URL, so the file never passes through here.
        return redirect(storage.url(file.name))
    response = FileResponse(
        file.open("rb"), content_type=content_type, as_attachment=False, filename=filename
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
