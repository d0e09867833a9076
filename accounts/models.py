from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tops.models import HistoryEntry, TimeStampedModel
from tops.storage import get_private_storage

from .phone import display_phone
from .tax_id import validate_tax_id


class User(AbstractUser):
    """A person who logs in: a buyer organisation's account (username = its 統一編號) or staff."""

    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the e-mails the portal sends to this account."),
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            # One organisation per e-mail address, whatever its case: the address is where its
            # activation code and password resets go.
            models.UniqueConstraint(
                Lower("email"), condition=~models.Q(email=""), name="user_email_unique"
            )
        ]


class OrganisationType(models.TextChoices):
    GOVERNMENT_AGENCY = "government_agency", _("Government agency (central or local)")
    PUBLIC_ENTERPRISE = "public_enterprise", _("Public enterprise")
    STATE_OWNED_ENTERPRISE = "state_owned_enterprise", _("State-owned enterprise")
    REGISTERED_COMPANY = "registered_company", _("Registered company")
    LEGAL_PERSON = "legal_person", _("Legal person (foundation, association, school…)")


class Industry(models.TextChoices):
    """The 19 sections of Taiwan's Standard Industrial Classification (11th revision)."""

    A = "A", _("A Agriculture, forestry, fishing and animal husbandry")
    B = "B", _("B Mining and quarrying")
    C = "C", _("C Manufacturing")
    D = "D", _("D Electricity and gas supply")
    E = "E", _("E Water supply and remediation")
    F = "F", _("F Construction")
    G = "G", _("G Wholesale and retail trade")
    H = "H", _("H Transportation and storage")
    I = "I", _("I Accommodation and food service")  # noqa: E741
    J = "J", _("J Publishing, audiovisual and information/communication")
    K = "K", _("K Finance and insurance")
    L = "L", _("L Real estate")
    M = "M", _("M Professional, scientific and technical services")
    N = "N", _("N Support services")
    O = "O", _("O Public administration and defence; compulsory social security")  # noqa: E741
    P = "P", _("P Education")
    Q = "Q", _("Q Human health and social work")
    R = "R", _("R Arts, entertainment and recreation")
    S = "S", _("S Other services")


class Organisation(TimeStampedModel):
    """A buyer (採購方), 參.一: the organisation behind a registered account."""

    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="organisation",
        verbose_name=_("account"),
    )
    tax_id = models.CharField(
        _("Unified Business Number"), max_length=8, unique=True, validators=[validate_tax_id]
    )
    type = models.CharField(_("organisation type"), max_length=32, choices=OrganisationType.choices)
    name = models.CharField(_("full name"), max_length=200)
    representative = models.CharField(_("representative's name"), max_length=100)
    industry = models.CharField(_("industry"), max_length=1, choices=Industry.choices)
    contact_name = models.CharField(_("contact person's name"), max_length=100)
    contact_phone = models.CharField(
        _("contact phone"), max_length=40, help_text=_("Stored in RFC 3966 form.")
    )
    newsletter = models.BooleanField(
        _("procurement newsletter"),
        default=False,
        help_text=_("The contact e-mail receives the procurement newsletter (opt-in)."),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(type__in=OrganisationType.values), name="organisation_type_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(industry__in=Industry.values),
                name="organisation_industry_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(tax_id__regex=r"^[0-9]{8}$"),
                name="organisation_tax_id_eight_digits",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.tax_id})"

    @property
    def contact_email(self) -> str:
        """The account's verified e-mail address is the organisation's contact e-mail."""
        return self.account.email

    @property
    def contact_phone_display(self) -> str:
        return display_phone(self.contact_phone)


class DataRequestKind(models.TextChoices):
    """What a person may ask of the data the portal holds about them (個人資料保護法 §3)."""

    ACCESS = "access", _("A copy of our data")
    CORRECTION = "correction", _("Correction of our data")
    DELETION = "deletion", _("Deletion of our data and closure of the account")


class DataRequestStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    EXTENDED = "extended", _("Extended")
    DONE = "done", _("Done")
    REFUSED = "refused", _("Refused")


# 個人資料保護法 §13: an access request is answered within 15 days, a correction or deletion
# request within 30; each may be extended once, by as many days again, with the reason given
# in writing to the person who asked.
DATA_REQUEST_DAYS = {
    DataRequestKind.ACCESS: 15,
    DataRequestKind.CORRECTION: 30,
    DataRequestKind.DELETION: 30,
}


def _data_request_workflow():
    from tops.workflow import Step, Workflow

    from .permissions import HANDLE_DATA_REQUEST

    open_ = (DataRequestStatus.RECEIVED, DataRequestStatus.EXTENDED)
    return Workflow(
        steps={
            "extend": Step(
                {DataRequestStatus.RECEIVED: DataRequestStatus.EXTENDED}, by=HANDLE_DATA_REQUEST
            ),
            "complete": Step(
                {status: DataRequestStatus.DONE for status in open_}, by=HANDLE_DATA_REQUEST
            ),
            "refuse": Step(
                {status: DataRequestStatus.REFUSED for status in open_}, by=HANDLE_DATA_REQUEST
            ),
        },
        refusal=_("This request is now “%(status)s”; that step is no longer possible."),
    )


class PersonalDataRequest(models.Model):
    """An organisation's request about its personal data, answered by the city's staff by its
    legal due date (or, for a copy of the data, by the portal itself at once)."""

    Kind = DataRequestKind
    Status = DataRequestStatus
    workflow = _data_request_workflow()

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="data_requests",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("request"), max_length=12, choices=DataRequestKind.choices)
    details = models.TextField(
        _("details"),
        blank=True,
        max_length=3000,
        help_text=_("Which data, and what it should say instead."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DataRequestStatus.choices,
        default=DataRequestStatus.RECEIVED,
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    due_on = models.DateField(_("answer due on"))
    answer = models.TextField(
        _("answer"), blank=True, help_text=_("Sent to the organisation with the outcome.")
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    export = models.FileField(
        _("copy of the data"),
        storage=get_private_storage,
        upload_to="personal-data",
        blank=True,
        max_length=200,
    )
    export_expires_at = models.DateTimeField(_("download link valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("personal data request")
        verbose_name_plural = _("personal data requests")
        ordering = ["due_on", "received_at"]
        permissions = [("handle_personaldatarequest", "Can answer personal data requests")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=DataRequestKind.values), name="data_request_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=DataRequestStatus.values),
                name="data_request_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.organisation}"

    @property
    def is_open(self) -> bool:
        return self.status in (DataRequestStatus.RECEIVED, DataRequestStatus.EXTENDED)


class PersonalDataRequestEvent(HistoryEntry):
    """The request's history, append-only."""

    request = models.ForeignKey(
        PersonalDataRequest,
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=_("request"),
    )
    from_status = models.CharField(_("from"), max_length=10, choices=DataRequestStatus.choices)
    to_status = models.CharField(_("to"), max_length=10, choices=DataRequestStatus.choices)

    class Meta:
        verbose_name = _("personal data request history entry")
        verbose_name_plural = _("personal data request history")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.when} {self.get_from_status_display()} → {self.get_to_status_display()}"


class SignInMethod(Authenticator):
    """A staff member's second step at log-in (an authenticator app, its recovery codes), as
    the admin lists it in the reader's language; the records are allauth's."""

    class Meta:
        proxy = True
        verbose_name = _("two-step sign-in method")
        verbose_name_plural = _("two-step sign-in methods")
