"""The procurement newsletter: opt-in at sign-up and on "my organisation", double opt-in by
e-mail, sending in batches that reach nobody twice, and the one-click unsubscribe of RFC 8058."""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Organisation
from publications import services, tasks
from publications.models import Delivery, Issue, Subscriber
from tests.factories import PASSWORD, OrganisationFactory, SupplierFactory
from tops.mail import deliver
from tops.models import OutgoingMail

pytestmark = pytest.mark.django_db


def link_in(body: str, name: str) -> str:
    return re.search(rf"https?://[^/\s]+(/newsletter/{name}/\S+/)", body).group(1)


def test_the_sign_up_form_offers_the_newsletter_unticked(english):
    text = english.get(reverse("account_signup")).content.decode()
    box = re.search(r'<input type="checkbox" name="newsletter"[^>]*>', text).group(0)
    assert "checked" not in box
    assert "procurement newsletter" in text  # named in the personal-data notice


def test_a_buyer_asks_for_the_newsletter_on_my_organisation(english):
    buyer = OrganisationFactory()
    english.post(reverse("account_login"), {"login": buyer.account.username, "password": PASSWORD})
    data = {
        "type": buyer.type,
        "name": buyer.name,
        "representative": buyer.representative,
        "industry": buyer.industry,
        "contact_name": buyer.contact_name,
        "contact_phone": "02-2720-8889#6627",
        "newsletter": "on",
    }
    response = english.post(reverse("accounts:organisation_edit"), data)
    assert response.status_code == 302
    buyer.refresh_from_db()
    assert buyer.newsletter is True


def test_anyone_subscribes_by_e_mail_with_a_confirmation(english):
    response = english.post(reverse("publications:subscribe"), {"email": "Reader@Example.com"})
    assert "We have sent a link to reader@example.com" in response.content.decode()
    subscriber = Subscriber.objects.get()
    assert not subscriber.is_subscribed  # not before the link is followed
    sent = OutgoingMail.objects.get(to=["reader@example.com"])
    confirm = link_in(sent.body, "confirm")
    assert "You are subscribed" in english.get(confirm).content.decode()
    subscriber.refresh_from_db()
    assert subscriber.is_subscribed


def test_a_tampered_confirmation_link_does_not_subscribe(english):
    english.post(reverse("publications:subscribe"), {"email": "reader@example.com"})
    confirm = link_in(OutgoingMail.objects.get().body, "confirm")
    response = english.get(confirm.replace("/confirm/", "/confirm/x"))
    assert response.status_code == 400
    assert not Subscriber.objects.get().is_subscribed


def test_a_bad_address_is_refused_beside_the_field(english):
    response = english.post(reverse("publications:subscribe"), {"email": "not an address"})
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert 'value="not an address"' in response.content.decode()
    assert not Subscriber.objects.exists()


@pytest.fixture
def audience():
    buyer = OrganisationFactory(newsletter=True, account__email="buyer@example.com")
    OrganisationFactory(newsletter=False, account__email="silent@example.com")
    supplier = SupplierFactory(
        organisation__newsletter=True, organisation__account__email="supplier@example.com"
    )
    Subscriber.objects.create(email="reader@example.com", confirmed_at="2026-11-01T00:00Z")
    Subscriber.objects.create(email="pending@example.com")
    # A buyer who also subscribed by e-mail gets one copy.
    Subscriber.objects.create(email="buyer@example.com", confirmed_at="2026-11-01T00:00Z")
    return buyer, supplier


@pytest.fixture
def issue():
    return Issue.objects.create(
        title_zh="十二月採購資訊",
        title_en="December's procurement news",
        body_zh="媒合會報名中。",
        body_en="The **matchmaking meeting** is open.",
    )


@pytest.fixture
def organizer_client(organizer):
    client = Client()
    client.force_login(organizer)
    client.cookies["django_language"] = "en"
    return client


def sent_to():
    return sorted(address for mail in OutgoingMail.objects.all() for address in mail.to)


def test_an_issue_sent_twice_reaches_nobody_twice(organizer_client, audience, issue):
    url = reverse("admin:publications_issue_send", args=[issue.pk])
    organizer_client.post(url, {"send": "1"})
    assert Delivery.objects.filter(issue=issue).count() == 3

    # A worker sends one batch and stops; the task runs again, and once more (a redelivery).
    assert services.issue_send_batch(issue_id=issue.pk, size=1) == 1
    tasks.send_issue(issue.pk)
    tasks.send_issue(issue.pk)
    assert sent_to() == ["buyer@example.com", "reader@example.com", "supplier@example.com"]
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT and issue.sent_at

    # Pressing send again is refused.
    organizer_client.post(url, {"send": "1"})
    assert len(sent_to()) == 3
    page = organizer_client.get(reverse("admin:publications_issue_change", args=[issue.pk]))
    assert "3 / 3" in page.content.decode()


