from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from accounts.views import set_language

from . import views

admin.site.site_header = _("TOPS portal administration")
admin.site.site_title = _("TOPS portal administration")

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/", include("allauth.urls")),
    path("organisation/", include("accounts.urls")),
    path("supplier/", include("suppliers.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
]
