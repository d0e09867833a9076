"""Every history of the portal (an application's, a supplier's, a report's, a purchase
record's) is append-only: entries are added, never changed or deleted."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import RequestFactory

from suppliers.models import Application, SupplierEvent
from suppliers.services import record_event, record_supplier_event
from tests.factories import OrganisationFactory, SupplierFactory, UserFactory
from tops.models import HistoryEntry, HistoryIsAppendOnly

pytestmark = pytest.mark.django_db

HISTORIES = sorted(
    (model for model in apps.get_models() if issubclass(model, HistoryEntry)),
    key=lambda model: model._meta.label,
)


def test_the_four_histories_share_the_append_only_base():
    assert [model._meta.label for model in HISTORIES] == [
        "awards.PurchaseRecordEvent",
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


def test_removing_a_draft_application_takes_its_history_along():
    organisation = OrganisationFactory()
    application = Application.objects.create(organisation=organisation)
    record_event(application, kind="note", by=organisation.account, note="started")
    application.delete()
    assert not apps.get_model("suppliers", "ApplicationEvent").objects.exists()


@pytest.mark.parametrize("model", HISTORIES, ids=lambda model: model.__name__)
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
