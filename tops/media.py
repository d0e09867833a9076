"""Public media (product pictures, suppliers' logos) served by the portal itself, on the
embedded default only: when the default store is the local disk. In production the proxy
serves ``/media/`` (from the public bucket, or from the disk it shares), and the request never
reaches here.

Only files, never a folder's listing; only the picture formats the portal writes, with the
content type their name says (and ``nosniff``, from the security settings); never anything of
the private store, even if it were set up inside ``MEDIA_ROOT``."""

import os
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import FileSystemStorage, storages
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponseNotModified
from django.utils._os import safe_join
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from django.views.static import was_modified_since

# The formats of the public pictures (tops/uploads.py IMAGE_FORMATS, and their renditions).
PUBLIC_MEDIA_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}
# A picture's name is made afresh for every upload, so a copy kept a day is never stale for long.
CACHE_CONTROL = "public, max-age=86400"


def serves_public_media() -> bool:
    """Whether the public media are on this machine's disk, where the portal serves them."""
    return isinstance(storages["default"], FileSystemStorage)


def _private_roots() -> list[Path]:
    private = storages["private"]
    roots = [Path(settings.PRIVATE_MEDIA_ROOT)]
    if isinstance(private, FileSystemStorage):
        roots.append(Path(private.location))
    return [root.resolve() for root in roots]


def _public_file(path: str) -> Path:
    """The file under the public store's folder that ``path`` names, or 404."""
    storage = storages["default"]
    if not serves_public_media():
        raise Http404
    content_type = PUBLIC_MEDIA_TYPES.get(os.path.splitext(path)[1].lower())
    if content_type is None:
        raise Http404
    try:
        full = Path(safe_join(storage.location, path)).resolve()
    except (SuspiciousFileOperation, ValueError, OSError) as error:  # outside the folder
        raise Http404 from error
    root = Path(storage.location).resolve()
    # A private store set up at or inside the public folder: none of its files, ever.
    if not full.is_relative_to(root) or any(
        full.is_relative_to(private) and private.is_relative_to(root)
        for private in _private_roots()
    ):
        raise Http404
    if not full.is_file():
        raise Http404
    return full


@transaction.non_atomic_requests
@require_safe
def public_media(request, path):
    full = _public_file(path)
    content_type = PUBLIC_MEDIA_TYPES[full.suffix.lower()]
    stat = full.stat()
    if not was_modified_since(request.META.get("HTTP_IF_MODIFIED_SINCE"), stat.st_mtime):
        response = HttpResponseNotModified()
    else:
        response = FileResponse(full.open("rb"), content_type=content_type)
        response["Content-Length"] = stat.st_size
    response["Last-Modified"] = http_date(stat.st_mtime)
    response["Cache-Control"] = CACHE_CONTROL
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
