"""What this app holds about an organisation, for its copy of its data and for the closure of
its account (registered with ``accounts.personal_data`` in ``SuppliersConfig.ready()``)."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.personal_data import Holding

from .models import (
    Application,
    ApplicationDocument,
    Notice,
    Supplier,
    WithdrawalRequest,
)
from .services import document_purge


def _documents(organisation):
    return ApplicationDocument.objects.filter(application__organisation=organisation)


def _documents_erase(organisation):
    now = timezone.now()
    for document in _documents(organisation).filter(purged_at__isnull=True).exclude(file=""):
        document_purge(document, now=now)


def _still_listed(organisation):
    supplier = Supplier.objects.filter(organisation=organisation).first()
    if supplier is not None and supplier.is_listed:
        return _("You are a listed supplier: withdraw the listing first (on the supplier page).")
    if organisation.applications.under_review().exists():
        return _("Your supplier application is under review: withdraw it first.")
    return None


def _notices(organisation):
    return Notice.objects.filter(
        Q(application__organisation=organisation) | Q(recipient__iexact=organisation.account.email)
    ).exclude(recipient="")


HOLDINGS = [
    Holding(
        "supplier_applications",
        lambda organisation: Application.objects.filter(organisation=organisation),
        kept=gettext_lazy(
            "Supplier applications and the decisions on them, with their history: the record "
            "of the city's decisions (參.二(四))."
        ),
        blocks_closure=_still_listed,
    ),
    Holding(
        "application_documents",
        _documents,
        fields=("application", "kind", "version", "original_name", "uploaded_at", "purged_at"),
        files=("file",),
        erase=_documents_erase,
    ),
    Holding(
        "supplier",
        lambda organisation: Supplier.objects.filter(organisation=organisation),
        files=("logo",),
    ),
    Holding(
        "withdrawal_requests",
        lambda organisation: WithdrawalRequest.objects.filter(supplier__organisation=organisation),
    ),
    Holding(
        "notices",
        _notices,
        kept=gettext_lazy(
            "The written notices the portal sent you, word for word: proof of what was told to "
            "whom and when."
        ),
    ),
]
