"""Bulk entry of purchase records from a CSV or XLSX file: every row is checked first, and
either all rows are recorded in one transaction or none is.

The columns are fixed English keys (the template's header row), whatever the reader's
language, so that a file filled in by one colleague can be uploaded by another:
supplier_tax_id, purchased_on (YYYY-MM-DD), amount (whole NT$, tax included), description,
impacts (codes separated by ";"), impact_description. Evidence is added afterwards, record
by record; a record without evidence cannot be verified.
"""

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Organisation, User
from accounts.tax_id import normalise_tax_id
from tops.workflow import StepRefused

from .records import purchase_record_create

COLUMNS = (
    "supplier_tax_id",
    "purchased_on",
    "amount",
    "description",
    "impacts",
    "impact_description",
)
REQUIRED_COLUMNS = ("supplier_tax_id", "purchased_on", "amount", "description")
COLUMN_HELP = {
    "supplier_tax_id": gettext_lazy("The supplier's Unified Business Number (8 digits)."),
    "purchased_on": gettext_lazy("The purchase date, as YYYY-MM-DD."),
    "amount": gettext_lazy("The amount in whole NT$, tax included."),
    "description": gettext_lazy("What was bought."),
    "impacts": gettext_lazy(
        "Optional: sustainability impact codes separated by “;” (see the list below)."
    ),
    "impact_description": gettext_lazy("Optional: the sustainability impact, in a few words."),
}
MAX_ROWS = 1000
MAX_FILE_BYTES = 2 * 1024 * 1024
# An XLSX is a zip of XML: what costs work is its size once unpacked. 1,000 rows of the
# template unpack to well under 1 MB; a "zip bomb" of shared strings or cells to hundreds.
# (Python's zipfile never unpacks more than a member declares, so the declared sizes bound it.)
MAX_UNPACKED_BYTES = 5 * 1024 * 1024
MAX_MEMBERS = 100
MAX_COLUMNS = len(COLUMNS) + 10


@dataclass(frozen=True)
class RowError:
    row: int  # the row number in the spreadsheet (the header is row 1)
    column: str
    message: str


class ImportRefused(Exception):
    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


TAX_ID_DIGITS = 8


def _tax_id(text: str) -> str:
    """A Unified Business Number as typed: a spreadsheet turns 04541302 into 4541302, so the
    leading zeros it dropped are put back."""
    text = normalise_tax_id(text)
    if text.isascii() and text.isdigit() and len(text) < TAX_ID_DIGITS:
        return text.zfill(TAX_ID_DIGITS)
    return text


def read_rows(uploaded_file) -> list[tuple[int, dict]]:
    """The data rows of a CSV (UTF-8) or XLSX file, each with its row number as the user
    sees it in the spreadsheet (blank rows are skipped but still counted), as dicts of text
    keyed by column."""
    if uploaded_file.size > MAX_FILE_BYTES:
        raise ImportRefused([RowError(0, "", _("The file is larger than 2 MB."))])
    data = uploaded_file.read()
    table = _xlsx_table(data) if data[:4] == b"PK\x03\x04" else _csv_table(data)
    table = [
        (number, row)
        for number, row in enumerate(table, start=1)
        if any(cell.strip() for cell in row)
    ]
    if not table:
        raise ImportRefused([RowError(0, "", _("The file is empty."))])
    header_number, header_row = table[0]
    header = [cell.strip().lower() for cell in header_row]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    unknown = [column for column in header if column and column not in COLUMNS]
    if missing or unknown:
        errors = [
            RowError(header_number, column, _("This column is missing.")) for column in missing
        ]
        errors += [
            RowError(header_number, column, _("This column is not in the template."))
            for column in unknown
        ]
        raise ImportRefused(errors)
    rows = []
    for number, row in table[1:]:
        values = {
            column: (row[i].strip() if i < len(row) else "") for i, column in enumerate(header)
        }
        values["supplier_tax_id"] = _tax_id(values["supplier_tax_id"])
        rows.append((number, values))
    if not rows:
        raise ImportRefused([RowError(0, "", _("The file has no rows under its header."))])
    if len(rows) > MAX_ROWS:
        raise ImportRefused(
            [
                RowError(
                    0, "", _("At most %(max)s rows can be imported at once.") % {"max": MAX_ROWS}
                )
            ]
        )
    return rows


def _csv_table(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused(
            [RowError(0, "", _("The file is neither an XLSX workbook nor a UTF-8 CSV file."))]
        ) from None
    return list(csv.reader(io.StringIO(text)))


def _xlsx_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _unreadable():
    return ImportRefused([RowError(0, "", _("The XLSX workbook cannot be read."))])


def _check_unpacked_size(data: bytes) -> None:
    """Refuse before any XML is parsed: too many parts, or too large once unpacked."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise _unreadable() from None
    if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        raise ImportRefused(
            [
                RowError(
                    0,
                    "",
                    _(
                        "The workbook is too large once unpacked (over 5 MB): keep only the "
                        "template's sheet and at most 1,000 rows."
                    ),
                )
            ]
        )


def _xlsx_table(data: bytes) -> list[list[str]]:
    # openpyxl parses with defusedxml (installed with the portal): a DTD, entity expansion
    # ("billion laughs") or an external entity is refused, never followed.
    from defusedxml import DefusedXmlException
    from openpyxl import load_workbook

    _check_unpacked_size(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        table = [
            [_xlsx_cell(value) for value in row]
            for _n, row in zip(
                range(MAX_ROWS + 2),
                sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS),
                strict=False,
            )
        ]
        workbook.close()
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, SyntaxError, DefusedXmlException):
        # SyntaxError: xml.etree's ParseError is one.
        raise _unreadable() from None
    return table


def _same_purchase(data: dict) -> tuple:
    return (
        data["supplier_tax_id"].pk,
        data["purchased_on"],
        data["amount"],
        " ".join(data["description"].split()),
    )


def purchase_records_import(*, buyer: Organisation, by: User, rows: list[tuple[int, dict]]) -> list:
    """Check every row (with its spreadsheet row number) with the same form and rules as one
    record, then record them all in one transaction, or raise ImportRefused with each row's
    reasons and record nothing. A row repeating an earlier row of the file is refused."""
    from ..forms import ImportRowForm  # the forms use the services: imported here, no cycle

    errors, valid = [], []
    seen: dict[tuple, int] = {}
    for number, row in rows:
        form = ImportRowForm(row, buyer=buyer)
        if form.is_valid():
            earlier = seen.setdefault(_same_purchase(form.cleaned_data), number)
            if earlier != number:
                errors.append(
                    RowError(
                        number,
                        "",
                        _(
                            "This row repeats row %(row)s (same supplier, date, amount and "
                            "description): a purchase is recorded once."
                        )
                        % {"row": earlier},
                    )
                )
                continue
            valid.append((number, form.cleaned_data))
            continue
        for name, messages in form.errors.items():
            column = name if name in COLUMNS else ""
            errors += [RowError(number, column, message) for message in messages]
    if errors:
        raise ImportRefused(errors)
    records = []
    with transaction.atomic():
        for number, data in valid:
            try:
                records.append(
                    purchase_record_create(
                        buyer=buyer,
                        by=by,
                        supplier=data["supplier_tax_id"],
                        purchased_on=data["purchased_on"],
                        amount=data["amount"],
                        description=data["description"],
                        impacts=data["impacts"],
                        impact_description=data["impact_description"],
                        imported=True,
                    )
                )
            except StepRefused as refused:
                # Leaving the block rolls back the rows already recorded.
                raise ImportRefused(
                    [RowError(number, refused.field or "", refused.message)]
                ) from None
    return records
