from django.urls import path

from . import views

app_name = "coaching"

urlpatterns = [
    path("", views.case_list, name="cases"),
    path("apply/", views.case_apply, name="apply"),
    path("<int:pk>/", views.case_detail, name="case"),
    path("<int:pk>/withdraw/", views.case_withdraw, name="withdraw"),
    path("<int:pk>/rate/", views.case_rate, name="rate"),
]
