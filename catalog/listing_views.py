"""The supplier directory, and downloads of search results and pavilion listings."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from suppliers.eligibility import SizeGroup
from suppliers.models import District
from tops.catalogue import public_page

from . import directory, exports, search, selectors
from .models import Pavilion, Product

DIRECTORY_PAGE_SIZE = 30


@public_page
def supplier_directory(request):
    pavilions = list(Pavilion.objects.all())
    page = Paginator(directory.suppliers(request.GET), DIRECTORY_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    page.object_list = directory.with_pavilions(page.object_list, pavilions)
    return render(
        request,
        "catalog/directory.html",
        {
            "page": page,
            "pavilions": pavilions,
            "pavilion_code": request.GET.get("pavilion", ""),
            "size_groups": SizeGroup.choices,
            "size_group": request.GET.get("group", ""),
            "districts": District.choices,
            "district": request.GET.get("district", ""),
        },
    )


def search_export(request, file_format):
    products = search.results(request.GET)
    return exports.products_response(request, products, file_format, "tops-search")


def pavilion_export(request, code, file_format):
    pavilion = get_object_or_404(Pavilion, code=code)
    products = selectors.filtered(
        Product.objects.public().filter(pavilion=pavilion),
        size_group=request.GET.get("group"),
        sort=request.GET.get("sort", "newest"),
    )
    return exports.products_response(request, products, file_format, f"tops-{pavilion.code}")
