"""The organizers' yearly limit of coaching cases per supplier."""

import datetime
import threading

import pytest
import time_machine
from django.db import connection
from django.urls import reverse

from coaching import services
from coaching.models import CoachingCase, CoachingSettings
from tests.coaching.conftest import TAIPEI, apply
from tops.workflow import StepRefused

pytestmark = pytest.mark.english


def set_limit(n):
    row = CoachingSettings.load()
    row.cases_per_year = n
    row.save()


def test_the_limit_counts_this_years_cases_but_not_withdrawn_or_declined(supplier, reviewer):
    set_limit(2)
    with time_machine.travel(datetime.datetime(2026, 12, 31, 23, 0, tzinfo=TAIPEI)):
        first = apply(supplier)
        services.case_decline(case=apply(supplier), by=reviewer, reason="不符資格")
        apply(supplier)
        with pytest.raises(StepRefused, match="already applied for 2 coaching cases in 2026"):
            apply(supplier)
        services.case_withdraw(case=first, by=supplier.organisation.account)
        apply(supplier)
    # A new year in Taipei: the count starts again.
    with time_machine.travel(datetime.datetime(2027, 1, 1, 0, 30, tzinfo=TAIPEI)):
        assert apply(supplier).year == 2027


def test_the_supplier_sees_the_limit_next_to_its_form(client, supplier):
    set_limit(1)
    apply(supplier)
    client.force_login(supplier.organisation.account)
    typed = {"topic": "digital_tools", "needs": "導入電子發票與雲端記帳", "preferred_times": "週五"}
    response = client.post(reverse("coaching:apply"), typed)
    assert response.status_code == 400
    page = response.content.decode()
    assert "already applied for 1 coaching cases" in page
    assert "導入電子發票與雲端記帳" in page
    assert CoachingCase.objects.count() == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises writers on its own"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_applications_at_once_do_not_pass_the_limit(supplier):
    set_limit(1)
    barrier = threading.Barrier(2)
    outcomes = []

    def send():
        from django.db import connections

        barrier.wait()
        try:
            apply(supplier)
            outcomes.append("sent")
        except StepRefused:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "sent"]
    assert CoachingCase.objects.count() == 1
