from django.urls import path

from . import supplier_views, views

app_name = "awards"

urlpatterns = [
    path("records/", views.record_list, name="record_list"),
    path("records/new/", views.record_create, name="record_create"),
    path("records/import/", views.record_import, name="record_import"),
    path(
        "records/import/template.<str:file_format>",
        views.import_template,
        name="import_template",
    ),
    path("records/<int:pk>/", views.record_edit, name="record_edit"),
    path("records/<int:pk>/evidence/", views.evidence_add, name="evidence_add"),
    path("records/<int:pk>/withdraw/", views.record_withdraw, name="record_withdraw"),
    path("evidence/<uuid:public_id>/", views.evidence_file, name="evidence_file"),
    path("evidence/<uuid:public_id>/remove/", views.evidence_remove, name="evidence_remove"),
    path("summary/", views.summary, name="summary"),
    path("editions/<int:pk>/consent/", views.consent, name="consent"),
    path("editions/<int:pk>/apply/", views.apply, name="apply"),
    path("featured/", views.featured, name="featured"),
    path("results/<int:pk>/", views.results, name="results"),
    path("certificates/<uuid:certificate_id>/", views.certificate, name="certificate"),
    path("supplier/", supplier_views.recorded_against_me, name="supplier_records"),
    path("supplier/<int:pk>/answer/", supplier_views.answer, name="supplier_answer"),
    path("supplier/invitations/", supplier_views.invitations, name="invitations"),
    path("invited/<uuid:token>/", views.invited, name="invited"),
]
