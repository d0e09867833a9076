"""The workflow kernel every app builds on: one error for a refused step, one shape for the
table of steps a stateful record allows, and the role check every staff decision makes.

A workflow's table says, for each step, from which status it starts, to which status it leads
and who takes it: the record's owner, or staff holding a permission. Services ask it for the
status a step leads to (and get a refusal when the step is not possible now); pages and the
admin ask it which steps the person looking may take, instead of comparing status strings."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

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


# Who takes a step: the record's owner (the buyer or supplier it belongs to) or, when a
# permission name is given instead, staff holding that permission.
OWNER = "owner"


@dataclass(frozen=True)
class Step:
    moves: Mapping[str, str]  # the status it starts from -> the status it leads to
    by: str = OWNER


@dataclass(frozen=True)
class Workflow:
    steps: Mapping[str, Step]
    # "This … is now “%(status)s” …": said when a step does not start from the current status.
    refusal: str
    # Whether a user owns the record (their organisation's application, say).
    is_owner: Callable = field(default=lambda record, user: False)
    # The field (or property) holding the record's status, with its get_<state>_display().
    state: str = "status"

    def _status(self, record) -> str:
        return getattr(record, self.state)

    def _status_label(self, record) -> str:
        return getattr(record, f"get_{self.state}_display")()

    def target(self, record, step: str, refusal: str | None = None) -> str:
        """The status ``step`` leads to from the record's current one; refused otherwise, with
        ``refusal`` when a step has its own way of saying so."""
        moves = self.steps[step].moves
        if self._status(record) not in moves:
            raise StepRefused((refusal or self.refusal) % {"status": self._status_label(record)})
        return moves[self._status(record)]

    def may(self, record, step: str, user) -> bool:
        """May ``user`` take ``step`` on the record now?"""
        definition = self.steps[step]
        if (
            self._status(record) not in definition.moves
            or user is None
            or not user.is_authenticated
        ):
            return False
        if definition.by == OWNER:
            return bool(self.is_owner(record, user))
        return user.has_perm(definition.by)

    def steps_for(self, record, user) -> frozenset[str]:
        """The steps ``user`` may take on the record now: what a page offers them."""
        return frozenset(step for step in self.steps if self.may(record, step, user))
