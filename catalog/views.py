from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.models import Organisation
from suppliers.eligibility import SizeGroup
from suppliers.models import District, Supplier
from tops.catalogue import cached_for_version, public_page
from tops.workflow import StepRefused

from . import search, selectors, services
from .cards import card_page, cards
from .forms import InquiryForm
from .models import Inquiry, Product

PAGE_SIZE = 24


def _count_keeper(request, *listing):
    """Keeps the counts of ``listing`` (what the list is of, with its filters) per catalogue
    version: ``count_with(count, cap)``."""

    def count_with(count, cap):
        return cached_for_version(
            "listing-count", lambda: count(cap), cap, *listing, request=request
        )

    return count_with


def _page(request, queryset, *listing):
    """The page of ``queryset`` asked for, its count kept per catalogue version."""
    return card_page(
        queryset,
        request.GET.get("page"),
        per_page=PAGE_SIZE,
        count_with=_count_keeper(request, *listing),
    )


def _chosen(request, name: str, allowed, default: str = "") -> str:
    """A filter's value as asked, when it is one of ``allowed``: only those show as chosen (and
    key the shared filter form, tops_frames)."""
    value = request.GET.get(name, default)
    return value if value in allowed else default


def _listing_context(request):
    return {
        "size_group": _chosen(request, "group", SizeGroup.values),
        "sort": _chosen(request, "sort", selectors.SORTS, "newest"),
        "size_groups": SizeGroup.choices,
    }


@public_page
def home(request):
    return render(
        request,
        "catalog/home.html",
        {
            # Counted once per catalogue version, not on every visit.
            "pavilions": cached_for_version(
                "pavilion-counts", lambda: list(selectors.pavilions_with_counts()), request=request
            ),
            "newest": cards(selectors.newest_products()),
        },
    )


@public_page
def pavilion(request, code):
    pavilion = next(
        (pavilion for pavilion in selectors.all_pavilions(request) if pavilion.code == code), None
    )
    if pavilion is None:
        raise Http404
    context = _listing_context(request)
    products = selectors.filtered(
        Product.objects.public().filter(pavilion=pavilion),
        size_group=context["size_group"],
        sort=context["sort"],
    )
    return render(
        request,
        "catalog/pavilion.html",
        {
            **context,
            "pavilion": pavilion,
            "page": _page(request, products, "pavilion", pavilion.pk, context["size_group"]),
        },
    )


@public_page
def product(request, pk):
    try:
        product = selectors.product_page(pk)
    except Product.DoesNotExist:
        raise Http404 from None
    buyer = (
        Organisation.objects.filter(account=request.user).first()
        if request.user.is_authenticated
        else None
    )
    form = InquiryForm(request.POST or None) if buyer else None
    status = 200
    if request.method == "POST":
        if buyer is None:
            return redirect_to_login(request.get_full_path())
        if form.is_valid() and not ratelimit.consume(request, action="inquiry", user=request.user):
            form.add_error(
                None,
                _(
                    "You have sent many inquiries in a short time. Please try again later, or "
                    "call the service window."
                ),
            )
            status = 429
        elif form.is_valid():
            try:
                services.inquiry_send(
                    product=product, buyer=buyer, by=request.user, **form.cleaned_data
                )
            except StepRefused as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(request, _("Your inquiry has been sent to the supplier."))
                return redirect("catalog:product", pk=product.pk)
    return render(
        request,
        "catalog/product.html",
        {"product": product, "version": product.published, "inquiry_form": form},
        status=status,
    )


@login_required
def inbox(request):
    organisation = get_object_or_404(Organisation, account=request.user)
    received = Inquiry.objects.filter(supplier__organisation=organisation).select_related(
        "buyer__account", "product__published"
    )
    sent = organisation.inquiries_sent.select_related("supplier", "product__published")
    return render(request, "catalog/inbox.html", {"received": received, "sent": sent})


@public_page
def supplier(request, pk):
    supplier = get_object_or_404(Supplier.objects.listed(), pk=pk)
    products = supplier.products.public()
    return render(
        request,
        "catalog/supplier.html",
        {"supplier": supplier, "page": _page(request, products, "supplier", supplier.pk)},
    )


@public_page
def search_view(request):
    query = request.GET.get("q", "").strip()
    context = _listing_context(request)
    listing = ("search", search.listing_key(request.GET))
    products = search.results_by_page(request.GET, count_with=_count_keeper(request, *listing))
    pavilions = selectors.all_pavilions(request)
    page = _page(request, products, *listing) if query else None
    nothing_found = page is not None and not page.paginator.count
    return render(
        request,
        "catalog/search.html",
        {
            **context,
            "query": query,
            "terms": search.words(query),
            "pavilion_code": _chosen(request, "pavilion", {item.code for item in pavilions}),
            "pavilions": pavilions,
            "district": _chosen(request, "district", District.values),
            "districts": District.choices,
            "page": page,
            "suggestions": (
                search.suggestions(Product.objects.public(), query) if nothing_found else []
            ),
            "related_pavilions": (
                search.related_pavilions(pavilions, query) if nothing_found else []
            ),
        },
    )
