"""Amounts and dates are written one way in each language: NT$ 1,200; 2026年12月3日 and
3 Dec 2026."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from catalog.forms import ProductForm
from tops.money import ntd


def render(source, language, **context):
    with translation.override(language):
        return Template("{% load tops_format %}" + source).render(Context(context))


@pytest.mark.parametrize(
    "value, written", [(1200, "NT$ 1,200"), (5_000_000, "NT$ 5,000,000"), (0, "NT$ 0"), (None, "")]
)
def test_amounts_have_the_currency_a_space_and_thousands_separators(value, written):
    assert ntd(value) == written
    for language in ("zh-hant", "en"):
        assert render("{{ value|ntd }}", language, value=value) == written


@pytest.mark.parametrize(
    "language, day, instant",
    [
        ("zh-hant", "2026年12月3日", "2026年12月3日 14:05"),
        ("en", "3 Dec 2026", "3 Dec 2026, 14:05"),
    ],
)
def test_dates_and_instants_in_each_language(language, day, instant):
    assert render("{{ day|date }}", language, day=datetime.date(2026, 12, 3)) == day
    at = datetime.datetime(2026, 12, 3, 6, 5, tzinfo=datetime.UTC)  # 14:05 in Taipei
    with timezone.override("Asia/Taipei"):
        assert render('{{ at|date:"DATETIME_FORMAT" }}', language, at=at) == instant


def product(price):
    return ProductForm(
        data={
            "name": "有機蔬菜禮盒",
            "summary": "禮盒",
            "description": "說明",
            "price": price,
            "pavilion": "",
        }
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "typed", ["80,000", "80000", "NT$80,000", "８０，０００", "８００００", "80,000元", " 80 000 "]
)
def test_the_product_form_takes_a_price_as_people_write_it(typed):
    form = product(typed)
    form.is_valid()
    assert "price" not in form.errors
    assert form.cleaned_data["price"] == 80_000


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, message",
    [
        ("en", "Enter the amount in whole NT$, in digits, for example 80,000."),
        ("zh-hant", None),
    ],
)
def test_a_price_that_is_not_a_whole_amount_is_named_clearly(language, message):
    with translation.override(language):
        form = product("80.5 萬")
        assert not form.is_valid()
        expected = message or translation.gettext(
            "Enter the amount in whole NT$, in digits, for example 80,000."
        )
        assert form.errors["price"] == [expected]
