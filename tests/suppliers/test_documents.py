"""Application documents: versions, limits, retention, and who may fetch them."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from suppliers import services
from suppliers.models import Application, ApplicationDocument, DocumentKind
from tests.builders import upload_document
from tests.factories import OrganisationFactory, UserFactory
from tests.suppliers.files import pdf_bytes
from tops.storage import private_storage
from tops.workflow import StepRefused

pytestmark = pytest.mark.django_db


def test_replacing_a_document_keeps_the_earlier_version(draft, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = upload_document(draft, DocumentKind.LABOUR_INSURANCE_LIST, "勞保清單-10月.pdf")
    with django_capture_on_commit_callbacks(execute=True):
        second = upload_document(draft, DocumentKind.LABOUR_INSURANCE_LIST, "勞保清單-11月.pdf")

    versions = list(
        draft.documents.filter(kind=DocumentKind.LABOUR_INSURANCE_LIST).order_by("version")
    )
    assert [(d.version, d.is_current, d.original_name) for d in versions] == [
        (1, False, "勞保清單-10月.pdf"),
        (2, True, "勞保清單-11月.pdf"),
    ]
    assert first.file.name != second.file.name
    assert first.file.storage.exists(first.file.name)  # the earlier file is still there
    assert draft.events.filter(kind="document_uploaded").count() == 2


def test_stored_names_are_generated_not_the_uploaders(draft):
    document = upload_document(draft, DocumentKind.COMPANY_PROFILE, "../../公司簡介 final.pdf")
    assert document.original_name == "公司簡介 final.pdf"
    assert "公司簡介" not in document.file.name
    assert document.file.name.startswith("documents/") and document.file.name.endswith(".pdf")


def test_at_most_ten_product_evidence_files(draft):
    for number in range(10):
        upload_document(draft, DocumentKind.PRODUCT_EVIDENCE, f"dm-{number}.pdf")
    with pytest.raises(StepRefused, match="At most 10"):
        upload_document(draft, DocumentKind.PRODUCT_EVIDENCE, "dm-11.pdf")

    services.document_remove(
        document=draft.documents.filter(kind=DocumentKind.PRODUCT_EVIDENCE).first(),
        by=draft.organisation.account,
    )
    upload_document(draft, DocumentKind.PRODUCT_EVIDENCE, "dm-11.pdf")
    assert draft.documents.filter(kind=DocumentKind.PRODUCT_EVIDENCE).count() == 11
    assert draft.documents.filter(kind=DocumentKind.PRODUCT_EVIDENCE, is_current=True).count() == 10


def test_replaced_versions_count_towards_the_total(draft, monkeypatch):
    monkeypatch.setattr(services, "MAX_APPLICATION_BYTES", len(pdf_bytes()) * 2)
    upload_document(draft, DocumentKind.COMPANY_PROFILE)
    upload_document(draft, DocumentKind.COMPANY_PROFILE)  # a replacement; the first is kept
    with pytest.raises(StepRefused, match="cannot be added"):
        upload_document(draft, DocumentKind.COMPANY_PROFILE)


def test_the_lists_of_a_withdrawn_application_are_deleted_too(draft, settings):
    settings.LABOUR_INSURANCE_LIST_RETENTION_DAYS = 90
    labour = upload_document(draft, DocumentKind.LABOUR_INSURANCE_LIST)
    services.application_withdraw(application=draft, by=draft.organisation.account)
    later = timezone.now() + datetime.timedelta(days=91)
    assert services.purge_expired_labour_insurance_lists(now=later) == 1
    labour.refresh_from_db()
    assert labour.purged_at is not None


def test_the_application_has_a_total_size_limit(draft, monkeypatch):
    monkeypatch.setattr(services, "MAX_APPLICATION_BYTES", len(pdf_bytes()) * 2)
    upload_document(draft, DocumentKind.COMPANY_PROFILE)
    upload_document(draft, DocumentKind.AUTHORIZATION_LETTER)
    with pytest.raises(StepRefused, match="letter.pdf cannot be added"):
        upload_document(draft, DocumentKind.LABOUR_INSURANCE_LIST, "letter.pdf")


def test_a_required_document_is_replaced_not_removed(draft):
    document = upload_document(draft, DocumentKind.COMPANY_PROFILE)
    with pytest.raises(StepRefused):
        services.document_remove(document=document, by=draft.organisation.account)


def test_no_upload_after_submission(buyer, complete_draft):
    services.application_submit(application=complete_draft, by=buyer.account)
    with pytest.raises(StepRefused):
        upload_document(complete_draft, DocumentKind.COMPANY_PROFILE)


def test_labour_insurance_lists_are_deleted_after_the_retention_period(
    draft, settings, django_capture_on_commit_callbacks
):
    settings.LABOUR_INSURANCE_LIST_RETENTION_DAYS = 90
    with django_capture_on_commit_callbacks(execute=True):
        labour = upload_document(draft, DocumentKind.LABOUR_INSURANCE_LIST)
        profile = upload_document(draft, DocumentKind.COMPANY_PROFILE)
    decided = timezone.now() - datetime.timedelta(days=91)
    Application.objects.filter(pk=draft.pk).update(status="rejected", decided_at=decided)

    assert services.purge_expired_labour_insurance_lists(now=timezone.now()) == 1

    labour.refresh_from_db()
    assert labour.purged_at is not None
    assert not labour.file
    assert profile.file.storage.exists(profile.file.name)
    assert draft.events.filter(kind="document_purged").exists()
    assert services.purge_expired_labour_insurance_lists(now=timezone.now()) == 0


def test_recent_decisions_keep_their_lists(draft):
    upload_document(draft, DocumentKind.LABOUR_INSURANCE_LIST)
    Application.objects.filter(pk=draft.pk).update(
        status="rejected", decided_at=timezone.now() - datetime.timedelta(days=30)
    )
    assert services.purge_expired_labour_insurance_lists(now=timezone.now()) == 0


class TestWhoMayFetchADocument:
    @pytest.fixture
    def document(self, draft):
        return upload_document(draft, DocumentKind.LABOUR_INSURANCE_LIST, "勞保清單.pdf")

    @pytest.fixture
    def url(self, document):
        return reverse("suppliers:document_file", kwargs={"public_id": document.public_id})

    def test_the_url_gives_nothing_away(self, document, url):
        assert str(document.pk) not in url.replace(str(document.public_id), "")
        assert "勞保" not in url and document.file.name not in url

    def test_the_owning_organisation_gets_the_file(self, client, draft, url):
        client.force_login(draft.organisation.account)
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content) == pdf_bytes()

    def test_a_reviewer_gets_the_file(self, client, url):
        reviewer = UserFactory(username="reviewer", is_staff=True)
        reviewer.groups.add(Group.objects.get(name="Reviewer"))
        client.force_login(reviewer)
        assert client.get(url).status_code == 200

    def test_another_buyer_gets_404(self, client, url):
        client.force_login(OrganisationFactory(tax_id="04541302").account)
        assert client.get(url).status_code == 404

    def test_staff_without_the_reviewer_role_get_404(self, client, url):
        client.force_login(UserFactory(is_staff=True))
        assert client.get(url).status_code == 404

    def test_an_anonymous_visitor_gets_404(self, client, url):
        assert client.get(url).status_code == 404

    def test_a_purged_document_is_gone(self, client, draft, document, url):
        ApplicationDocument.objects.filter(pk=document.pk).update(purged_at=timezone.now())
        client.force_login(draft.organisation.account)
        assert client.get(url).status_code == 404


def test_reviewers_see_every_version_from_the_admin(client, draft):
    first = upload_document(draft, DocumentKind.LABOUR_INSURANCE_LIST, "勞保-10月.pdf")
    second = upload_document(draft, DocumentKind.LABOUR_INSURANCE_LIST, "勞保-11月.pdf")
    reviewer = UserFactory(username="reviewer", is_staff=True)
    reviewer.groups.add(Group.objects.get(name="Reviewer"))
    client.force_login(reviewer)

    html = client.get(reverse("admin:suppliers_application_change", args=[draft.pk])).content
    html = html.decode()
    for document in (first, second):
        url = reverse("suppliers:document_file", kwargs={"public_id": document.public_id})
        assert f'href="{url}"' in html
        assert client.get(url).status_code == 200


def test_on_object_storage_the_owner_is_sent_to_a_short_lived_signed_url(client, draft, settings):
    """Production keeps documents in a private bucket; the view hands out a 60-second URL."""
    document = ApplicationDocument.objects.create(
        application=draft,
        kind=DocumentKind.COMPANY_PROFILE,
        file="documents/0f3c.pdf",
        original_name="簡介.pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
        uploaded_by=draft.organisation.account,
    )
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "tops-private",
                "endpoint_url": "http://127.0.0.1:9",
                "access_key": "test",
                "secret_key": "test",
                "region_name": "ap-northeast-1",
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": 60,
                "signature_version": "s3v4",
                "file_overwrite": False,
            },
        },
    }
    private_storage.reset()
    try:
        client.force_login(draft.organisation.account)
        response = client.get(
            reverse("suppliers:document_file", kwargs={"public_id": document.public_id})
        )
    finally:
        private_storage.reset()
    assert response.status_code == 302
    assert response.url.startswith("http://127.0.0.1:9/tops-private/documents/0f3c.pdf?")
    assert "X-Amz-Expires=60" in response.url and "X-Amz-Signature=" in response.url
