from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.organisation_detail, name="organisation"),
    path("edit/", views.organisation_edit, name="organisation_edit"),
]
