"""A request body larger than any form of the portal can take is refused before it is read."""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string


class RequestBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            return HttpResponse(
                render_to_string("413.html", {"limit_mb": settings.MAX_REQUEST_BYTES >> 20}),
                status=413,
            )
        return self.get_response(request)
