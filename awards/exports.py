"""Files to download: the import template and the edition standings, as CSV or XLSX."""

import csv
import io

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

from .models import Edition, SustainabilityImpact
from .selectors import standings
from .services.imports import COLUMN_HELP, COLUMNS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _response(file_format: str, name: str, header: list, rows: list, notes=()) -> HttpResponse:
    if file_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(rows)
        # With a byte-order mark, so that spreadsheet programs read the Chinese right.
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
    elif file_format == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        if notes:
            help_sheet = workbook.create_sheet(_("Instructions"))
            for note in notes:
                help_sheet.append([str(cell) for cell in note])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response


def template_response(file_format: str) -> HttpResponse:
    notes = [(column, COLUMN_HELP[column]) for column in COLUMNS]
    notes += [("", "")] + [(code, label) for code, label in SustainabilityImpact.choices]
    return _response(file_format, "tops-purchase-records", list(COLUMNS), [], notes)


def standings_response(edition: Edition, file_format: str) -> HttpResponse:
    header = [
        _("Buyer"),
        _("Unified Business Number"),
        _("Verified amount (NT$)"),
        _("Verified records"),
        _("Records awaiting verification"),
        _("Suppliers bought from"),
        _("Suppliers"),
        *[str(label) for label in SustainabilityImpact.labels],
    ]
    rows = [
        [
            row.buyer.name,
            row.buyer.tax_id,
            row.total,
            row.count,
            row.awaiting,
            row.supplier_count,
            "; ".join(sorted(row.suppliers)),
            *[row.impacts[value] for value in SustainabilityImpact.values],
        ]
        for row in standings(edition)
    ]
    return _response(file_format, f"tops-standings-{edition.pk}", header, rows)
