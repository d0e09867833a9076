"""Checks on an uploaded document (PDF, JPEG or PNG) before it is stored.

The format is recognised from the content, never from the file name or the browser's
content type. Beyond the magic bytes, a PDF must parse strictly and carry no scripts or
automatic actions; it is then stored exactly as uploaded. An image must decode completely
within a pixel limit; it is then re-encoded without any metadata, so that only the pixels
of the upload reach storage (not EXIF locations, text chunks or data appended to the file).

An image that a task processes later (a product picture) may instead be checked from its header
only in the request (its format and pixel count) and kept as uploaded, privately, until the task
decodes it with ``open_image`` under the same pixel limit.
"""

import contextlib
import hashlib
import io
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

PDF, JPEG, PNG = "pdf", "jpeg", "png"
DOCUMENT_FORMATS = (PDF, JPEG, PNG)
IMAGE_FORMATS = (JPEG, PNG)
MAX_FILE_BYTES = 10 * 1024 * 1024
# The decode budget: the largest picture the pages need, checked on the header before decoding.
MAX_PIXELS = 25_000_000

_MAGIC = {PDF: b"%PDF-", JPEG: b"\xff\xd8\xff", PNG: b"\x89PNG\r\n\x1a\n"}
_LABELS = {PDF: "PDF", JPEG: "JPEG", PNG: "PNG"}
_CONTENT_TYPES = {PDF: "application/pdf", JPEG: "image/jpeg", PNG: "image/png"}
_EXTENSIONS = {PDF: ".pdf", JPEG: ".jpg", PNG: ".png"}
# Pillow reports a JPEG with several pictures (as some cameras write) as MPO.
_PILLOW_FORMATS = {JPEG: ("JPEG", "MPO"), PNG: ("PNG",)}
_JPEG_QUALITY = 90
_READ_CHUNK = 64 * 1024

# Evaluated when the message is shown, in the reader's language.
_lazy_filesize = lazy(filesizeformat, str)
_lazy_text_list = lazy(get_text_list, str)


@dataclass(frozen=True)
class CheckedUpload:
    # What to store: the PDF as uploaded, the re-encoded image, or (decode=False) the image
    # as uploaded.
    content: bytes
    format: str  # PDF / JPEG / PNG
    content_type: str  # "application/pdf", "image/jpeg", "image/png"
    extension: str  # ".pdf", ".jpg", ".png"
    original_name: str  # the uploader's file name, for display only (basename, stripped of path)
    size: int  # len(content)
    sha256: str  # hex digest of content
    width: int | None = None  # images only
    height: int | None = None


def check_upload(
    uploaded_file,
    *,
    formats=DOCUMENT_FORMATS,
    max_bytes=MAX_FILE_BYTES,
    max_pixels=MAX_PIXELS,
    decode=True,
) -> CheckedUpload:
    """uploaded_file: a Django UploadedFile (has .name, .size, .read()/.chunks()).

    ``decode=False``: an image is checked from its header only (its format, and its pixel
    count before any pixel is decoded) and its content is the file as uploaded, metadata
    included: it must stay private until ``open_image`` decodes it (in a task). A damaged
    image passes this check; ``open_image`` refuses it.

    Raises ValidationError, with one of the codes "too_large", "empty", "unrecognised",
    "format_not_allowed", "pdf_unreadable", "pdf_encrypted", "pdf_active_content",
    "image_unreadable" or "image_too_large".
    """
    unknown = set(formats) - set(DOCUMENT_FORMATS)
    if unknown:
        raise ValueError(f"Unknown document formats: {sorted(unknown)}")
    name = _display_name(getattr(uploaded_file, "name", None))
    data = _read_bounded(uploaded_file, name, max_bytes)
    fmt = _recognise(data, name, formats)
    width = height = None
    if fmt == PDF:
        _check_pdf(data, name)
        content = data
    elif decode:
        content, width, height = _reencode_image(data, fmt, name, max_pixels)
    else:
        with _opened_image(data, fmt, name, max_pixels) as img:
            width, height = img.size
        content = data
    return CheckedUpload(
        content=content,
        format=fmt,
        content_type=_CONTENT_TYPES[fmt],
        extension=_EXTENSIONS[fmt],
        original_name=name,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        width=width,
        height=height,
    )


def _display_name(name) -> str:
    """The last part of the uploader's file name, without any folder or control characters."""
    base = re.split(r"[\\/]", str(name or ""))[-1]
    return "".join(ch for ch in base if ch.isprintable()).strip()


def _refuse(message, code, name, **params):
    return ValidationError(
        message, code=code, params={"name": name or _("(unnamed file)"), **params}
    )


