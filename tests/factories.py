import datetime
import time

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

from accounts.models import Industry, Organisation, OrganisationType, User
from accounts.tax_id import is_valid_tax_id
from suppliers.models import Application, Supplier

PASSWORD = "correct-horse-battery-42"


def new_tax_id(n: int) -> str:
    """A valid 統一編號, different for each ``n``: seven digits from ``n``, then the check
    digit that the Ministry of Finance's rule asks for. Numbers starting with 6 are left to the
    factories; the numbers tests pin (taken from real registrations) start otherwise."""
    stem = f"6{n % 1_000_000:06d}"
    return next(number for number in (f"{stem}{d}" for d in range(10)) if is_valid_tax_id(number))


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

    @factory.post_generation
    def two_step(user, create, extracted, **kwargs):
        """Staff have set up their authenticator app (``two_step=False``: not yet); the
        code of the moment is ``totp_code()``."""
        if create and user.is_staff and extracted is not False:
            TOTP.activate(user, STAFF_TOTP_SECRET)


# The secret of every test staff member's authenticator app (base32).
STAFF_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp_code(secret: str = STAFF_TOTP_SECRET, at: float | None = None) -> str:
    """What the authenticator app shows now (or at ``at``, a Unix time). Near the end of a
    30-second step it waits for the next one, so that the code is still current when the
    form that carries it arrives (the portal allows no tolerance)."""
    if at is None:
        left = 30 - time.time() % 30
        if left < 4:
            time.sleep(left + 0.1)
    counter = int(time.time() if at is None else at) // 30
    return format_hotp_value(hotp_value(secret, counter))


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    tax_id = factory.Sequence(new_tax_id)
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
    # As when a reviewer approves: the supplier's district is its application's.
    district = factory.SelfAttribute("application.district")
