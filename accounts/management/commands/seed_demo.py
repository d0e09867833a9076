import datetime
import io

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.db import transaction
from pypdf import PdfWriter

from accounts.models import Industry, Organisation, OrganisationType, User
from review.roles import ORGANIZER, REVIEWER
from suppliers import services as supplier_services
from suppliers.models import RegistrationType
from tops.uploads import check_upload

DEMO_PASSWORD = "tops-demo-2026"
DEMO_BUYER = {
    "tax_id": "22099131",
    "email": "buyer@example.com",
    "name": "示範採購股份有限公司",
    "representative": "王大明",
    "contact_name": "林小華",
    "contact_phone": "tel:+886-2-2720-8889;ext=6627",
}
DEMO_APPLICANT = {
    "tax_id": "04541302",
    "email": "applicant@example.com",
    "name": "示範設計有限公司",
}
DEMO_STAFF = [
    ("reviewer", "reviewer@example.com", REVIEWER),
    ("organizer", "organizer@example.com", ORGANIZER),
]


class Command(BaseCommand):
    help = "Create the demo accounts (idempotent) and print them."

    @transaction.atomic
    def handle(self, *args, **options):
        buyer = self._account(DEMO_BUYER["tax_id"], DEMO_BUYER["email"])
        Organisation.objects.get_or_create(
            account=buyer,
            defaults={
                "tax_id": DEMO_BUYER["tax_id"],
                "type": OrganisationType.REGISTERED_COMPANY,
                "name": DEMO_BUYER["name"],
                "representative": DEMO_BUYER["representative"],
                "industry": Industry.G,
                "contact_name": DEMO_BUYER["contact_name"],
                "contact_phone": DEMO_BUYER["contact_phone"],
            },
        )
        for username, email, group_name in DEMO_STAFF:
            staff = self._account(username, email, is_staff=True)
            staff.groups.add(Group.objects.get(name=group_name))
        self._submitted_application()

        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password for all: {DEMO_PASSWORD})"))
        self.stdout.write(
            f"  buyer      {DEMO_BUYER['tax_id']} / {DEMO_BUYER['email']}  → /accounts/login/"
        )
        self.stdout.write(
            f"  applicant  {DEMO_APPLICANT['tax_id']} / {DEMO_APPLICANT['email']}"
            "  (a supplier application awaiting review)"
        )
        for username, email, group_name in DEMO_STAFF:
            self.stdout.write(f"  {group_name.lower():<10} {username} / {email}  → /admin/")

    def _account(self, username, email, *, is_staff=False):
        user, created = User.objects.get_or_create(
            username=username, defaults={"email": email, "is_staff": is_staff}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        return user

    def _submitted_application(self):
        """A second buyer whose supplier application waits in the reviewers' queue."""
        account = self._account(DEMO_APPLICANT["tax_id"], DEMO_APPLICANT["email"])
        organisation, _created = Organisation.objects.get_or_create(
            account=account,
            defaults={
                "tax_id": DEMO_APPLICANT["tax_id"],
                "type": OrganisationType.REGISTERED_COMPANY,
                "name": DEMO_APPLICANT["name"],
                "representative": "陳志明",
                "industry": Industry.M,
                "contact_name": "李怡君",
                "contact_phone": "tel:+886-912-345-678",
            },
        )
        if organisation.applications.exists():
            return
        application = supplier_services.application_start(organisation=organisation, by=account)
        application = supplier_services.application_update(
            application=application,
            by=account,
            step="company",
            fields={
                "registration_type": RegistrationType.COMPANY,
                "district": "110",
                "street_address": "信義路五段7號10樓",
                "paid_in_capital": 5_000_000,
                "regular_employees": 12,
                "founded_on": datetime.date(2021, 3, 15),
                "introduction": "我們為企業與機關設計可回收的永續包裝與活動用品。",
                "website": "https://www.example.com.tw",
            },
            declarations={name: True for name in supplier_services.DECLARATION_FIELDS},
        )
        for kind in application.required_documents:
            supplier_services.document_upload(
                application=application,
                by=account,
                kind=kind,
                upload=check_upload(
                    SimpleUploadedFile(f"{kind}.pdf", _blank_pdf(), "application/pdf")
                ),
            )
        supplier_services.application_submit(application=application, by=account)


def _blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
