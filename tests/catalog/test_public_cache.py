"""Public pages from the shared cache: never stale, never someone else's."""

from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog import selectors, services
from catalog.cards import card_page
from catalog.models import Product
from catalog.sitemaps import ProductSitemap
from suppliers import lifecycle
from tests.builders import pictures_made
from tests.factories import OrganisationFactory
from tops.catalogue import release

pytestmark = pytest.mark.django_db


def queries(captured) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if "SAVEPOINT" not in q["sql"]]


def public_urls(product):
    return [
        reverse("home"),
        reverse("catalog:pavilion", args=[product.pavilion.code]),
        reverse("catalog:pavilion", args=[product.pavilion.code]) + "?sort=name&group=startup",
        reverse("catalog:product", args=[product.pk]),
        reverse("catalog:supplier", args=[product.supplier_id]),
        reverse("catalog:search") + "?q=天然",
        "/sitemap-products.xml",
    ]


def pages(client, product) -> dict:
    return {url: client.get(url) for url in public_urls(product)}


def warm(client, product):
    """Every page twice: the second answer comes from the cache."""
    pages(client, product)
    second = pages(client, product)
    assert {url: r.get("X-Catalogue-Cache") for url, r in second.items()} == {
        url: "hit" for url in second
    }


def shows(response, product, text) -> bool:
    return response.status_code == 200 and text in response.content.decode()


def test_a_delisting_leaves_every_cached_page_on_the_next_request(
    client, supplier, list_product, reviewer
):
    product = list_product(supplier, "天然保健食品")
    warm(client, product)
    link = f"/products/{product.pk}/"

    services.product_delist(product=product, by=reviewer, reasons=["wrong_pavilion"], note="")

    after = pages(client, product)
    assert after.pop(reverse("catalog:product", args=[product.pk])).status_code == 404
    assert not any(shows(response, product, link) for response in after.values())


def test_a_disqualification_leaves_every_cached_page_on_the_next_request(
    client, supplier, list_product, reviewer
):
    product = list_product(supplier, "天然保健食品")
    warm(client, product)

    lifecycle.supplier_disqualify(
        supplier=supplier,
        by=reviewer,
        route="audit",
        ground="bankruptcy",
        reason="經法院宣告破產。",
        evidence="臺北地方法院裁定",
    )

    after = pages(client, product)
    assert after.pop(reverse("catalog:product", args=[product.pk])).status_code == 404
    assert after.pop(reverse("catalog:supplier", args=[supplier.pk])).status_code == 404
    assert not any(
        shows(response, product, f"/products/{product.pk}/") for response in after.values()
    )


def test_an_approved_edit_shows_on_every_cached_page_on_the_next_request(
    client, supplier, list_product, reviewer
):
    product = list_product(supplier, "天然保健食品")
    warm(client, product)
    listed = product.published
    edit = services.product_edit(
        product=Product.objects.get(pk=product.pk),
        by=supplier.organisation.account,
        content={
            "name": "天然保健食品二代",
            "summary": listed.summary,
            "description": listed.description,
            "specifications": "",
            "price": 1500,
            "price_on_request": False,
        },
        pictures=[services.Picture(alt_text="照片", existing=listed.images.get())],
    )
    pictures_made(edit)
    services.version_list(version=edit, by=reviewer)

    after = pages(client, product)
    after.pop("/sitemap-products.xml")  # the sitemap lists addresses, not names
    # The search page marks the word searched for (<mark>天然</mark>), so the rest is looked for.
    assert all(shows(response, product, "保健食品二代") for response in after.values()), {
        url: response.status_code for url, response in after.items()
    }


