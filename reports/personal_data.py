"""The reports an organisation filed from its account's e-mail address (registered with
``accounts.personal_data`` in ``ReportsConfig.ready()``). Reports about a supplier are the
reporters' data, not the supplier's, and are not in its copy."""

from accounts.personal_data import Holding

from .models import Report


def _filed(organisation):
    address = organisation.account.email
    return (
        Report.objects.filter(contact_email__iexact=address) if address else Report.objects.none()
    )


def _filed_erase(organisation):
    """The report stays (it may have led to a decision); the address for its outcome goes."""
    _filed(organisation).update(contact_email="")


HOLDINGS = [
    Holding(
        "reports_filed",
        _filed,
        fields=("supplier", "product", "reason", "description", "received_at", "status", "outcome"),
        erase=_filed_erase,
    )
]
