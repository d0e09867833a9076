"""Hostile workbooks: refused with a clear message before the work, nothing imported, and the
worker still answering."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.models import PurchaseRecord

pytestmark = pytest.mark.django_db

BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol%s;" % (n - 1 if n > 1 else "")) * 10}">' for n in range(1, 10)
    )
    + ']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    "</sheetData></worksheet>"
)
EXTERNAL_ENTITY = (
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&secret;</t></is></c></row>'
    "</sheetData></worksheet>"
)


def upload(client, file):
    return client.post(reverse("awards:record_import"), {"file": file})


def _template(client) -> bytes:
    return client.get(reverse("awards:import_template", args=["xlsx"])).content


def _with_member(workbook: bytes, name: str, content: bytes) -> bytes:
    """The workbook with one part replaced (or added), highly compressed."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(workbook)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for item in source.infolist():
            if item.filename != name:
                target.writestr(item, source.read(item.filename))
        target.writestr(name, content)
    return out.getvalue()


def _shared_strings_bomb(workbook):
    strings = b"<si><t>a</t></si>" * 400_000
    return _with_member(
        workbook,
        "xl/sharedStrings.xml",
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + strings
        + b"</sst>",
    )


def _wide_row(workbook):
    cells = b"".join(b'<c t="n"><v>1</v></c>' for _ in range(300_000))
    return _with_member(
        workbook,
        "xl/worksheets/sheet1.xml",
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<sheetData><row>" + cells + b"</row></sheetData></worksheet>",
    )


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_shared_strings_bomb, "too large once unpacked"),
        (_wide_row, "too large once unpacked"),
        (
            lambda w: _with_member(w, "xl/worksheets/sheet1.xml", BILLION_LAUGHS.encode()),
            "cannot be read",
        ),
        (
            lambda w: _with_member(w, "xl/worksheets/sheet1.xml", EXTERNAL_ENTITY.encode()),
            "cannot be read",
        ),
    ],
    ids=["shared strings bomb", "a row of 300,000 cells", "billion laughs", "external entity"],
)
def test_a_hostile_workbook_is_refused_and_nothing_is_imported(logged_in, make, message):
    hostile = make(_template(logged_in))
    assert len(hostile) < 2 * 1024 * 1024  # small enough to pass the upload limit
    response = upload(logged_in, SimpleUploadedFile("purchases.xlsx", hostile))
    assert response.status_code == 200
    [error] = response.context["errors"]
    assert message in error.message
    assert not PurchaseRecord.objects.exists()
    assert logged_in.get(reverse("awards:record_import")).status_code == 200