def test_a_signed_in_users_page_is_never_served_to_another_visitor(client, supplier, list_product):
    buyer = OrganisationFactory(tax_id="24536806", account__email="buyer@example.com")
    product = list_product(supplier, "天然保健食品")
    url = reverse("catalog:product", args=[product.pk])
    client.force_login(buyer.account)
    own = client.get(url)
    assert "private" in own["Cache-Control"]
    assert 'name="subject"' in own.content.decode()  # the inquiry form, only for buyers
    assert 'name="csrfmiddlewaretoken"' in own.content.decode()
    client.get(url)

    client.logout()
    client.cookies.clear()
    for _ in range(2):
        visitor = client.get(url)
        page = visitor.content.decode()
        assert 'name="subject"' not in page and "csrfmiddlewaretoken" not in page
        assert buyer.account.email not in page


def test_a_cached_page_carries_no_ones_token_or_cookie_and_says_how_it_varies(
    client, supplier, list_product
):
    list_product(supplier, "天然保健食品")
    first, second = client.get(reverse("home")), client.get(reverse("home"))
    for response in (first, second):
        assert "csrfmiddlewaretoken" not in response.content.decode()
        assert not response.cookies
        # Public, but a browser asks again: a delisting shows in it on the next visit.
        assert {"public", "max-age=0"} <= {
            part.strip() for part in response["Cache-Control"].split(",")
        }
        assert {"Cookie", "Accept-Language"} <= {v.strip() for v in response["Vary"].split(",")}
    assert second["X-Catalogue-Cache"] == "hit"


def test_the_language_switch_works_from_a_cached_page(client, supplier, list_product):
    list_product(supplier, "天然保健食品")
    client.get(reverse("home"))
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert "Department of Economic Development" in client.get(reverse("home")).content.decode()


def test_each_language_has_its_own_cached_page(client, supplier, list_product):
    product = list_product(supplier, "天然保健食品")
    url = reverse("catalog:product", args=[product.pk])
    assert 'lang="zh-Hant-TW"' in client.get(url).content.decode()
    assert 'lang="zh-Hant-TW"' in client.get(url).content.decode()
    client.cookies["django_language"] = "en"
    for _ in range(2):
        assert '<html lang="en">' in client.get(url).content.decode()
    del client.cookies["django_language"]
    english = client.get(url, headers={"accept-language": "en"}).content.decode()
    assert '<html lang="en">' in english


def test_a_waiting_message_is_shown_not_skipped_by_a_cached_page(client, supplier, list_product):
    buyer = OrganisationFactory(tax_id="24536806", account__email="buyer@example.com")
    product = list_product(supplier, "天然保健食品")
    url = reverse("catalog:product", args=[product.pk])
    client.get(url)
    client.get(url)  # cached
    client.force_login(buyer.account)
    client.cookies["django_language"] = "en"
    client.post(url, {"subject": "詢價", "message": "請問可以訂購一百盒嗎？"})
    page = client.get(url).content.decode()
    assert "Your inquiry has been sent to the supplier." in page


@pytest.mark.parametrize(
    "url",
    [
        "home",
        "pavilion",
        "pavilion-page-2",
        "product",
        "supplier",
        "search",
        "sitemap",
        "sitemap-products",
    ],
)
def test_each_public_page_takes_a_fixed_number_of_queries_with_a_cold_cache(
    client, supplier, list_product, url
):
    products = [list_product(supplier, f"天然保健食品{n}") for n in range(3)]
    product = products[0]
    address = {
        "home": reverse("home"),
        "pavilion": reverse("catalog:pavilion", args=[product.pavilion.code]),
        "pavilion-page-2": reverse("catalog:pavilion", args=[product.pavilion.code]) + "?page=2",
        "product": reverse("catalog:product", args=[product.pk]),
        "supplier": reverse("catalog:supplier", args=[supplier.pk]),
        "search": reverse("catalog:search") + "?q=天然",
        "sitemap": "/sitemap.xml",
        "sitemap-products": "/sitemap-products.xml",
    }[url]
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        assert client.get(address).status_code == 200
    with CaptureQueriesContext(connection) as warm:
        assert client.get(address)["X-Catalogue-Cache"] == "hit"
    # The test's own transaction adds a savepoint around each request: not the page's queries.
    assert len(queries(cold)) <= 8, queries(cold)
    assert queries(warm) == []


