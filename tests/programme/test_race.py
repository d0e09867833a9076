"""Two organisations registering for the last seats at the same moment: the activity's row
lock makes one of them wait for the other, so the seats are never overbooked."""

import threading

import pytest
from django.db import connection, connections

from programme import services
from programme.models import Registration
from tests.factories import OrganisationFactory

from .conftest import make_activity


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks between connections need PostgreSQL"
)
def test_two_organisations_registering_for_the_last_seats_at_once():
    activity = make_activity(capacity=2, attendees_per_organisation=2)
    organisations = [OrganisationFactory(), OrganisationFactory()]
    barrier = threading.Barrier(2)
    outcomes = {}

    def register(organisation):
        try:
            barrier.wait(timeout=10)
            registration = services.registration_create(
                activity=activity,
                organisation=organisation,
                by=organisation.account,
                attendees=[("王小明", ""), ("李大華", "")],
            )
            outcomes[organisation.pk] = registration.status
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(o,)) for o in organisations]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes.values()) == [
        Registration.Status.CONFIRMED,
        Registration.Status.WAITING,
    ]
    assert services.seats_taken(activity)[0] == 2
