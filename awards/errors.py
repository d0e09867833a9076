class AwardsError(Exception):
    """A refused step of the award scheme, with a message for the person who tried it."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field
