"""Files to download: the import template and the edition standings, as CSV or XLSX."""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from activity.models import ActivityKind
from activity.services import activity_record
from tops.exports import table_response

from .models import Edition, SustainabilityImpact
from .selectors import judging_sheet, standings
from .services.imports import COLUMN_HELP, COLUMNS


def template_response(file_format: str) -> HttpResponse:
    notes = [(column, COLUMN_HELP[column]) for column in COLUMNS]
    notes += [("", "")] + [(code, label) for code, label in SustainabilityImpact.choices]
    return table_response(
        file_format,
        "tops-purchase-records",
        list(COLUMNS),
        [],
        notes=notes,
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
    response = table_response(file_format, f"tops-standings-{edition.pk}", header, rows)
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
    response = table_response(
        file_format, f"tops-results-{edition.pk}", header, rows, text_columns=[2]
    )
    activity_record(
        kind=ActivityKind.EXPORT,
        by=by,
        action=gettext_noop("Exported an edition's results"),
        subject=edition,
        note=file_format,
    )
    return response
