from django.urls import path

from . import personal_data_views, views

app_name = "accounts"

urlpatterns = [
    path("", views.organisation_detail, name="organisation"),
    path("edit/", views.organisation_edit, name="organisation_edit"),
    path("personal-data/", personal_data_views.personal_data_page, name="personal_data"),
    path("personal-data/copy/", personal_data_views.data_copy_request, name="data_copy_request"),
    path(
        "personal-data/copy/<str:token>/",
        personal_data_views.data_copy_download,
        name="data_copy_download",
    ),
    path("close/", personal_data_views.account_close, name="account_close"),
]
