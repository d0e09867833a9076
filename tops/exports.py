"""Tables to download as CSV (with a byte-order mark) or XLSX, for every app's exports.

Every text is written as text, never as a formula: a name typed as ``=HYPERLINK(...)`` must
not become a link or a calculation in the reader's spreadsheet program."""

import csv
import datetime
import io

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A value a spreadsheet program shows as text, never runs as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def csv_text(header, rows) -> str:
    """The CSV with a byte-order mark, so that spreadsheet programs read the Chinese right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(str(value)) for value in header])
    writer.writerows([safe_cell(value) for value in row] for row in rows)
    return "\ufeff" + buffer.getvalue()


def _write_rows(sheet, rows) -> None:
    """The rows of a sheet, where every text is stored as text (openpyxl would otherwise store
    a text starting with "=" as a formula)."""
    for row, values in enumerate(rows, start=1):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column, value=safe_cell(value))
            if isinstance(cell.value, str):
                cell.data_type = "s"


def xlsx_bytes(header, rows, *, notes=(), text_columns=()) -> bytes:
    """A workbook of one sheet; ``notes`` go on a second sheet of instructions;
    ``text_columns`` (indexes) are typed as text, so a number such as 04541302 keeps its
    leading zero."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    _write_rows(sheet, [[str(value) for value in header], *rows])
    for index in text_columns:
        sheet.column_dimensions[get_column_letter(index + 1)].number_format = "@"
    if notes:
        help_sheet = workbook.create_sheet(_("Instructions"))
        _write_rows(help_sheet, [[str(cell) for cell in note] for note in notes])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_response(
    file_format: str, name: str, header, rows, *, notes=(), text_columns=()
) -> HttpResponse:
    """``name``.csv or ``name``.xlsx to download; any other format is not found."""
    rows = list(rows)
    if file_format == "csv":
        response = HttpResponse(csv_text(header, rows), content_type="text/csv; charset=utf-8")
    elif file_format == "xlsx":
        response = HttpResponse(
            xlsx_bytes(header, rows, notes=notes, text_columns=text_columns), content_type=XLSX
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response