def _read_bounded(uploaded_file, name, max_bytes) -> bytes:
    too_large = _refuse(
        _("%(name)s is larger than %(limit)s. Please upload a smaller file."),
        "too_large",
        name,
        limit=_lazy_filesize(max_bytes),
    )
    declared = getattr(uploaded_file, "size", None)
    if declared is not None and declared > max_bytes:
        raise too_large
    with contextlib.suppress(AttributeError, OSError):
        uploaded_file.seek(0)
    chunks, total = [], 0
    while total <= max_bytes:
        chunk = uploaded_file.read(min(_READ_CHUNK, max_bytes + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    if total > max_bytes:
        raise too_large
    if total == 0:
        raise _refuse(_("%(name)s is empty."), "empty", name)
    return b"".join(chunks)


def _recognise(data: bytes, name: str, formats) -> str:
    allowed = _lazy_text_list([_LABELS[fmt] for fmt in formats])
    fmt = next((fmt for fmt, magic in _MAGIC.items() if data.startswith(magic)), None)
    if fmt is None:
        raise _refuse(
            _("%(name)s is not a %(formats)s file."), "unrecognised", name, formats=allowed
        )
    if fmt not in formats:
        raise _refuse(
            _("%(name)s is a %(format)s file, but only %(formats)s files are accepted here."),
            "format_not_allowed",
            name,
            format=_LABELS[fmt],
            formats=allowed,
        )
    return fmt


# --- PDF ---------------------------------------------------------------------------------


def _check_pdf(data: bytes, name: str) -> None:
    # pypdf raises many kinds of exception on malformed input (and the walk resolves objects
    # lazily), so any failure while reading counts as an unreadable document.
    try:
        reader = PdfReader(io.BytesIO(data), strict=True)
        encrypted = reader.is_encrypted
        page_count = 0 if encrypted else len(reader.pages)
        active = not encrypted and _has_active_content(reader)
    except Exception:
        raise _refuse(
            _(
                "%(name)s could not be read as a PDF document. It may be damaged; please "
                "export or save it as PDF again and upload the new file."
            ),
            "pdf_unreadable",
            name,
        ) from None
    if encrypted:
        raise _refuse(
            _(
                "%(name)s is protected with a password or encryption. Please upload a copy "
                "without protection."
            ),
            "pdf_encrypted",
            name,
        )
    if page_count < 1:
        raise _refuse(_("%(name)s has no pages."), "pdf_unreadable", name)
    if active:
        raise _refuse(
            _(
                "%(name)s contains scripts or automatic actions, which are not accepted. "
                "Please print it to a new PDF file (for example with “Print to PDF”) and "
                "upload that file."
            ),
            "pdf_active_content",
            name,
        )


def _has_active_content(reader: PdfReader) -> bool:
    catalog = reader.trailer["/Root"].get_object()
    if "/AA" in catalog:
        return True
    if "/OpenAction" in catalog and not _is_plain_go_to(catalog["/OpenAction"].get_object()):
        return True
    names = catalog.get("/Names")
    if names is not None and {"/JavaScript", "/EmbeddedFiles"} & set(names.get_object()):
        return True  # document scripts, or files attached to the document
    acroform = catalog.get("/AcroForm")
    if acroform is not None and "/XFA" in acroform.get_object():
        return True  # XFA forms carry their own scripts
    return _reaches_script(catalog)


def _is_plain_go_to(open_action) -> bool:
    """Whether the document only opens at a given page and zoom.

    LibreOffice writes such a destination, LaTeX (hyperref) a /GoTo action with one; refusing
    them would refuse most documents. Any other action (printing, opening a web page,
    JavaScript...) or a chain of actions (/Next) counts as active content.
    """
    if not isinstance(open_action, DictionaryObject):
        return True  # a destination: [page /Fit] or a named destination
    return open_action.get("/S") == "/GoTo" and "/Next" not in open_action


# The only actions a document may carry, each needing a click: go to a place in the document,
# turn a page, open a web page. Anything else (scripts, launching or importing files, forms that
# send data, media, hiding fields…) is refused wherever it is.
_ALLOWED_ACTIONS = {"/GoTo", "/Named", "/URI"}
_NAVIGATION = {"/NextPage", "/PrevPage", "/FirstPage", "/LastPage"}
_WEB_SCHEMES = ("http://", "https://")
# Annotations that play media or carry files.
_ACTIVE_ANNOTATIONS = {"/FileAttachment", "/RichMedia", "/Screen", "/Movie", "/Sound", "/3D"}


def _is_active_action(action) -> bool:
    if not isinstance(action, DictionaryObject):
        return False  # a destination array, not an action
    kind = action.get("/S")
    kind = kind.get_object() if kind is not None else None
    if kind not in _ALLOWED_ACTIONS:
        return True
    if kind == "/Named":
        return action.get("/N") not in _NAVIGATION
    if kind == "/URI":
        target = str(action.get("/URI", "")).strip().lower()
        return not target.startswith(_WEB_SCHEMES)
    return False


def _reaches_script(root) -> bool:
    """Whether any object reachable from ``root`` carries automatic actions (/AA, on a page,
    an annotation or a field), an embedded file or media anywhere, or an action other than
    going to a place, turning a page or opening a web page (http or https). A plain web link,
    which needs a click, is allowed: company profiles carry them.

    Iterative, and each indirect object is visited once, so cyclic references (a page's
    /Parent, an action's /Next) and deep nesting cannot exhaust the stack.
    """
    stack, visited = [root], set()
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            key = (obj.idnum, obj.generation)
            if key in visited:
                continue
            visited.add(key)
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            if "/JS" in obj or "/AA" in obj or "/EF" in obj or "/RichMediaContent" in obj:
                return True
            if obj.get("/Subtype") in _ACTIVE_ANNOTATIONS or obj.get("/Type") == "/EmbeddedFile":
                return True
            actions = [obj] if obj.get("/Type") == "/Action" else []
            for key in ("/A", "/Next"):
                if key in obj:
                    value = obj[key].get_object()
                    actions.extend(value if isinstance(value, ArrayObject) else [value])
            if any(_is_active_action(action.get_object()) for action in actions):
                return True
            stack.extend(obj.values())
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    return False


# --- Images ------------------------------------------------------------------------------


@contextlib.contextmanager
def _opened_image(data: bytes, fmt: str, name: str, max_pixels: int):
    """The image opened from its header, its pixel count checked before any pixel is decoded.
    Whatever fails in the ``with`` block (decoding a damaged file) refuses the image."""
    label = _LABELS[fmt]
    unreadable = _refuse(
        _("%(name)s could not be read as a %(format)s image. It may be damaged or incomplete."),
        "image_unreadable",
        name,
        format=label,
    )
    too_large = _refuse(
        _(
            "%(name)s is too large an image: it has more than %(limit)s million pixels. "
            "Please reduce its size and upload it again."
        ),
        "image_too_large",
        name,
        limit=f"{max_pixels / 1_000_000:g}",
    )
    # Pillow's own (global) decompression-bomb limit is left as it is: ours is checked on
    # the header's dimensions before any pixel is decoded.
    try:
        with Image.open(io.BytesIO(data), formats=[label]) as img:
            if img.format not in _PILLOW_FORMATS[fmt]:
                raise unreadable
            if img.width * img.height > max_pixels:
                raise too_large
            yield img
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # The warning is raised only where warnings are turned into errors.
        raise too_large from None
    except Exception:
        raise unreadable from None


def _reencode_image(data: bytes, fmt: str, name: str, max_pixels: int) -> tuple[bytes, int, int]:
    with _opened_image(data, fmt, name, max_pixels) as img:
        img.load()
        clean = _without_metadata(img, fmt)
        content = _encode(clean, fmt)
    return content, clean.width, clean.height


def open_image(
    data: bytes, *, max_pixels=MAX_PIXELS, at_least: int | None = None
) -> tuple[Image.Image, str]:
    """Decode an image kept as uploaded (``check_upload(..., decode=False)``): its format and
    pixel count are checked on the header again before any pixel is decoded. Returns the
    picture, upright and without any metadata, and its format (JPEG or PNG).

    ``at_least``: a JPEG is decoded at the smallest scale (1/2, 1/4 or 1/8) that keeps both
    sides at least this many pixels, for a fraction of the time and memory of a full decode.
    Raises ValidationError ("unrecognised", "image_unreadable", "image_too_large")."""
    fmt = _recognise(data, "", IMAGE_FORMATS)
    with _opened_image(data, fmt, "", max_pixels) as img:
        if at_least and fmt == JPEG:
            img.draft(None, (at_least, at_least))
        img.load()
        return _without_metadata(img, fmt), fmt


def _without_metadata(img: Image.Image, fmt: str) -> Image.Image:
    """A new image with the pixels of ``img``, upright, and no metadata at all."""
    try:
        upright = ImageOps.exif_transpose(img)
    except Exception:
        # A damaged EXIF block should not cost the upload: it is being dropped anyway.
        upright = img.copy()
    if fmt == JPEG and upright.mode not in ("L", "RGB"):
        upright = upright.convert("RGB")
    elif fmt == PNG and "transparency" in upright.info:
        # The transparency of palette and grey images lives in .info, which is cleared below.
        upright = upright.convert("RGBA")
    upright.info = {}
    upright.getexif().clear()  # the tags Pillow keeps in memory, such as GPS, go too
    return upright


def _encode(img: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == JPEG:
        img.save(out, "JPEG", quality=_JPEG_QUALITY)
    else:
        img.save(out, "PNG")
    return out.getvalue()
