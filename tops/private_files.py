"""Private files (application documents, report evidence) reach only the people a view lets
through, and never as something a browser would run."""

from django.core.files.storage import FileSystemStorage
from django.http import FileResponse
from django.shortcuts import redirect


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
