from django.urls import path

from . import notice_views as views

app_name = "notices"
urlpatterns = [
    path(
        "disqualification/<uuid:public_id>/",
        views.disqualification_notice,
        name="disqualification",
    ),
]
