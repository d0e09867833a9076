"""Bulk entry from the CSV/XLSX template: all rows or none, with each refusal's row and reason."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from awards.models import PurchaseRecord
from awards.services.imports import COLUMNS
from tests.factories import SupplierFactory

from .moments import APPROVED

pytestmark = pytest.mark.django_db


def csv_file(text, name="purchases.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def upload(client, file):
    return client.post(reverse("awards:record_import"), {"file": file})


def test_a_bad_file_is_refused_row_by_row_and_nothing_is_imported(logged_in, supplier):
    tax_id = supplier.organisation.tax_id
    response = upload(
        logged_in,
        csv_file(
            "supplier_tax_id,purchased_on,amount,description,impacts,impact_description\n"
            f"{tax_id},2026-03-02,12000,有機蔬菜禮盒,local_procurement,在地小農\n"
            f"{tax_id},2025-12-31,5000,尾牙禮品,,\n"
            "12345678,2026-03-03,-5,,,\n"
            f"{tax_id},2026-03-04,8000,咖啡豆,planting_trees,\n"
        ),
    )
    assert response.status_code == 200
    errors = [(e.row, e.column, e.message) for e in response.context["errors"]]
    assert errors == [
        (
            3,
            "purchased_on",
            "好食農產 was not listed on the portal on 31 Dec 2025 (listed from 5 Jan 2026): "
            "only purchases from listed suppliers count.",
        ),
        (
            4,
            "supplier_tax_id",
            "No supplier on the portal has this name or Unified Business Number. Type the "
            "8-digit number, or pick the supplier from the suggestions.",
        ),
        (4, "amount", "Ensure this value is greater than or equal to 1."),
        (4, "description", "This field is required."),
        (
            5,
            "impacts",
            "Unknown impact code: planting_trees. Use the codes listed on the import page.",
        ),
    ]
    html = response.content.decode()
    assert "nothing was imported" in html
    assert not PurchaseRecord.objects.exists()


def test_a_file_with_the_wrong_columns_is_refused(logged_in):
    response = upload(logged_in, csv_file("供應方,日期,金額\n1,2,3\n"))
    columns = {(e.row, e.column) for e in response.context["errors"]}
    assert (1, "supplier_tax_id") in columns and (1, "供應方") in columns
    assert not PurchaseRecord.objects.exists()


def test_a_good_csv_imports_every_row_marked_as_needing_evidence(logged_in, buyer, supplier):
    tax_id = supplier.organisation.tax_id
    response = upload(
        logged_in,
        csv_file(
            "\ufeffsupplier_tax_id,purchased_on,amount,description,impacts,impact_description\n"
            f'{tax_id},2026-03-02,"12,000",有機蔬菜禮盒,local_procurement;green_products,在地\n'
            f"{tax_id},2026/03/05,800,咖啡豆,,\n"
        ),
    )
    assert response.status_code == 302
    records = list(buyer.purchase_records.order_by("purchased_on"))
    assert [(r.amount, r.impacts, r.imported) for r in records] == [
        (12_000, ["local_procurement", "green_products"], True),
        (800, [], True),
    ]
    listing = logged_in.get(reverse("awards:record_list")).content.decode()
    assert listing.count("Needs evidence") == 2


def test_an_xlsx_file_from_the_template_imports(logged_in, buyer, supplier):
    template = logged_in.get(reverse("awards:import_template", args=["xlsx"]))
    workbook = load_workbook(io.BytesIO(template.content))
    sheet = workbook.active
    assert [cell.value for cell in sheet[1]] == list(COLUMNS)
    sheet.append(
        [supplier.organisation.tax_id, datetime.date(2026, 4, 1), 3_500, "便當", None, None]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = upload(logged_in, SimpleUploadedFile("purchases.xlsx", buffer.getvalue()))
    assert response.status_code == 302
    (imported,) = buyer.purchase_records.all()
    assert (imported.purchased_on.isoformat(), imported.amount) == ("2026-04-01", 3_500)


def test_the_csv_template_has_the_header_row(logged_in):
    response = logged_in.get(reverse("awards:import_template", args=["csv"]))
    assert response.content.decode("utf-8-sig").strip() == ",".join(COLUMNS)


def test_a_file_that_is_neither_is_refused(logged_in):
    response = upload(logged_in, SimpleUploadedFile("x.csv", b"\xff\xfe\x00garbage"))
    assert [e.message for e in response.context["errors"]] == [
        "The file is neither an XLSX workbook nor a UTF-8 CSV file."
    ]


HEADER = "supplier_tax_id,purchased_on,amount,description,impacts,impact_description\n"


@pytest.fixture
def zero_supplier(db):
    return SupplierFactory(name="零號商行", approved_on=APPROVED, organisation__tax_id="01000008")


def test_a_tax_id_that_lost_its_leading_zero_in_a_csv_is_restored(logged_in, buyer, zero_supplier):
    response = upload(logged_in, csv_file(HEADER + "1000008,2026-03-02,1200,文具,,\n"))
    assert response.status_code == 302
    assert buyer.purchase_records.get().supplier == zero_supplier


def test_a_tax_id_in_full_width_digits_is_read_as_the_same_number(logged_in, buyer, supplier):
    full_width = supplier.organisation.tax_id.translate(
        str.maketrans("0123456789", "０１２３４５６７８９")
    )
    response = upload(logged_in, csv_file(HEADER + f"{full_width},2026-03-02,1200,文具,,\n"))
    assert response.status_code == 302
    assert buyer.purchase_records.get().supplier == supplier


def test_a_tax_id_typed_as_a_number_in_xlsx_is_restored(logged_in, buyer, zero_supplier):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(COLUMNS))
    sheet.append([1000008, datetime.date(2026, 3, 2), 1200, "文具", None, None])
    sheet.append([1000008.0, datetime.date(2026, 3, 3), 800, "紙張", None, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = upload(logged_in, SimpleUploadedFile("purchases.xlsx", buffer.getvalue()))
    assert response.status_code == 302
    assert {r.supplier for r in buyer.purchase_records.all()} == {zero_supplier}


def test_the_xlsx_template_keeps_the_tax_id_column_as_text(logged_in):
    template = logged_in.get(reverse("awards:import_template", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(template.content)).active
    assert sheet.column_dimensions["A"].number_format == "@"


def test_errors_name_the_row_as_seen_in_the_spreadsheet_after_blank_rows(logged_in, supplier):
    tax_id = supplier.organisation.tax_id
    response = upload(
        logged_in,
        csv_file(
            HEADER + ",,,,,\n" + f"{tax_id},2026-03-02,100,紙張,,\n{tax_id},2026-03-02,0,筆,,\n"
        ),
    )
    errors = [(e.row, e.column) for e in response.context["errors"]]
    assert errors == [(4, "amount")]
    assert not PurchaseRecord.objects.exists()


def test_a_row_repeating_an_earlier_row_is_refused(logged_in, supplier):
    tax_id = supplier.organisation.tax_id
    response = upload(
        logged_in,
        csv_file(
            HEADER
            + f"{tax_id},2026-03-02,1200,文具,,\n"
            + f"{tax_id},2026-03-02,1200,咖啡,,\n"
            + f'{tax_id},2026/03/02,"1,200",文具,local_procurement,\n'
        ),
    )
    errors = [(e.row, e.message) for e in response.context["errors"]]
    assert errors == [
        (
            4,
            "This row repeats row 2 (same supplier, date, amount and description): a purchase "
            "is recorded once.",
        )
    ]
    assert not PurchaseRecord.objects.exists()
