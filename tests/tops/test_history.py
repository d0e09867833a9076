"""Every history of the portal (an application's, a supplier's, a report's, a purchase
record's) is append-only: entries are added, never changed or deleted."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.test import RequestFactory

from suppliers.models import Application, SupplierEvent
from suppliers.notices import send_notice
from suppliers.services import record_event, record_supplier_event
from tests.factories import OrganisationFactory, SupplierFactory, UserFactory
from tops.models import HistoryEntry, HistoryIsAppendOnly

pytestmark = pytest.mark.django_db

HISTORIES = sorted(
    (model for model in apps.get_models() if issubclass(model, HistoryEntry)),
    key=lambda model: model._meta.label,
)


def test_the_histories_share_the_append_only_base():
    assert [model._meta.label for model in HISTORIES] == [
        "accounts.PersonalDataRequestEvent",
        "activity.Activity",
        "awards.PurchaseRecordEvent",
        "coaching.CoachingEvent",
        "reports.ReportEvent",
        "suppliers.ApplicationEvent",
        "suppliers.SupplierEvent",
    ]


@pytest.mark.parametrize("model", HISTORIES, ids=lambda model: model.__name__)
def test_no_history_is_changed_or_deleted_in_bulk(model):
    with pytest.raises(HistoryIsAppendOnly):
        model.objects.all().update(note="rewritten")
    with pytest.raises(HistoryIsAppendOnly):
        model.objects.all().delete()


def test_an_entry_once_written_is_neither_changed_nor_deleted():
    supplier = SupplierFactory()
    entry = record_supplier_event(supplier, SupplierEvent.Kind.AUDITED, note="all 7 clear")
    entry.note = "nothing found"
    with pytest.raises(HistoryIsAppendOnly):
        entry.save()
    with pytest.raises(HistoryIsAppendOnly):
        entry.delete()
    entry.refresh_from_db()
    assert entry.note == "all 7 clear"


def test_removing_an_application_never_takes_its_history_along():
    organisation = OrganisationFactory()
    application = Application.objects.create(organisation=organisation)
    record_event(application, kind="note", by=organisation.account, note="started")
    with pytest.raises(ProtectedError):
        application.delete()
    assert application.events.get().note == "started"


ON_POSTGRESQL = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the triggers are PostgreSQL's"
)


@ON_POSTGRESQL
def test_every_history_and_the_notices_have_the_database_guard():
    tables = {model._meta.db_table for model in HISTORIES} | {"suppliers_notice"}
    with connection.cursor() as cursor:
        cursor.execute("SELECT tgname FROM pg_trigger WHERE tgname LIKE '%%_append_only'")
        guarded = {name.removesuffix("_append_only") for (name,) in cursor.fetchall()}
    assert tables <= guarded


@ON_POSTGRESQL
def test_the_database_refuses_to_change_or_delete_history_and_notices():
    """Not even a statement typed by hand, past the ORM, rewrites the evidence."""
    supplier = SupplierFactory()
    record_supplier_event(supplier, SupplierEvent.Kind.APPROVED, by=None)
    record_event(supplier.application, kind="note", by=None, note="kept")
    send_notice(
        to="office@example.com",
        template="suppliers/email/supplier_reinstated",
        context={"supplier": supplier, "products": []},
        language="en",
    )
    for table in ("suppliers_supplierevent", "suppliers_applicationevent", "suppliers_notice"):
        for statement in (f'UPDATE "{table}" SET id = id', f'DELETE FROM "{table}"'):
            with (
                pytest.raises(IntegrityError, match="never changed or deleted"),
                transaction.atomic(),
                connection.cursor() as cursor,
            ):
                cursor.execute(statement)


# The activity log is the portal's, not one record's: it has a read-only list of its own.
RECORD_HISTORIES = [model for model in HISTORIES if model._meta.label != "activity.Activity"]


def test_the_activity_log_is_read_only_in_the_admin():
    from activity.models import Activity

    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    model_admin = admin.site._registry[Activity]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


@pytest.mark.parametrize("model", RECORD_HISTORIES, ids=lambda model: model.__name__)
def test_the_admin_shows_histories_read_only(model):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    request = RequestFactory().get("/admin/")
    request.user = superuser
    inlines = [
        inline(model_admin.model, admin.site)
        for model_admin in admin.site._registry.values()
        for inline in model_admin.inlines
        if inline.model is model
    ]
    assert inlines, f"{model.__name__} is shown on its record's admin page"
    for inline in inlines:
        assert not inline.has_add_permission(request, None)
        assert not inline.has_change_permission(request, None)
        assert not inline.has_delete_permission(request, None)
        assert model not in admin.site._registry
