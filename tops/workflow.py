"""The workflow kernel every app builds on: one error for a refused step, and one shape for
the table of steps a stateful record allows."""


class StepRefused(Exception):
    """A workflow step refused, with a message for the person who tried it (in their language)
    and, when the refusal is about one field of a form, that field's name."""

    def __init__(self, message, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
