"""Tables as CSV or XLSX for download. Every text is written as text, never as a formula: a
name typed as ``=HYPERLINK(...)`` must not become a link or a calculation in the reader's
spreadsheet."""

import csv
import datetime
import io

from django.http import Http404, HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
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


def table_response(file_format: str, name: str, header, rows) -> HttpResponse:
    if file_format == "csv":
        response = HttpResponse(csv_text(header, rows), content_type="text/csv; charset=utf-8")
    elif file_format == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        for row_number, values in enumerate([[str(v) for v in header], *rows], start=1):
            for column, value in enumerate(values, start=1):
                cell = sheet.cell(row=row_number, column=column, value=safe_cell(value))
                if isinstance(cell.value, str):
                    cell.data_type = "s"
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response
