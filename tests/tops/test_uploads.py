"""Checks on uploaded documents: formats recognised by content, active PDFs refused, images
re-encoded without metadata. Every fixture is generated here."""

import hashlib
import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image, PngImagePlugin
from pypdf import PdfReader, PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    TextStringObject,
)

from tops.uploads import (
    IMAGE_FORMATS,
    JPEG,
    PDF,
    PNG,
    CheckedUpload,
    check_upload,
    open_image,
)

ORIENTATION = 0x0112
GPS_IFD = 0x8825
HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"


# --- fixtures ----------------------------------------------------------------------------


def make_pdf(modify=None, pages=1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if modify:
        modify(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def name(value):
    return NameObject(value)


def javascript_action(script="app.alert('hi')"):
    return DictionaryObject(
        {name("/S"): name("/JavaScript"), name("/JS"): TextStringObject(script)}
    )


def make_image(fmt, size=(40, 30), mode="RGB", color=(200, 30, 30), **save_args) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, color).save(out, fmt, **save_args)
    return out.getvalue()


def png_header_only(width, height) -> bytes:
    """A PNG that declares the given size but holds almost no pixel data."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def upload(data, filename="document.pdf"):
    return SimpleUploadedFile(filename, data, content_type="application/octet-stream")


def refusal(data, filename="document.pdf", **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        check_upload(upload(data, filename), **kwargs)
    return caught.value


def message(error: ValidationError) -> str:
    with translation.override("en"):
        [text] = error.messages
    return text


def decode(data):
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


# --- recognising the format --------------------------------------------------------------


def test_a_valid_pdf_is_stored_unchanged():
    data = make_pdf()

    checked = check_upload(upload(data, "report.pdf"))

    assert checked == CheckedUpload(
        content=data,
        format=PDF,
        content_type="application/pdf",
        extension=".pdf",
        original_name="report.pdf",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def test_the_format_comes_from_the_content_not_the_name():
    checked = check_upload(upload(make_image("PNG"), "scan.pdf"))

    assert (checked.format, checked.content_type, checked.extension) == (PNG, "image/png", ".png")


def test_a_text_file_starting_like_a_pdf_is_refused():
    error = refusal(b"%PDF-1.7\nThis is only text pretending to be a PDF.\n")

    assert error.code == "pdf_unreadable"


def test_an_executable_named_pdf_is_refused():
    error = refusal(b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120, "report.pdf")

    assert error.code == "unrecognised"
    assert "report.pdf" in message(error)


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (HTML, "photo.png"),
        (b"PK\x03\x04" + b"\x00" * 60, "documents.pdf"),
        (b"GIF89a" + b"\x00" * 60, "animation.png"),
    ],
    ids=["html-named-png", "zip", "gif"],
)
def test_other_content_is_refused_whatever_its_name(data, filename):
    assert refusal(data, filename).code == "unrecognised"


def test_an_empty_file_is_refused():
    error = refusal(b"", "blank.pdf")

    assert error.code == "empty"
    assert "blank.pdf" in message(error)


def test_a_file_over_the_limit_is_refused_and_named():
    error = refusal(make_pdf() + b"\n" * 2000, "big.pdf", max_bytes=1000)

    assert error.code == "too_large"
    assert "big.pdf" in message(error)


def test_a_file_exactly_at_the_limit_is_accepted():
    data = make_pdf()

    assert check_upload(upload(data), max_bytes=len(data)).content == data


class CountingFile(io.BytesIO):
    """Claims a small size (as a misbehaving upload handler might) and counts what is read."""

    size = 10
    name = "lying.pdf"

    def __init__(self, data):
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size=-1):
        chunk = super().read(size)
        self.bytes_read += len(chunk)
        return chunk


def test_the_file_is_read_no_further_than_the_limit():
    uploaded = CountingFile(b"%PDF-1.7\n" + b"x" * 500_000)

    with pytest.raises(ValidationError) as caught:
        check_upload(uploaded, max_bytes=1000)

    assert caught.value.code == "too_large"
    assert uploaded.bytes_read == 1001


def test_formats_can_be_restricted_to_images():
    error = refusal(make_pdf(), "leaflet.pdf", formats=IMAGE_FORMATS)

    assert error.code == "format_not_allowed"
    assert "leaflet.pdf" in message(error)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("folder/sub/photo.jpg", "photo.jpg"),
        ("C:\\Users\\clerk\\Desktop\\photo.jpg", "photo.jpg"),
        ("../../etc/photo.jpg", "photo.jpg"),
    ],
)
def test_original_name_is_the_basename(path, expected):
    assert check_upload(upload(make_image("JPEG"), path)).original_name == expected


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_sha256_and_size_describe_the_stored_content(fmt):
    checked = check_upload(upload(make_image(fmt), "picture"))

    assert checked.sha256 == hashlib.sha256(checked.content).hexdigest()
    assert checked.size == len(checked.content)


# --- PDF ---------------------------------------------------------------------------------


def test_an_encrypted_pdf_is_refused():
    error = refusal(make_pdf(lambda writer: writer.encrypt("secret")))

    assert error.code == "pdf_encrypted"


def test_a_pdf_encrypted_with_an_empty_user_password_is_refused():
    error = refusal(make_pdf(lambda writer: writer.encrypt("", "owner-password")))

    assert error.code == "pdf_encrypted"


def test_a_pdf_with_document_javascript_is_refused():
    # pypdf 7 replaced add_js() with add_open_action(), which fills the /JavaScript name tree.
    data = make_pdf(lambda writer: writer.add_open_action(JavaScript("app.alert('hi')")))
    assert "/JavaScript" in PdfReader(io.BytesIO(data)).trailer["/Root"]["/Names"]

    assert refusal(data).code == "pdf_active_content"


@pytest.mark.parametrize(
    "action",
    [
        {"/S": "/Named", "/N": "/Print"},
        {"/S": "/URI", "/URI": "https://example.com/"},
        {"/S": "/GoTo", "/D": "/first", "/Next": {"/S": "/Named", "/N": "/Print"}},
    ],
    ids=["print", "web-page", "go-to-then-print"],
)
def test_a_pdf_with_an_open_action_is_refused(action):
    def pdf_value(value):
        if isinstance(value, dict):
            return DictionaryObject({name(k): pdf_value(v) for k, v in value.items()})
        return name(value) if value.startswith("/") else TextStringObject(value)

    def add_open_action(writer):
        writer.root_object[name("/OpenAction")] = pdf_value(action)

    assert refusal(make_pdf(add_open_action)).code == "pdf_active_content"


def open_at_first_page(writer):
    # What LibreOffice writes: /OpenAction [page /XYZ ...], a destination, not an action.
    writer.open_destination = writer.pages[0]


def go_to_first_page(writer):
    # What LaTeX (hyperref) writes: /OpenAction << /S /GoTo /D [page /Fit] >>.
    writer.root_object[name("/OpenAction")] = DictionaryObject(
        {
            name("/S"): name("/GoTo"),
            name("/D"): ArrayObject([writer.pages[0].indirect_reference, name("/Fit")]),
        }
    )


@pytest.mark.parametrize("open_action", [open_at_first_page, go_to_first_page])
def test_a_pdf_that_opens_at_its_first_page_is_accepted(open_action):
    data = make_pdf(open_action)
    assert "/OpenAction" in PdfReader(io.BytesIO(data)).trailer["/Root"]

    assert check_upload(upload(data)).content == data


def test_a_pdf_with_document_additional_actions_is_refused():
    def add_document_actions(writer):
        writer.root_object[name("/AA")] = DictionaryObject({name("/WC"): javascript_action()})

    assert refusal(make_pdf(add_document_actions)).code == "pdf_active_content"


def link_annotation(action):
    return DictionaryObject(
        {
            name("/Type"): name("/Annot"),
            name("/Subtype"): name("/Link"),
            name("/Rect"): ArrayObject([FloatObject(v) for v in (10, 10, 100, 100)]),
            name("/A"): action,
        }
    )


def test_a_pdf_with_a_javascript_link_is_refused():
    def add_link(writer):
        writer.add_annotation(0, link_annotation(javascript_action()))

    assert refusal(make_pdf(add_link, pages=2)).code == "pdf_active_content"


def test_a_pdf_with_a_launch_action_is_refused():
    launch = DictionaryObject(
        {name("/S"): name("/Launch"), name("/F"): TextStringObject("C:\\Windows\\calc.exe")}
    )

    def add_link(writer):
        writer.add_annotation(0, link_annotation(launch))

    assert refusal(make_pdf(add_link)).code == "pdf_active_content"


def test_a_pdf_with_a_page_open_script_is_refused():
    def add_page_action(writer):
        writer.pages[0][name("/AA")] = DictionaryObject({name("/O"): javascript_action()})

    assert refusal(make_pdf(add_page_action)).code == "pdf_active_content"


def test_a_pdf_with_a_web_link_is_accepted():
    uri = DictionaryObject(
        {name("/S"): name("/URI"), name("/URI"): TextStringObject("https://www.gov.taipei/")}
    )
    data = make_pdf(lambda writer: writer.add_annotation(0, link_annotation(uri)))

    assert check_upload(upload(data)).content == data


def cyclic_actions(writer, last_action):
    """Two actions whose /Next entries point at each other, ending (optionally) in last_action."""
    first = writer._add_object(
        DictionaryObject({name("/S"): name("/Named"), name("/N"): name("/NextPage")})
    )
    second = writer._add_object(
        DictionaryObject({name("/S"): name("/Named"), name("/N"): name("/PrevPage")})
    )
    first.get_object()[name("/Next")] = second
    second.get_object()[name("/Next")] = ArrayObject(
        [first] + ([last_action] if last_action else [])
    )
    writer.add_annotation(0, link_annotation(first))


def test_cyclic_references_are_walked_once():
    data = make_pdf(lambda writer: cyclic_actions(writer, None))

    assert check_upload(upload(data)).content == data


def test_javascript_behind_a_cycle_is_found():
    data = make_pdf(lambda writer: cyclic_actions(writer, javascript_action()))

    assert refusal(data).code == "pdf_active_content"


def test_a_pdf_without_pages_is_refused():
    assert refusal(make_pdf(pages=0)).code == "pdf_unreadable"


def test_a_truncated_pdf_is_refused():
    data = make_pdf()

    assert refusal(data[: len(data) // 2]).code == "pdf_unreadable"


# --- images ------------------------------------------------------------------------------


def test_a_jpeg_with_html_appended_is_stored_without_it():
    original = make_image("JPEG", size=(64, 48))

    checked = check_upload(upload(original + HTML, "photo.jpg"))

    assert checked.format == JPEG
    assert b"<html" not in checked.content and b"script" not in checked.content
    assert checked.content.endswith(b"\xff\xd9")
    image = decode(checked.content)
    assert (image.format, image.size) == ("JPEG", (64, 48))
    assert (checked.width, checked.height) == (64, 48)


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "PhoneModel"  # Model
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (25.0, 2.0, 15.0)  # Taipei City Hall
    gps[3] = "E"
    gps[4] = (121.0, 33.0, 50.0)
    return make_image("JPEG", exif=exif.tobytes())


def test_gps_exif_is_removed_from_a_jpeg():
    original = jpeg_with_gps()
    assert decode(original).getexif().get_ifd(GPS_IFD)

    checked = check_upload(upload(original, "site-visit.jpg"))

    stored = decode(checked.content)
    assert not stored.getexif()
    assert not stored.getexif().get_ifd(GPS_IFD)
    assert b"Exif" not in checked.content and b"PhoneMaker" not in checked.content


def test_the_exif_orientation_is_applied():
    exif = Image.Exif()
    exif[ORIENTATION] = 6  # the camera was turned: rotate 90° clockwise to display
    original = make_image("JPEG", size=(20, 10), exif=exif.tobytes())

    checked = check_upload(upload(original, "turned.jpg"))

    stored = decode(checked.content)
    assert stored.size == (10, 20)
    assert (checked.width, checked.height) == (10, 20)
    assert ORIENTATION not in stored.getexif()


def test_text_chunks_are_removed_from_a_png():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "internal note: do not publish")
    original = make_image("PNG", pnginfo=info)
    assert b"tEXt" in original

    checked = check_upload(upload(original, "chart.png"))

    assert b"tEXt" not in checked.content
    assert b"internal note" not in checked.content
    assert decode(checked.content).text == {}


def test_png_transparency_is_kept():
    image = Image.new("P", (8, 8), 0)
    image.putpalette([255, 255, 255, 200, 0, 0])
    image.putpixel((0, 0), 1)
    out = io.BytesIO()
    image.save(out, "PNG", transparency=0)

    checked = check_upload(upload(out.getvalue(), "logo.png"))

    stored = decode(checked.content).convert("RGBA")
    assert stored.getpixel((5, 5))[3] == 0
    assert stored.getpixel((0, 0)) == (200, 0, 0, 255)


def test_a_jpeg_comment_is_removed():
    original = make_image("JPEG", comment=HTML)
    assert HTML in original

    checked = check_upload(upload(original, "photo.jpg"))

    assert b"<html" not in checked.content
    assert "comment" not in decode(checked.content).info


def test_a_cmyk_jpeg_is_stored_as_rgb():
    original = make_image("JPEG", mode="CMYK", color=(0, 255, 255, 0))

    checked = check_upload(upload(original, "print.jpg"))

    assert decode(checked.content).mode == "RGB"


@pytest.mark.parametrize(
    ("fmt", "filename"), [("JPEG", "photo.jpg"), ("PNG", "chart.png")], ids=["jpeg", "png"]
)
def test_a_truncated_image_is_refused(fmt, filename):
    data = make_image(fmt, size=(200, 200), color=None)
    error = refusal(data[: len(data) // 2], filename)

    assert error.code == "image_unreadable"
    assert filename in message(error)


def test_an_image_over_the_pixel_limit_is_refused():
    error = refusal(make_image("PNG", size=(2000, 1000)), "poster.png", max_pixels=1_000_000)

    assert error.code == "image_too_large"
    assert "poster.png" in message(error)


# Pillow warns about an image this size (100 million pixels) before our own check runs;
# where warnings are errors the warning itself must still end in a refusal.
@pytest.mark.filterwarnings("error::PIL.Image.DecompressionBombWarning")
def test_a_decompression_bomb_is_refused():
    out = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(out, "PNG")
    assert len(out.getvalue()) < 100_000

    error = refusal(out.getvalue(), "bomb.png", max_pixels=1_000_000)

    assert error.code == "image_too_large"


def test_an_image_beyond_pillows_own_limit_is_refused():
    error = refusal(png_header_only(20_000, 20_000), "huge.png")

    assert error.code == "image_too_large"


# --- images checked from their header, decoded later -----------------------------------------


def test_a_header_check_keeps_the_image_as_uploaded_without_decoding_it():
    """A product picture is checked in the request from its header only; a truncated file
    passes here (nothing is decoded) and is refused when a worker decodes it."""
    data = make_image("PNG", size=(200, 100), color=None)
    truncated = data[: len(data) // 2]

    checked = check_upload(upload(truncated, "half.png"), formats=IMAGE_FORMATS, decode=False)

    assert checked.content == truncated and checked.format == PNG
    assert (checked.width, checked.height) == (200, 100)
    with pytest.raises(ValidationError) as caught:
        open_image(checked.content)
    assert caught.value.code == "image_unreadable"


@pytest.mark.parametrize(
    ("data", "filename", "code"),
    [
        (png_header_only(6_300, 6_300), "huge.png", "image_too_large"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "broken.png", "image_unreadable"),
        (make_pdf(), "scan.pdf", "format_not_allowed"),
        (b"GIF89a" + b"\0" * 20, "anim.gif", "unrecognised"),
    ],
    ids=["over-the-pixel-limit", "no-header", "a-pdf", "a-gif"],
)
def test_the_header_check_refuses_what_it_can_see(data, filename, code):
    error = refusal(data, filename, formats=IMAGE_FORMATS, decode=False)

    assert error.code == code
    assert filename in message(error)


def test_open_image_checks_the_pixel_limit_again_before_decoding():
    with pytest.raises(ValidationError) as caught:
        open_image(png_header_only(6_300, 6_300))
    assert caught.value.code == "image_too_large"
    with pytest.raises(ValidationError) as caught:
        open_image(make_image("PNG", size=(2000, 1000)), max_pixels=1_000_000)
    assert caught.value.code == "image_too_large"


def test_open_image_drops_the_metadata_and_turns_the_picture_upright():
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    original = make_image("JPEG", size=(20, 10), exif=exif.tobytes(), comment=HTML)

    picture, fmt = open_image(original)

    assert fmt == JPEG and picture.size == (10, 20)
    assert not picture.getexif() and "comment" not in picture.info and not picture.info


def test_open_image_decodes_a_large_jpeg_at_a_reduced_scale():
    original = make_image("JPEG", size=(5200, 2900))

    picture, _fmt = open_image(original, at_least=1280)

    assert picture.size == (2600, 1450)  # half: both sides stay over 1,280 pixels
    assert open_image(original)[0].size == (5200, 2900)


def _pdf_with(mutate) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    mutate(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _page_open_action(writer):
    action = DictionaryObject(
        {NameObject("/S"): NameObject("/URI"), NameObject("/URI"): TextStringObject("https://x.tw")}
    )
    writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): action})


def _page_submit_form(writer):
    action = DictionaryObject(
        {NameObject("/S"): NameObject("/SubmitForm"), NameObject("/F"): TextStringObject("x")}
    )
    writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/C"): action})


def _embedded_file(writer):
    writer.add_attachment("setup.exe", b"MZ\x90\x00 not really a program")


@pytest.mark.parametrize("mutate", [_page_open_action, _page_submit_form, _embedded_file])
def test_page_actions_and_attached_files_are_refused(mutate):
    upload = SimpleUploadedFile("profile.pdf", _pdf_with(mutate), content_type="application/pdf")
    with pytest.raises(ValidationError) as refused:
        check_upload(upload)
    assert refused.value.code == "pdf_active_content"


def _rich_media(writer):
    writer.add_annotation(
        0,
        DictionaryObject(
            {
                name("/Type"): name("/Annot"),
                name("/Subtype"): name("/RichMedia"),
                name("/Rect"): ArrayObject([FloatObject(v) for v in (10, 10, 100, 100)]),
            }
        ),
    )


def _file_in_an_annotation(writer):
    """An embedded file reached from an annotation's file specification, not the name tree."""
    stream = writer._add_object(DictionaryObject({name("/Type"): name("/EmbeddedFile")}))
    spec = DictionaryObject(
        {
            name("/Type"): name("/Filespec"),
            name("/F"): TextStringObject("setup.exe"),
            name("/EF"): DictionaryObject({name("/F"): stream}),
        }
    )
    link = link_annotation(
        DictionaryObject({name("/S"): name("/URI"), name("/URI"): TextStringObject("https://x.tw")})
    )
    link[name("/FS")] = spec
    writer.add_annotation(0, link)


def _link(uri):
    def add(writer):
        writer.add_annotation(
            0,
            link_annotation(
                DictionaryObject({name("/S"): name("/URI"), name("/URI"): TextStringObject(uri)})
            ),
        )

    return add


def _hide_action(writer):
    writer.add_annotation(
        0,
        link_annotation(
            DictionaryObject({name("/S"): name("/Hide"), name("/T"): TextStringObject("x")})
        ),
    )


@pytest.mark.parametrize(
    "mutate",
    [
        _rich_media,
        _file_in_an_annotation,
        _link("javascript:app.alert(1)"),
        _link("file:///C:/Windows/System32/calc.exe"),
        _link(" JavaScript:alert(1)"),
        _hide_action,
    ],
    ids=["rich media", "embedded file", "javascript: link", "file: link", "spaced link", "hide"],
)
def test_media_embedded_files_and_actions_other_than_links_are_refused(mutate):
    assert refusal(_pdf_with(mutate)).code == "pdf_active_content"


def test_a_mail_link_is_refused_but_a_web_link_in_capitals_is_accepted():
    assert refusal(_pdf_with(_link("mailto:a@example.com"))).code == "pdf_active_content"
    data = _pdf_with(_link("HTTPS://WWW.GOV.TAIPEI/"))
    assert check_upload(upload(data)).content == data
