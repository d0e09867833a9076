from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tops.languages import in_page_language
from tops.models import TimeStampedModel


class Bilingual(models.Model):
    """A title and a body in Traditional Chinese and in English; the English falls back to
    the Chinese where it is empty."""

    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    body_zh = models.TextField(
        _("text (Chinese)"),
        help_text=_(
            "Paragraphs separated by an empty line; Markdown for headings (##), lists (-), "
            "emphasis (**bold**) and links ([text](https://…)). HTML is shown as typed."
        ),
    )
    body_en = models.TextField(_("text (English)"), blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.title_zh

    @property
    def title(self) -> str:
        return in_page_language(self.title_zh, self.title_en)

    @property
    def body(self) -> str:
        return in_page_language(self.body_zh, self.body_en)


class AnnouncementQuerySet(models.QuerySet):
    def published(self, now=None):
        return self.filter(published_at__lte=now or timezone.now()).order_by(
            "-pinned", "-published_at"
        )


class Announcement(Bilingual, TimeStampedModel):
    """A notice of the organizer (公告): the brochure's 「以本網站公告為準」 points here."""

    published_at = models.DateTimeField(
        _("published at"),
        default=timezone.now,
        help_text=_("Shown to the public from this moment; a later time schedules it."),
    )
    pinned = models.BooleanField(
        _("pinned"), default=False, help_text=_("Pinned announcements are listed first.")
    )

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-pinned", "-published_at"]
        indexes = [models.Index(fields=["-published_at"], name="announcement_published")]

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("publications:announcement", args=[self.pk])


class Page(Bilingual, TimeStampedModel):
    """A page organizers edit in the admin: the rules, who may register, the award scheme,
    the FAQ, the privacy policy, the accessibility statement."""

    class Slug(models.TextChoices):
        RULES = "rules", _("Rules (brochure)")
        REGISTRATION = "registration", _("Who may register and how")
        AWARDS = "award-scheme", _("The TOPS award scheme")
        FAQ = "faq", _("Frequently asked questions")
        PRIVACY = "privacy", _("Privacy policy")
        ACCESSIBILITY = "accessibility", _("Accessibility statement")

    slug = models.SlugField(_("page"), max_length=40, choices=Slug.choices, unique=True)

    class Meta:
        verbose_name = _("published page")
        verbose_name_plural = _("published pages")
        ordering = ["slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    slug__in=[
                        "rules",
                        "registration",
                        "award-scheme",
                        "faq",
                        "privacy",
                        "accessibility",
                    ]
                ),
                name="page_slug_valid",
            )
        ]

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("publications:page", args=[self.slug])


class RulesVersion(models.Model):
    """A published version of the rules; every supplier's user accepts the newest at its next
    log-in."""

    version = models.CharField(_("version"), max_length=40, unique=True)
    summary = models.TextField(
        _("what changed"), blank=True, help_text=_("Shown on the page asking for acceptance.")
    )
    published_at = models.DateTimeField(_("published at"), default=timezone.now)

    class Meta:
        verbose_name = _("rules version")
        verbose_name_plural = _("rules versions")
        ordering = ["-published_at"]
        get_latest_by = "published_at"

    def __str__(self):
        return self.version


class RulesAcceptance(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="rules_acceptances",
        verbose_name=_("user"),
    )
    version = models.ForeignKey(RulesVersion, on_delete=models.PROTECT, related_name="acceptances")
    accepted_at = models.DateTimeField(_("accepted at"), default=timezone.now)

    class Meta:
        verbose_name = _("acceptance of the rules")
        verbose_name_plural = _("acceptances of the rules")
        constraints = [
            models.UniqueConstraint(fields=["user", "version"], name="rules_accepted_once")
        ]

    def __str__(self):
        return f"{self.user} · {self.version}"


class Subscriber(TimeStampedModel):
    """Anyone who asked for the newsletter by e-mail: subscribed once the link in the
    confirmation mail is followed (double opt-in)."""

    email = models.EmailField(_("e-mail"))
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="subscriber_email_unique"),
        ]

    def __str__(self):
        return self.email

    @property
    def is_subscribed(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None


class Unsubscribed(models.Model):
    """An address that unsubscribed with the link of a newsletter: it gets no newsletter
    again, whichever audience it belongs to, until it subscribes again."""

    email = models.EmailField(_("e-mail"))
    at = models.DateTimeField(_("unsubscribed at"), default=timezone.now)

    class Meta:
        verbose_name = _("unsubscribed address")
        verbose_name_plural = _("unsubscribed addresses")
        constraints = [models.UniqueConstraint(Lower("email"), name="unsubscribed_email_unique")]

    def __str__(self):
        return self.email


class Issue(Bilingual, TimeStampedModel):
    """An issue of the newsletter (採購資訊電子報)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    to_buyers = models.BooleanField(_("buyers who asked for it"), default=True)
    to_suppliers = models.BooleanField(_("suppliers who asked for it"), default=True)
    to_subscribers = models.BooleanField(_("subscribers by e-mail"), default=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        ordering = ["-sent_at", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "sending", "sent"]), name="issue_status_valid"
            )
        ]

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("publications:issue", args=[self.pk])


class Delivery(models.Model):
    """One recipient of one issue: written before sending, marked sent in the transaction
    that puts the mail in the outbox, so no address gets an issue twice."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    email = models.EmailField(_("e-mail"))
    language = models.CharField(_("language"), max_length=10, default=settings.LANGUAGE_CODE)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["issue", "email"], name="delivery_once_per_address")
        ]
        indexes = [models.Index(fields=["issue", "sent_at"], name="delivery_pending")]

    def __str__(self):
        return self.email
