"""Files to download: the import template and the edition standings, as CSV or XLSX."""

import csv
import io

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from activity.models import ActivityKind
from activity.services import activity_record

from .models import Edition, SustainabilityImpact
from .selectors import judging_sheet, standings
from .services.imports import COLUMN_HELP, COLUMNS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe_cell(value):
    """A value a spreadsheet program shows as text, never runs as a formula: names are free
    text, and one typed as ``=HYPERLINK(...)`` must not become a link or a calculation."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _write_rows(sheet, rows) -> None:
    """The rows of a sheet, where every text is stored as text (openpyxl would otherwise store
    a text starting with "=" as a formula)."""
    for row, values in enumerate(rows, start=1):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column, value=_safe_cell(value))
            if isinstance(cell.value, str):
                cell.data_type = "s"


def _response(
    file_format: str, name: str, header: list, rows: list, notes=(), text_columns=()
) -> HttpResponse:
    if file_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([_safe_cell(value) for value in header])
        writer.writerows([_safe_cell(value) for value in row] for row in rows)
        # With a byte-order mark, so that spreadsheet programs read the Chinese right.
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
    elif file_format == "xlsx":
        from openpyxl import Workbook
        from openpyxl.utils import get_column_letter

        workbook = Workbook()
        sheet = workbook.active
        _write_rows(sheet, [header, *rows])
        for index in text_columns:
            # Typed as text, so that a number such as 04541302 keeps its leading zero.
            sheet.column_dimensions[get_column_letter(index + 1)].number_format = "@"
        if notes:
            help_sheet = workbook.create_sheet(_("Instructions"))
            _write_rows(help_sheet, [[str(cell) for cell in note] for note in notes])
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
    return _response(
        file_format,
        "tops-purchase-records",
        list(COLUMNS),
        [],
        notes,
        text_columns=[COLUMNS.index("supplier_tax_id")],
    )


def standings_response(edition: Edition, file_format: str, *, by) -> HttpResponse:
    """The edition's standings; the export is logged (it carries every buyer's figures)."""
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
            "; ".join(row.supplier_names),
            *[row.impacts[value] for value in SustainabilityImpact.values],
        ]
        for row in standings(edition)
    ]
    response = _response(file_format, f"tops-standings-{edition.pk}", header, rows)
    activity_record(
        kind=ActivityKind.EXPORT,
        by=by,
        action=gettext_noop("Exported an edition's standings"),
        subject=edition,
        note=file_format,
    )
    return response


def results_response(edition: Edition, file_format: str, *, by) -> HttpResponse:
    """Every application of the edition with its decision, and the standing behind it."""
    header = [
        _("Award category"),
        _("Buyer"),
        _("Unified Business Number"),
        _("Verified amount (NT$)"),
        _("Score"),
        _("Rank"),
        _("Winner"),
        _("Award money (NT$)"),
        _("Panel's note"),
        _("Consents to be named"),
    ]
    consenting = set(edition.consents.values_list("buyer_id", flat=True))
    rows = [
        [
            category.name,
            row.application.buyer.name,
            row.application.buyer.tax_id,
            row.verified_amount,
            row.decision.score if row.decision and row.decision.score is not None else "",
            row.decision.rank if row.decision and row.decision.rank else "",
            _("yes") if row.decision and row.decision.is_winner else _("no"),
            row.decision.prize_amount or "" if row.decision else "",
            row.decision.note if row.decision else _("No decision yet."),
            _("yes") if row.application.buyer_id in consenting else _("no"),
        ]
        for category, category_rows in judging_sheet(edition)
        for row in category_rows
    ]
    response = _response(file_format, f"tops-results-{edition.pk}", header, rows, text_columns=[2])
    activity_record(
        kind=ActivityKind.EXPORT,
        by=by,
        action=gettext_noop("Exported an edition's results"),
        subject=edition,
        note=file_format,
    )
    return response
