from django.urls import path

from . import views

app_name = "review"
urlpatterns = [
    path(
        "disqualification/<uuid:public_id>/",
        views.disqualification_notice,
        name="disqualification_notice",
    ),
]
