from django.urls import path

from . import dashboard, views

app_name = "catalog"

urlpatterns = [
    path("pavilions/<slug:code>/", views.pavilion, name="pavilion"),
    path("products/<int:pk>/", views.product, name="product"),
    path("suppliers/<int:pk>/", views.supplier, name="supplier"),
    path("search/", views.search_view, name="search"),
    path("organisation/inquiries/", views.inbox, name="inbox"),
    path("supplier/dashboard/", dashboard.dashboard, name="dashboard"),
    path("supplier/profile/", dashboard.profile_edit, name="profile_edit"),
    path("supplier/products/new/", dashboard.product_create, name="product_create"),
    path("supplier/products/<int:pk>/edit/", dashboard.product_edit, name="product_edit"),
    path(
        "supplier/confirm-information/",
        dashboard.information_confirm,
        name="information_confirm",
    ),
    path("supplier/withdraw/", dashboard.withdrawal, name="withdrawal"),
]
