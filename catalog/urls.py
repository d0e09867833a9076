from django.urls import path

from . import listing_views, product_views, views

app_name = "catalog"

urlpatterns = [
    path("pavilions/<slug:code>/", views.pavilion, name="pavilion"),
    path("products/<int:pk>/", views.product, name="product"),
    path("suppliers/<int:pk>/", views.supplier, name="supplier"),
    path("search/", views.search_view, name="search"),
    path("search/export.<str:file_format>", listing_views.search_export, name="search_export"),
    path(
        "pavilions/<slug:code>/export.<str:file_format>",
        listing_views.pavilion_export,
        name="pavilion_export",
    ),
    path("suppliers/", listing_views.supplier_directory, name="directory"),
    path("organisation/inquiries/", views.inbox, name="inbox"),
    path("supplier/products/new/", product_views.product_create, name="product_create"),
    path("supplier/products/<int:pk>/edit/", product_views.product_edit, name="product_edit"),
    path("supplier/pictures/", product_views.picture_hold, name="picture_hold"),
    path("supplier/pictures/<uuid:public_id>/", product_views.held_picture, name="held_picture"),
]