def test_a_long_listing_counts_only_up_to_a_cap(supplier, list_product):
    for n in range(5):
        list_product(supplier, f"天然保健食品{n}")
    products = selectors.product_cards(Product.objects.public().order_by("pk"))
    first = card_page(products, "1", per_page=2, cap=3)
    # The cap, or the page after the one asked for if that is further: 4 of the 5.
    assert first.paginator.capped and first.paginator.count == 4
    assert first.has_next() and [card.name for card in first.cards] == [
        "天然保健食品0",
        "天然保健食品1",
    ]
    # Asking further counts further: the page asked for and the next are always known.
    third = card_page(products, "3", per_page=2, cap=3)
    assert [card.name for card in third.cards] == ["天然保健食品4"]
    assert not third.paginator.capped and not third.has_next()
    assert card_page(products, "1", per_page=2, cap=10).paginator.count == 5


def test_a_visit_from_a_campaign_link_is_served_the_kept_page_without_its_parameters(
    client, supplier, list_product
):
    product = list_product(supplier, "天然保健食品")
    url = reverse("catalog:pavilion", args=[product.pavilion.code])
    client.get(url + "?sort=name")
    for tracking in ("utm_source=fb&utm_campaign=spring", "fbclid=IwAR0x"):
        response = client.get(f"{url}?{tracking}&sort=name")
        assert response["X-Catalogue-Cache"] == "hit"
        page = response.content.decode()
        assert "utm_" not in page and "fbclid" not in page
    # Rendered the first time from a campaign link: kept without its parameters.
    first = client.get(f"{url}?fbclid=IwAR1y&group=startup")
    assert "X-Catalogue-Cache" not in first and "fbclid" not in first.content.decode()
    assert client.get(f"{url}?group=startup")["X-Catalogue-Cache"] == "hit"


def test_a_parameter_the_pages_do_not_read_is_never_cached(client, supplier, list_product):
    product = list_product(supplier, "天然保健食品")
    url = reverse("catalog:pavilion", args=[product.pavilion.code]) + "?ref=x"
    for _ in range(2):
        response = client.get(url)
        assert "X-Catalogue-Cache" not in response and "private" in response["Cache-Control"]


def test_a_pavilion_edited_in_the_admin_shows_on_the_next_request(client, supplier, list_product):
    product = list_product(supplier, "天然保健食品")
    client.cookies["django_language"] = "en"
    url = reverse("catalog:product", args=[product.pk])
    client.get(url)
    assert client.get(url)["X-Catalogue-Cache"] == "hit"
    pavilion = product.pavilion
    pavilion.name_en = "Everyday Living"
    pavilion.save()  # as the admin's change form saves it
    assert "Everyday Living" in client.get(url).content.decode()
    assert "Everyday Living" in client.get(reverse("home")).content.decode()


def test_only_a_signed_in_users_language_switch_needs_its_token(supplier):
    visitor = Client(enforce_csrf_checks=True)
    assert visitor.post(reverse("set_language"), {"language": "en", "next": "/"}).status_code == 302
    signed_in = Client(enforce_csrf_checks=True)
    signed_in.force_login(supplier.organisation.account)
    refused = signed_in.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert refused.status_code == 403
    supplier.organisation.account.refresh_from_db()
    assert supplier.organisation.account.preferred_language != "en"


# Pages rendered afresh (a parameter the pages do not read keeps the page cache out) still share
# their header, menus and footer between anonymous visitors, and their counts per version.


