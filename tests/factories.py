import datetime

import factory
from allauth.account.models import EmailAddress

from accounts.models import Industry, Organisation, OrganisationType, User
from suppliers.models import Application, Supplier

PASSWORD = "correct-horse-battery-42"

# Real 統一編號 that pass the check-digit rule, handed out one per organisation.
VALID_TAX_IDS = [
    "22099131",
    "04541302",
    "96979933",
    "97176270",
    "22555003",
    "03374707",
    "10458575",
    "04595257",
    "12345675",
    "87654322",
    "22099136",
    "04541307",
]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified_email(user, create, extracted, **kwargs):
        if create:
            user.save()
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    tax_id = factory.Sequence(lambda n: VALID_TAX_IDS[n % len(VALID_TAX_IDS)])
    account = factory.SubFactory(UserFactory, username=factory.SelfAttribute("..tax_id"))
    type = OrganisationType.REGISTERED_COMPANY
    name = factory.Sequence(lambda n: f"台北測試股份有限公司{n}")
    representative = "王大明"
    industry = Industry.C
    contact_name = "林小華"
    contact_phone = "tel:+886-2-2720-8889;ext=6627"


class SupplierFactory(factory.django.DjangoModelFactory):
    """A listed supplier, approved without going through a review (for catalogue tests)."""

    class Meta:
        model = Supplier

    organisation = factory.SubFactory(OrganisationFactory)
    application = factory.LazyAttribute(
        lambda supplier: Application.objects.create(
            organisation=supplier.organisation, status="approved"
        )
    )
    size_group = "startup"
    approved_on = datetime.date(2026, 11, 1)
    information_confirmed_on = datetime.date(2026, 11, 1)
    name = factory.SelfAttribute("organisation.name")
