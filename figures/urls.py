from django.urls import path

from . import views

app_name = "figures"

urlpatterns = [
    path("open-data/", views.open_data, name="open_data"),
    path(
        "open-data/<str:name>.<str:file_format>",
        views.dataset,
        name="dataset",
    ),
    path("statistics/", views.statistics, name="statistics"),
]
