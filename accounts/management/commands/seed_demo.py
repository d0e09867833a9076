import datetime
import io

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from PIL import Image
from pypdf import PdfWriter

from accounts.models import Industry, Organisation, OrganisationType, User
from awards.demo import seed_award_demo, seed_finished_edition
from catalog import images as catalog_images
from catalog import services as catalog_services
from catalog.models import Pavilion
from coaching.demo import seed_coaching_demo
from programme.demo import seed_programme_demo
from publications.demo import seed_publications_demo
from registry.models import CompanyRecord
from review.roles import ORGANIZER, REVIEWER
from suppliers import services as supplier_services
from suppliers.models import Application, RegistrationType, Supplier
from tops.uploads import IMAGE_FORMATS, check_upload

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
DEMO_SUPPLIER = {
    "tax_id": "96979933",
    "email": "supplier@example.com",
    "name": "好食農產有限公司",
}
DEMO_PRODUCTS = [
    (
        "biotech-health",
        "天然保健食品",
        "臺灣小農薑黃",
        "嚴選在地薑黃，製成溫和的保健飲品。",
        (196, 140, 40),
    ),
    (
        "sustainability",
        "永續包裝設計",
        "可回收的禮盒",
        "以再生紙漿為企業設計可回收禮盒與包材。",
        (60, 140, 90),
    ),
    (
        "lifestyle",
        "竹製餐具組",
        "手作竹餐具",
        "臺灣桂竹手工製作的筷子、湯匙與收納袋。",
        (150, 110, 60),
    ),
]
# The English name and summary suppliers may add (search finds them; English pages show them).
DEMO_ENGLISH = {
    "天然保健食品": {
        "name_en": "Natural Turmeric Drink",
        "summary_en": "Turmeric from Taiwan's small farms",
    },
    "竹製餐具組": {"name_en": "Bamboo Tableware Set", "summary_en": "Handmade bamboo cutlery"},
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
        self._listed_supplier(reviewer=User.objects.get(username="reviewer"))
        seed_award_demo(
            buyer=Organisation.objects.get(tax_id=DEMO_BUYER["tax_id"]),
            supplier=Supplier.objects.get(organisation__tax_id=DEMO_SUPPLIER["tax_id"]),
            evidence_pdf=_blank_pdf(),
        )
        seed_finished_edition(
            buyer=Organisation.objects.get(tax_id=DEMO_BUYER["tax_id"]),
            organizer=User.objects.get(username="organizer"),
        )
        seed_programme_demo(
            buyer=Organisation.objects.get(tax_id=DEMO_BUYER["tax_id"]),
            supplier=Organisation.objects.get(tax_id=DEMO_SUPPLIER["tax_id"]),
        )
        seed_publications_demo()
        seed_coaching_demo(
            supplier=Supplier.objects.get(organisation__tax_id=DEMO_SUPPLIER["tax_id"]),
            reviewer=User.objects.get(username="reviewer"),
        )

        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password for all: {DEMO_PASSWORD})"))
        self.stdout.write(
            f"  buyer      {DEMO_BUYER['tax_id']} / {DEMO_BUYER['email']}  → /accounts/login/"
        )
        self.stdout.write(
            f"  applicant  {DEMO_APPLICANT['tax_id']} / {DEMO_APPLICANT['email']}"
            "  (a supplier application awaiting review)"
        )
        self.stdout.write(
            f"  supplier   {DEMO_SUPPLIER['tax_id']} / {DEMO_SUPPLIER['email']}"
            "  (a listed supplier with products)"
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
        # What the registry said about it, so that the reviewer's page shows the comparison
        # without the demo asking the real registry: the representative differs.
        CompanyRecord.objects.update_or_create(
            tax_id=DEMO_APPLICANT["tax_id"],
            defaults={
                "found": True,
                "name": DEMO_APPLICANT["name"],
                "representative": "林美玲",
                "address": "臺北市信義區信義路五段7號10樓",
                "capital": 5_000_000,
                "paid_in_capital": 5_000_000,
                "founded_on": datetime.date(2021, 3, 15),
                "status_code": "01",
                "status": "核准設立",
                "fetched_at": timezone.now(),
            },
        )

    def _listed_supplier(self, *, reviewer):
        """A supplier approved earlier, with a few listed products for the public pages."""
        account = self._account(DEMO_SUPPLIER["tax_id"], DEMO_SUPPLIER["email"])
        organisation, _created = Organisation.objects.get_or_create(
            account=account,
            defaults={
                "tax_id": DEMO_SUPPLIER["tax_id"],
                "type": OrganisationType.REGISTERED_COMPANY,
                "name": DEMO_SUPPLIER["name"],
                "representative": "張美玲",
                "industry": Industry.A,
                "contact_name": "張美玲",
                "contact_phone": "tel:+886-2-2345-6789",
            },
        )
        if hasattr(organisation, "supplier"):
            return
        application = Application.objects.create(
            organisation=organisation, status=Application.Status.APPROVED, district="106"
        )
        supplier = Supplier.objects.create(
            organisation=organisation,
            application=application,
            size_group="startup",
            approved_on=datetime.date(2026, 11, 2),
            information_confirmed_on=datetime.date(2026, 11, 2),
            name=organisation.name,
            name_en="Haoshi Farm Produce Co., Ltd.",
            summary_en="Health foods and sustainable packaging made with Taiwan's farmers.",
            introduction="與臺灣小農合作，推出在地原料的保健食品與永續包裝。",
            district=application.district,
        )
        for code, name, summary, description, colour in DEMO_PRODUCTS:
            product = catalog_services.product_create(
                supplier=supplier,
                by=account,
                pavilion=Pavilion.objects.get(code=code),
                content={
                    "name": name,
                    "summary": summary,
                    "description": description,
                    "specifications": "",
                    "price": 1200,
                    "price_on_request": False,
                    **DEMO_ENGLISH.get(name, {}),
                },
                pictures=[
                    catalog_services.Picture(alt_text=f"{name}的照片", upload=_picture(colour))
                ],
            )
            catalog_images.version_pictures_make(version=product.latest_version)
            catalog_services.version_list(version=product.latest_version, by=reviewer)


def _picture(colour):
    buffer = io.BytesIO()
    Image.new("RGB", (960, 720), colour).save(buffer, format="JPEG", quality=85)
    return check_upload(
        SimpleUploadedFile("demo.jpg", buffer.getvalue(), "image/jpeg"), formats=IMAGE_FORMATS
    )


def _blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
