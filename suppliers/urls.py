from django.urls import path

from . import supplier_views, views

app_name = "suppliers"

urlpatterns = [
    path("application/", views.application_overview, name="application"),
    path("application/start/", views.application_start, name="application_start"),
    path("application/documents/", views.application_documents, name="application_documents"),
    path(
        "application/documents/<uuid:public_id>/remove/",
        views.document_remove,
        name="document_remove",
    ),
    path("application/submit/", views.application_submit, name="application_submit"),
    path("application/withdraw/", views.application_withdraw, name="application_withdraw"),
    path(
        "application/authorization-letter/",
        views.authorization_letter,
        name="authorization_letter",
    ),
    path("application/eligibility/", views.eligibility, name="eligibility"),
    path("application/<slug:step>/", views.application_step, name="application_step"),
    path("documents/<uuid:public_id>/", views.document_file, name="document_file"),
    path("dashboard/", supplier_views.dashboard, name="dashboard"),
    path("profile/", supplier_views.profile_edit, name="profile_edit"),
    path("confirm-information/", supplier_views.information_confirm, name="information_confirm"),
    path("withdraw/", supplier_views.withdrawal, name="withdrawal"),
]
