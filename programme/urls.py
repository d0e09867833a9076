from django.urls import path

from . import views

app_name = "programme"

urlpatterns = [
    path("", views.activity_list, name="list"),
    path("calendar/", views.this_month, name="this_month"),
    path("calendar/<int:year>/<int:month>/", views.activity_month, name="month"),
    path("calendar.ics", views.feed_ics, name="feed"),
    path("<int:pk>/", views.activity_detail, name="detail"),
    path("<int:pk>/register/", views.activity_register, name="register"),
    path("<int:pk>/calendar.ics", views.activity_ics, name="ics"),
    path("registrations/<int:pk>/cancel/", views.registration_cancel, name="cancel"),
]
