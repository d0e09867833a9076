import pytest
from django.core.management import call_command

from accounts.management.commands.seed_demo import DEMO_PASSWORD
from accounts.models import Organisation, User
from awards.models import PurchaseRecord
from catalog.models import Product
from coaching.models import CoachingCase
from programme.models import Activity, Registration
from suppliers.models import Application

pytestmark = pytest.mark.django_db


def test_demo_accounts_are_created_once_and_printed(client, capsys):
    call_command("seed_demo")
    call_command("seed_demo")

    printed = capsys.readouterr().out
    assert "22099131" in printed and "reviewer" in printed and "organizer" in printed
    assert Organisation.objects.count() == 3
    assert Product.objects.public().count() == 3  # the demo supplier's, on the public pages
    waiting = Application.objects.get(organisation__tax_id="04541302")
    assert waiting.status == "submitted" and waiting.documents.count() == 5
    assert set(User.objects.get(username="reviewer").groups.values_list("name", flat=True)) == {
        "Reviewer"
    }
    (demo_record,) = PurchaseRecord.objects.all()  # the demo buyer's, once
    assert demo_record.supplier.organisation.tax_id == "96979933"
    assert demo_record.evidence.count() == 1
    # An upcoming matchmaking meeting, and a full workshop with the supplier waiting.
    assert Activity.objects.count() == 2
    assert list(Registration.objects.values_list("status", flat=True).order_by("pk")) == [
        "confirmed",
        "waiting",
    ]
    # The demo supplier's coaching case: a consultant assigned, one session proposed.
    (coaching,) = CoachingCase.objects.all()
    assert coaching.status == "in_progress" and coaching.coach_name
    assert coaching.sessions.count() == 1
    assert client.login(username="22099131", password=DEMO_PASSWORD)
    assert client.get("/organisation/").status_code == 200
