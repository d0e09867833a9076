"""The portal's routes, and three that fail on purpose, for the error-page tests."""

from django.core.exceptions import BadRequest, PermissionDenied
from django.urls import path

from tops.urls import handler500, urlpatterns  # noqa: F401


def forbidden(request):
    raise PermissionDenied


def bad_request(request):
    raise BadRequest


def broken(request):
    raise ValueError("a bug")


urlpatterns = [
    path("test-errors/403", forbidden),
    path("test-errors/400", bad_request),
    path("test-errors/500", broken),
    *urlpatterns,
]
