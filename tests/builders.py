"""Builders for the states tests start from, made through the portal's own services.

Plain functions, so a test builds a second applicant or a third record as easily as the first;
the shared fixtures in tests/conftest.py call them. Only the factories in tests/factories.py
write a status directly (a supplier listed without a review).
"""

import datetime

from django.contrib.auth.models import Group

from accounts.models import Organisation, User
from awards.models import PurchaseRecord, RecordStatus
from awards.services.records import purchase_record_create, purchase_record_verify
from catalog import images as catalog_images
from catalog import services as catalog_services
from catalog.models import Pavilion, Product
from review import services as review_services
from suppliers import services as supplier_services
from suppliers.models import Application, ApplicationDocument, RegistrationType, Supplier
from suppliers.violations import VIOLATION_CHECKS
from tests.factories import SupplierFactory, UserFactory
from tests.suppliers.files import pdf_file, png_file
from tops.uploads import IMAGE_FORMATS, check_upload

# Staff


def staff(role="Reviewer", username=None, **fields) -> User:
    """A staff member in ``role`` (a group the migrations make), by default named after it."""
    user = UserFactory(username=username or role.lower(), is_staff=True, **fields)
    user.groups.add(Group.objects.get(name=role))
    return user


def reviewer(**fields) -> User:
    """The reviewer, with an address at the city government."""
    return staff("Reviewer", "reviewer", **{"email": "reviewer@example.gov.taipei", **fields})


def organizer(**fields) -> User:
    """The organizer, with an address at the city government."""
    return staff("Organizer", "organizer", **{"email": "organizer@example.gov.taipei", **fields})


# A supplier application, as the applicant takes it through its steps


def draft_application(organisation: Organisation) -> Application:
    """An application just started by ``organisation``'s account."""
    return supplier_services.application_start(organisation=organisation, by=organisation.account)


def upload_document(application: Application, kind, name=None) -> ApplicationDocument:
    """A one-page PDF uploaded by the applicant as the document of ``kind``."""
    return supplier_services.document_upload(
        application=application,
        by=application.organisation.account,
        kind=kind,
        upload=check_upload(pdf_file(name or f"{kind}.pdf")),
    )


def complete_application(application: Application) -> Application:
    """Fill in everything a company's application needs to be submitted."""
    application = supplier_services.application_update(
        application=application,
        step="company",
        by=application.organisation.account,
        fields={
            "registration_type": RegistrationType.COMPANY,
            "district": "110",
            "street_address": "信義路五段7號",
            "paid_in_capital": 5_000_000,
            "regular_employees": 12,
            "founded_on": datetime.date(2020, 5, 1),
            "introduction": "我們設計永續包裝。",
        },
        declarations={
            "not_foreign_branch": True,
            "invoices": True,
            "no_violations": True,
            "obligations": True,
        },
    )
    for kind in application.required_documents:
        upload_document(application, kind)
    return application


def submitted_application(application: Application) -> Application:
    """``application`` (a draft) completed and submitted by its applicant."""
    application = complete_application(application)
    return supplier_services.application_submit(
        application=application, by=application.organisation.account
    )


# A reviewer's steps, for tests that need an application decided


def record_all_checks(application: Application, reviewer: User, *, found=()) -> None:
    """The 7 violation checks, with something found for the item numbers in ``found``."""
    for check in VIOLATION_CHECKS:
        review_services.violation_check_record(
            application=application,
            by=reviewer,
            item=check.number,
            result="found" if check.number in found else "none_found",
            source=str(check.source),
            checked_on=datetime.date(2026, 11, 27),
            note="查有裁罰紀錄" if check.number in found else "",
        )


def accept_documents(application: Application, reviewer: User) -> None:
    for document in application.documents.filter(is_current=True):
        review_services.document_review(document=document, by=reviewer, status="accepted")


def approve(application: Application, reviewer: User) -> Supplier:
    """Check, accept and approve a submitted application: the supplier it lists."""
    record_all_checks(application, reviewer)
    accept_documents(application, reviewer)
    return review_services.application_approve(application=application, by=reviewer)


# The catalogue


def listed_supplier(
    name="綠色工作室", *, tax_id="22099131", email=None, language=None, **fields
) -> Supplier:
    """A listed supplier, approved without a review (SupplierFactory); ``email`` and
    ``language`` are its account's, the factory's own when not given."""
    account = {"email": email, "preferred_language": language}
    return SupplierFactory(
        name=name,
        organisation__tax_id=tax_id,
        **{f"organisation__account__{key}": value for key, value in account.items() if value},
        **fields,
    )


def listed_product(
    supplier: Supplier,
    name,
    pavilion="lifestyle",
    description="以在地原料製成。",
    summary="好物",
    *,
    by: User,
    picture=None,
    **content,
) -> Product:
    """A product of ``supplier`` with one picture (``picture``, an uploaded image, or a small
    plain one) and any further ``content`` (``name_en=...``), created by its account, its
    picture resized and the product listed by the reviewer ``by``."""
    product = catalog_services.product_create(
        supplier=supplier,
        by=supplier.organisation.account,
        pavilion=Pavilion.objects.get(code=pavilion),
        content={
            "name": name,
            "summary": summary,
            "description": description,
            "specifications": "",
            "price": 1200,
            "price_on_request": False,
            **content,
        },
        pictures=[
            catalog_services.Picture(
                alt_text=f"{name}的照片",
                upload=check_upload(picture or png_file(size=(64, 48)), formats=IMAGE_FORMATS),
            )
        ],
    )
    pictures_made(product.latest_version)
    return catalog_services.version_list(version=product.latest_version, by=by)


def pictures_made(version):
    """The version's pictures resized, as the worker does once the transaction commits (which a
    test's own transaction never does)."""
    catalog_images.version_pictures_make(version=version)
    return version


# The awards: purchase records


def invoice_evidence():
    """The evidence of a purchase: one invoice, as a PDF."""
    return [("invoice_or_receipt", check_upload(pdf_file("invoice.pdf")))]


def purchase_record(
    buyer: Organisation,
    supplier: Supplier,
    *,
    amount=10_000,
    purchased_on=datetime.date(2026, 3, 2),
    uploaded_at=None,
    with_evidence=True,
    impacts=(),
) -> PurchaseRecord:
    """A record of a purchase from ``supplier``, submitted by ``buyer``, optionally as if
    uploaded at ``uploaded_at``."""
    made = purchase_record_create(
        buyer=buyer,
        by=buyer.account,
        supplier=supplier,
        purchased_on=purchased_on,
        amount=amount,
        description="有機蔬菜禮盒",
        impacts=impacts,
        evidence=invoice_evidence() if with_evidence else [],
    )
    if uploaded_at is not None:
        PurchaseRecord.objects.filter(pk=made.pk).update(uploaded_at=uploaded_at)
        made.refresh_from_db()
    return made


def verified_purchase_record(
    buyer: Organisation, supplier: Supplier, *, by: User, **fields
) -> PurchaseRecord:
    """A purchase record (see ``purchase_record``) verified by the reviewer ``by``."""
    made = purchase_record_verify(record=purchase_record(buyer, supplier, **fields), by=by)
    assert made.status == RecordStatus.VERIFIED
    return made
