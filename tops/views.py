import datetime
import sys

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection, transaction
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.views import defaults

from .models import OutgoingMail
from .storage import private_storage

# Mail waiting longer than this means no worker is sending: the portal is not ready.
OUTBOX_STALE_AFTER = datetime.timedelta(minutes=15)
RETRY_AFTER_SECONDS = 10


@transaction.non_atomic_requests
def healthz(request):
    """For the load balancer's liveness check, and the benchmark's ceiling: the process
    answers, with no database work."""
    return HttpResponse("ok", content_type="text/plain")


@transaction.non_atomic_requests
def readyz(request):
    """Whether this instance can serve: the database, Redis (when configured), the private
    store and the outbox (mail waiting for a quarter of an hour means no worker sends). 503,
    with what failed, when not ready."""
    checks = {
        "database": _database_ready,
        "cache": _cache_ready,
        "private_store": _private_store_ready,
        "outbox": _outbox_ready,
    }
    results = {}
    for name, check in checks.items():
        try:
            results[name] = check()
        except Exception as error:
            results[name] = f"failed: {type(error).__name__}"
    ready = all(result == "ok" or result == "not configured" for result in results.values())
    response = JsonResponse({"ready": ready, "checks": results}, status=200 if ready else 503)
    if not ready:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _database_ready():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"


def _cache_ready():
    if not settings.REDIS_URL:
        return "not configured"
    # The cache falls back to memory for the pages' sake; ask Redis itself here.
    cache.ping()
    return "ok"


def _private_store_ready():
    private_storage.exists("readiness-probe")
    return "ok"


def _outbox_ready():
    oldest = (
        OutgoingMail.objects.filter(status=OutgoingMail.Status.QUEUED)
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    if oldest is not None and timezone.now() - oldest > OUTBOX_STALE_AFTER:
        return f"failed: mail waiting since {oldest:%Y-%m-%d %H:%M}"
    return "ok"


def server_error(request, template_name="500.html"):
    """A database that is restarting or out of reach is a passing state, not a fault of the
    page: say so with 503 and when to try again. Anything else is Django's 500."""
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)) or (
        isinstance(error, DatabaseError) and not connection.is_usable()
    ):
        response = HttpResponse(render_to_string("503.html", request=None), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return defaults.server_error(request, template_name)