def test_the_audience_can_be_suppliers_alone(organizer_client, audience, issue):
    issue.to_buyers = issue.to_subscribers = False
    issue.save()
    organizer_client.post(reverse("admin:publications_issue_send", args=[issue.pk]), {"send": "1"})
    tasks.send_issue(issue.pk)
    assert sent_to() == ["supplier@example.com"]


def test_a_test_send_goes_to_the_organizer_alone(organizer_client, organizer, audience, issue):
    organizer_client.post(reverse("admin:publications_issue_send", args=[issue.pk]), {"test": "1"})
    assert sent_to() == [organizer.email]
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT
    preview = organizer_client.get(reverse("admin:publications_issue_preview", args=[issue.pk]))
    assert "<strong>matchmaking meeting</strong>" in preview.content.decode()


def test_one_click_unsubscribe_from_the_headers_of_the_mail(organizer_client, audience, issue):
    buyer, _ = audience
    organizer_client.post(reverse("admin:publications_issue_send", args=[issue.pk]), {"send": "1"})
    tasks.send_issue(issue.pk)
    outgoing = OutgoingMail.objects.get(to=["buyer@example.com"])
    mail.outbox.clear()
    assert deliver(outgoing.pk)
    message = mail.outbox[0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header = message.extra_headers["List-Unsubscribe"]
    assert header.startswith("<http") and header.endswith(">")
    url = re.search(r"https?://[^/]+(/\S+)>", header).group(1)
    assert url in message.body  # and in the text, for people

    # A link checker's GET unsubscribes nobody.
    visitor = Client()
    visitor.cookies["django_language"] = "en"
    assert "Unsubscribe" in visitor.get(url).content.decode()
    buyer.refresh_from_db()
    assert buyer.newsletter is True

    # The mail program's POST does, without a CSRF token or a log-in.
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    buyer.refresh_from_db()
    assert buyer.newsletter is False
    assert not Subscriber.objects.get(email="buyer@example.com").is_subscribed

    following = Issue.objects.create(title_zh="一月", body_zh="新年。")
    services.issue_send(issue=following, by=buyer.account)
    tasks.send_issue(following.pk)
    assert "buyer@example.com" not in [d.email for d in following.deliveries.all()]
    assert Organisation.objects.filter(newsletter=True).count() == 1  # the supplier


def test_sent_issues_are_archived_publicly(english, issue, organizer):
    assert english.get(issue.get_absolute_url()).status_code == 404  # a draft
    services.issue_send(issue=issue, by=organizer)
    tasks.send_issue(issue.pk)
    archive = english.get(reverse("publications:issues")).content.decode()
    assert "December&#x27;s procurement news" in archive or "December's procurement news" in archive
    assert (
        "<strong>matchmaking meeting</strong>"
        in english.get(issue.get_absolute_url()).content.decode()
    )


def test_an_address_never_confirmed_is_forgotten_once_its_link_expires(english):
    english.post(reverse("publications:subscribe"), {"email": "late@example.com"})
    english.post(reverse("publications:subscribe"), {"email": "reader@example.com"})
    confirm = link_in(OutgoingMail.objects.get(to=["reader@example.com"]).body, "confirm")
    english.get(confirm)
    in_eight_days = timezone.now() + datetime.timedelta(days=8)
    assert services.subscribers_forget_unconfirmed(now=in_eight_days) == 1
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["reader@example.com"]


def test_an_unsubscribe_link_that_was_tampered_with_does_nothing(english, audience):
    response = english.post("/newsletter/unsubscribe/buyer@example.com/")
    assert response.status_code == 400
    assert Organisation.objects.get(account__email="buyer@example.com").newsletter is True


def test_an_organizer_writes_an_issue_in_the_admin(organizer_client):
    add = reverse("admin:publications_issue_add")
    assert organizer_client.get(add).status_code == 200
    response = organizer_client.post(
        add,
        {
            "title_zh": "一月採購資訊",
            "title_en": "January",
            "body_zh": "內容",
            "body_en": "Text",
            "to_buyers": "on",
            "to_subscribers": "on",
        },
    )
    issue = Issue.objects.get()
    assert response.status_code == 302 and issue.status == Issue.Status.DRAFT
    assert not issue.to_suppliers
    page = organizer_client.get(reverse("admin:publications_issue_change", args=[issue.pk]))
    assert "Send to the audience" in page.content.decode()


def test_asking_again_and_again_sends_one_confirmation(english):
    for _ in range(3):
        english.post(reverse("publications:subscribe"), {"email": "reader@example.com"})
    assert OutgoingMail.objects.filter(to=["reader@example.com"]).count() == 1
