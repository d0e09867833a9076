"""The workflow kernel every app builds on: one error for a refused step, and one shape for
the table of steps a stateful record allows."""

from django.utils.translation import gettext_lazy as _


class StepRefused(Exception):
    """A workflow step refused, with a message for the person who tried it (in their language)
    and, when the refusal is about one field of a form, that field's name."""

    def __init__(self, message, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def require_permission(user, permission: str) -> None:
    """A staff decision checks the role itself, whichever screen, action or job calls it."""
    if user is None or not user.has_perm(permission):
        raise StepRefused(_("Your role does not allow this step."))
