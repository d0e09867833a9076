"""The staff admin: the application queue and review, and listed suppliers' aftercare."""

from . import activity, applications, outbox, suppliers  # noqa: F401
