"""The listed suppliers and the pavilions' product counts as open data: only what the public
pages already show, read through the same querysets as they are (``Supplier.objects.listed()``,
``Product.objects.public()``).

The CSV headers are the fixed Chinese names of the data dictionary and the JSON keys its
English ones, whatever the visitor's language, so that a program reading the file at its
stable address keeps working. The registered data the issue also names (統一編號, district,
listing date) are not shown on the public supplier pages, so they are not published here."""

import datetime
from dataclasses import dataclass

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from catalog.models import Product
from catalog.selectors import pavilions_with_counts
from suppliers.models import Supplier

LICENSE_NAME = "政府資料開放授權條款－第1版 (Open Government Data License, version 1.0)"
LICENSE_URL = "https://data.gov.tw/license"


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    meaning: object
    kind: object


SUPPLIER_COLUMNS = [
    Column(
        "name",
        "供應方名稱",
        _(
            "The supplier's name, as on its page. In the CSV, a name starting with =, +, - or @ "
            "starts with an apostrophe, so that spreadsheet programs show it instead of running it."
        ),
        _("text"),
    ),
    Column("size_group", "規模組別代碼", _("sme or startup."), _("code")),
    Column("size_group_name", "規模組別", _("The size group, in Chinese."), _("text")),
    Column(
        "pavilions",
        "展館",
        _("The pavilions where the supplier has a product listed, in Chinese, separated by 、"),
        _("text (a list in JSON)"),
    ),
    Column("website", "網站", _("The supplier's website, if it gave one."), _("web address")),
    Column("url", "供應方頁面", _("The supplier's page on the portal."), _("web address")),
]

PAVILION_COLUMNS = [
    Column("code", "展館代碼", _("The pavilion's code, as in its address."), _("code")),
    Column("name_zh", "展館名稱", _("The pavilion's name in Chinese."), _("text")),
    Column("name_en", "展館英文名稱", _("The pavilion's name in English."), _("text")),
    Column(
        "products",
        "上架商品數",
        _("Products listed in the pavilion and shown to the public."),
        _("whole number"),
    ),
]


def updated() -> datetime.date:
    """The day the published data last changed: a listed supplier or a public product."""
    latest = [
        Supplier.objects.listed().aggregate(at=Max("updated_at"))["at"],
        Product.objects.public().aggregate(at=Max("updated_at"))["at"],
    ]
    latest = [at for at in latest if at is not None]
    return timezone.localdate(max(latest)) if latest else timezone.localdate()


def supplier_rows(base_url: str) -> list[dict]:
    pavilions: dict[int, list] = {}
    for supplier_id, name in (
        Product.objects.public()
        .order_by("supplier_id", "pavilion__order", "pavilion__code")
        .values_list("supplier_id", "pavilion__name_zh")
        .distinct()
    ):
        pavilions.setdefault(supplier_id, []).append(name)
    with translation.override("zh-hant"):
        return [
            {
                "name": supplier.name,
                "size_group": supplier.size_group,
                "size_group_name": str(supplier.get_size_group_display()),
                "pavilions": pavilions.get(supplier.pk, []),
                "website": supplier.website,
                "url": base_url + reverse("catalog:supplier", args=[supplier.pk]),
            }
            for supplier in Supplier.objects.listed()
            .order_by("name", "pk")
            .only("name", "size_group", "website")
        ]


def pavilion_rows() -> list[dict]:
    return [
        {
            "code": pavilion.code,
            "name_zh": pavilion.name_zh,
            "name_en": pavilion.name_en,
            "products": pavilion.listed,
        }
        for pavilion in pavilions_with_counts().order_by("order", "code")
    ]


def csv_values(columns, rows) -> list[list]:
    return [
        ["、".join(row[c.key]) if isinstance(row[c.key], list) else row[c.key] for c in columns]
        for row in rows
    ]
