import datetime
import sys

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError, connection, transaction
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
    """Whether this instance can serve, for the load balancer: 503 with ``Retry-After`` when
    the database or the private store is out of reach. Redis and the outbox are reported too,
    but as "degraded" with a 200: the portal works without Redis (tops/cache.py) and mail
    waits in the outbox, and every instance shares both, so taking instances out for them
    would turn a slowdown into an outage. Monitoring alerts on "degraded"."""
    required = {"database": _database_ready, "private_store": _private_store_ready}
    reported = {"cache": _cache_ready, "outbox": _outbox_ready}
    results = {}
    for name, check in {**required, **reported}.items():
        try:
            results[name] = check()
        except Exception as error:
            results[name] = f"failed: {type(error).__name__}"
    ready = all(results[name] == "ok" for name in required)
    degraded = [name for name in reported if results[name] not in ("ok", "not configured")]
    response = JsonResponse(
        {"ready": ready, "degraded": degraded, "checks": results}, status=200 if ready else 503
    )
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
    """Mail due for a quarter of an hour and not handed over means no worker is sending."""
    overdue = (
        OutgoingMail.objects.filter(
            status=OutgoingMail.Status.QUEUED,
            next_attempt_at__lt=timezone.now() - OUTBOX_STALE_AFTER,
        )
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    if overdue is not None:
        return f"failed: mail due since {timezone.localtime(overdue):%Y-%m-%d %H:%M}"
    return "ok"


def _database_out_of_reach(error) -> bool:
    """A lost or refused connection (SQLSTATE class 08, or the server shutting down, 57P0x),
    not a deadlock, a timeout or a schema bug."""
    if not isinstance(error, (OperationalError, InterfaceError)):
        return False
    sqlstate = getattr(error.__cause__, "sqlstate", None)
    if sqlstate:
        return sqlstate.startswith("08") or sqlstate.startswith("57P0")
    # No SQLSTATE: the connection could not be made or was lost (PostgreSQL). SQLite does not
    # restart; its errors are faults of the page.
    return connection.vendor == "postgresql"


def server_error(request, template_name="500.html"):
    """A database that is restarting or out of reach is a passing state, not a fault of the
    page: say so with 503 and when to try again. Anything else is Django's 500."""
    if _database_out_of_reach(sys.exc_info()[1]):
        response = HttpResponse(render_to_string("503.html", request=None), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return defaults.server_error(request, template_name)
