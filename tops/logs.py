"""One log line per request, as JSON, carrying a request id that also marks every line logged
while the request runs (and, on a worker, the task id). nginx passes its ``$request_id`` as
``X-Request-ID``; without one, the portal makes one. The answer carries it back."""

import contextvars
import logging
import time
import uuid

from django.utils.functional import empty

request_id = contextvars.ContextVar("request_id", default="-")

logger = logging.getLogger("tops.request")


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id.get()
        return True


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        this_request = given[:64] if given.isprintable() and given else uuid.uuid4().hex
        token = request_id.set(this_request)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = this_request
            logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                    "user": _user_id_if_known(request),
                },
            )
            return response
        finally:
            request_id.reset(token)


def _user_id_if_known(request):
    """The user's id when the request looked it up anyway; logging never costs a query."""
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return getattr(user, "pk", None)


def mark_task(task_id=None, task=None, **kwargs):
    """Connected to Celery's task_prerun: a worker's lines carry the task's id. A task run
    in-process (the embedded default) keeps the request's id."""
    if task is not None and task.request.is_eager:
        return
    request_id.set(task_id or "-")
