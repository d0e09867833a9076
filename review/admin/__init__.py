"""The staff admin: the application queue and review, and listed suppliers' aftercare."""

from . import applications, suppliers  # noqa: F401