def test_the_shared_menu_marks_the_page_shown_and_follows_a_renamed_pavilion(
    client, supplier, list_product
):
    product = list_product(supplier, "天然保健食品", pavilion="lifestyle")
    list_product(supplier, "竹製餐具", pavilion="creative-design")
    client.cookies["django_language"] = "en"

    def current(code):
        page = client.get(reverse("catalog:pavilion", args=[code]) + "?ref=x")
        return page.content.decode().split('aria-current="page">')[1].split("<")[0]

    assert current("lifestyle") == product.pavilion.name_en
    assert current("creative-design") != product.pavilion.name_en
    pavilion = product.pavilion
    pavilion.name_en = "Everyday Living"
    pavilion.save()
    assert current("lifestyle") == "Everyday Living"


def test_a_signed_in_user_gets_their_own_header_after_visitors_and_visitors_never_theirs(
    client, supplier, list_product
):
    list_product(supplier, "天然保健食品")
    url = reverse("catalog:search") + "?q=天然&ref=x"
    assert "/accounts/login/" in client.get(url).content.decode()

    client.force_login(supplier.organisation.account)
    own = client.get(url).content.decode()
    assert supplier.organisation.account.get_username() in own
    assert reverse("suppliers:dashboard") in own and "/accounts/login/" not in own

    client.logout()
    client.cookies.clear()
    visitor = client.get(url).content.decode()
    assert supplier.organisation.account.get_username() not in visitor
    assert reverse("suppliers:dashboard") not in visitor


def test_a_kept_count_follows_a_delisting_on_the_next_request(
    client, supplier, list_product, reviewer
):
    first = list_product(supplier, "天然保健食品")
    list_product(supplier, "天然花草茶")
    client.cookies["django_language"] = "en"
    url = reverse("catalog:search") + "?q=天然&ref=x"
    assert "2 results" in client.get(url).content.decode()

    services.product_delist(product=first, by=reviewer, reasons=["wrong_pavilion"], note="")
    assert "1 result " in client.get(url).content.decode()


def test_a_deployment_retires_the_pages_and_cards_the_code_before_it_rendered(
    client, supplier, list_product
):
    """Every deployment runs migrate first: new templates and code are shown at once."""
    product = list_product(supplier, "天然保健食品")
    url = reverse("catalog:pavilion", args=[product.pavilion.code])
    client.get(url)
    assert client.get(url)["X-Catalogue-Cache"] == "hit"
    before = release()

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    assert "X-Catalogue-Cache" not in client.get(url)
    assert release() != before  # the cards' keys


def test_the_sitemaps_kept_count_follows_a_delisting_on_the_next_request(
    client, supplier, list_product, reviewer, monkeypatch
):
    monkeypatch.setattr(ProductSitemap, "limit", 1)  # a page per product
    first = list_product(supplier, "天然保健食品")
    list_product(supplier, "天然花草茶")
    # Read through a parameter the pages do not read: the count is kept, the page is not.
    index = client.get("/sitemap.xml?ref=x").content.decode()
    assert "/sitemap-products.xml?p=2</loc>" in index

    services.product_delist(product=first, by=reviewer, reasons=["wrong_pavilion"], note="")

    index = client.get("/sitemap.xml?ref=x").content.decode()
    assert "/sitemap-products.xml</loc>" in index
    assert "/sitemap-products.xml?p=2</loc>" not in index
    assert client.get("/sitemap-products.xml?p=2").status_code == 404


def test_products_seeded_in_bulk_show_on_the_next_request(client):
    call_command("seed_catalogue", suppliers=1, products=1, stdout=StringIO())
    home = client.get(reverse("home"))
    assert client.get(reverse("home"))["X-Catalogue-Cache"] == "hit"

    # More products for the suppliers there are: rows written in bulk, no signal sent.
    call_command("seed_catalogue", suppliers=0, products=2, stdout=StringIO())

    after = client.get(reverse("home"))
    assert "X-Catalogue-Cache" not in after
    newest = Product.objects.public().order_by("-listed_at").first()
    assert f"/products/{newest.pk}/" in after.content.decode()
    assert f"/products/{newest.pk}/" not in home.content.decode()
