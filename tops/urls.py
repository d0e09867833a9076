from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from accounts.views import activation_code, set_language, signup
from catalog import views as catalog_views
from catalog.sitemaps import SITEMAPS

from . import styleguide, views
from .catalogue import public_page
from .media import public_media

# Staff log in through the portal's own log-in, with its lock-out after failed attempts.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = _("TOPS portal administration")
admin.site.site_title = _("TOPS portal administration")

urlpatterns = [
    path("", catalog_views.home, name="home"),
    path("", include("catalog.urls")),
    path(
        "sitemap.xml",
        public_page(sitemap_views.index),
        {
            "sitemaps": SITEMAPS,
            "sitemap_url_name": "sitemap-section",
            "template_name": "catalog/sitemap_index.xml",
        },
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        public_page(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS, "template_name": "catalog/sitemap.xml"},
        name="sitemap-section",
    ),
    path("accounts/signup/", signup, name="account_signup"),
    path("accounts/confirm-email/", activation_code, name="account_email_verification_sent"),
    path("accounts/", include("allauth.urls")),
    path("organisation/", include("accounts.urls")),
    path("supplier/", include("suppliers.urls")),
    path("report/", include("reports.urls")),
    path("notices/", include("suppliers.notice_urls")),
    path("awards/", include("awards.urls")),
    path("activities/", include("programme.urls")),
    path("", include("publications.urls")),
    path("supplier/coaching/", include("coaching.urls")),
    path("", include("figures.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("styleguide/", styleguide.styleguide, name="styleguide"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
]

# Public media on the local disk (the embedded default): served by the portal itself, under
# runserver and gunicorn alike. With object storage the view answers 404 and the proxy serves
# /media/ from the bucket (README, Operations).
if settings.MEDIA_URL.startswith("/"):
    urlpatterns.append(
        path(f"{settings.MEDIA_URL.lstrip('/')}<path:path>", public_media, name="public_media")
    )

handler500 = "tops.views.server_error"
