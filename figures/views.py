import calendar

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.http import http_date
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from suppliers.eligibility import SizeGroup
from tops.exports import csv_text

from . import opendata
from .charts import bar_chart
from .models import FiguresSnapshot

DATASETS = {
    "suppliers": (opendata.SUPPLIER_COLUMNS, opendata.supplier_rows),
    "pavilions": (opendata.PAVILION_COLUMNS, lambda _base_url: opendata.pavilion_rows()),
}


def _base_url(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


def open_data(request):
    return render(
        request,
        "figures/open_data.html",
        {
            "updated": opendata.updated(),
            "license_name": opendata.LICENSE_NAME,
            "license_url": opendata.LICENSE_URL,
            "supplier_columns": opendata.SUPPLIER_COLUMNS,
            "pavilion_columns": opendata.PAVILION_COLUMNS,
        },
    )


def dataset(request, name, file_format):
    if name not in DATASETS or file_format not in ("csv", "json"):
        raise Http404
    columns, rows_of = DATASETS[name]
    rows = rows_of(_base_url(request))
    updated = opendata.updated()
    if file_format == "csv":
        response = HttpResponse(
            csv_text([column.heading for column in columns], opendata.csv_values(columns, rows)),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'inline; filename="tops-{name}.csv"'
    else:
        response = JsonResponse(
            {
                "updated": updated.isoformat(),
                "license": opendata.LICENSE_NAME,
                "license_url": opendata.LICENSE_URL,
                "data": rows,
            },
            json_dumps_params={"ensure_ascii": False, "indent": 1},
        )
    response["Access-Control-Allow-Origin"] = "*"
    response["Last-Modified"] = http_date(calendar.timegm(updated.timetuple()))
    return response


def statistics(request):
    """The headline figures and charts of the latest nightly snapshot, with its date."""
    snapshot = FiguresSnapshot.objects.first()
    tables = []
    if snapshot:
        figures = snapshot.figures
        english = get_language() == "en"
        groups = dict(SizeGroup.choices)
        tables = [
            (
                "pavilions",
                _("Listed suppliers by pavilion"),
                _("Pavilion"),
                [
                    [name_en if english else name_zh, count, 0]
                    for _code, name_zh, name_en, count in figures["suppliers_by_pavilion"]
                ],
            ),
            (
                "groups",
                _("Listed suppliers by size group"),
                _("Size group"),
                [
                    [groups.get(code, code), count, 0]
                    for code, count in figures["suppliers_by_group"]
                ],
            ),
            (
                "quarters",
                _("Verified purchase amounts (NT$) by quarter of purchase"),
                _("Quarter"),
                [[label, amount, 0] for label, amount, _records in figures["amounts_by_quarter"]],
            ),
        ]
        tables = [
            {"key": key, "title": title, "label": label, "rows": rows, "chart": bar_chart(rows)}
            for key, title, label, rows in tables
        ]
    return render(request, "figures/statistics.html", {"snapshot": snapshot, "tables": tables})
