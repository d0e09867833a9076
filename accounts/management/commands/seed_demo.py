from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import Industry, Organisation, OrganisationType, User
from review.roles import ORGANIZER, REVIEWER

DEMO_PASSWORD = "tops-demo-2026"
DEMO_BUYER = {
    "tax_id": "22099131",
    "email": "buyer@example.com",
    "name": "示範採購股份有限公司",
    "representative": "王大明",
    "contact_name": "林小華",
    "contact_phone": "tel:+886-2-2720-8889;ext=6627",
}
DEMO_STAFF = [
    ("reviewer", "reviewer@example.com", REVIEWER),
    ("organizer", "organizer@example.com", ORGANIZER),
]


class Command(BaseCommand):
    help = "Create the demo buyer, reviewer and organizer accounts (idempotent) and print them."

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

        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password for all: {DEMO_PASSWORD})"))
        self.stdout.write(
            f"  buyer      {DEMO_BUYER['tax_id']} / {DEMO_BUYER['email']}  → /accounts/login/"
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
