from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("supplier/<int:supplier_pk>/", views.report_create, name="supplier"),
    path(
        "supplier/<int:supplier_pk>/product/<int:product_pk>/",
        views.report_create,
        name="product",
    ),
    path("received/<uuid:public_id>/", views.report_received, name="received"),
    path("evidence/<uuid:public_id>/", views.evidence_file, name="evidence"),
]
