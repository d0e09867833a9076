"""The award scheme's outcome (壹): the panel's decisions on each award application, the
announcement that tells every applicant its result, and corrections after it."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from accounts.models import User
from activity.models import ActivityKind
from activity.services import activity_record
from suppliers.notices import send_notice
from tops.mail import portal_url
from tops.workflow import StepRefused, require_permission

from ..models import AwardApplication, AwardDecision, Edition
from ..permissions import JUDGE_AWARD


@transaction.atomic
def award_decision_record(
    *,
    application: AwardApplication,
    by: User,
    is_winner: bool,
    score=None,
    rank: int | None = None,
    note: str = "",
    prize_amount: int | None = None,
    certificate_text: str = "",
) -> AwardDecision:
    """The panel's decision on one application. Before the announcement it replaces the last
    one; after it, it corrects the announced result and the buyer is told."""
    require_permission(by, JUDGE_AWARD)
    edition = Edition.objects.select_for_update().get(pk=application.edition_id)
    if timezone.now() < edition.applications_close_at:
        raise StepRefused(_("Applications are still open: judge once they have closed."))
    last = AwardDecision.objects.select_for_update().filter(application=application).current()
    last = last.first()
    if last is not None:
        last.is_current = False
        last.save(update_fields=["is_current"])
    decision = AwardDecision(
        application=application,
        is_winner=is_winner,
        score=score,
        rank=rank,
        note=note.strip(),
        prize_amount=prize_amount if is_winner else None,
        certificate_text=certificate_text.strip() if is_winner else "",
        corrects=last if edition.results_announced_at else None,
        decided_by=by,
    )
    decision.full_clean(exclude=["application", "decided_by", "corrects"])
    decision.save()
    if edition.results_announced_at:
        _tell_the_buyer(decision, corrected=True)
    return decision


@transaction.atomic
def edition_results_announce(*, edition: Edition, by: User) -> int:
    """Announce the results: every application needs its decision first. Each applicant is
    told its result in a kept notice; the winners who consented to be named appear on the
    public results page. Returns how many applicants were told."""
    require_permission(by, JUDGE_AWARD)
    edition = Edition.objects.select_for_update().get(pk=edition.pk)
    if edition.results_announced_at:
        raise StepRefused(_("The results of this edition have already been announced."))
    applications = list(
        edition.applications.select_related("buyer__account", "category").order_by("pk")
    )
    if not applications:
        raise StepRefused(_("This edition has no award applications to announce."))
    decisions = {
        decision.application_id: decision
        for decision in AwardDecision.objects.current().filter(application__edition=edition)
    }
    undecided = [application for application in applications if application.pk not in decisions]
    if undecided:
        raise StepRefused(
            ngettext(
                "%(count)s application has no decision yet.",
                "%(count)s applications have no decision yet.",
                len(undecided),
            )
            % {"count": len(undecided)}
        )
    edition.results_announced_at = timezone.now()
    edition.results_announced_by = by
    edition.save(update_fields=["results_announced_at", "results_announced_by", "updated_at"])
    for application in applications:
        decision = decisions[application.pk]
        decision.application = application
        _tell_the_buyer(decision, corrected=False)
    activity_record(
        kind=ActivityKind.DECISION,
        by=by,
        action=gettext_noop("Announced an edition's results"),
        subject=edition,
    )
    return len(applications)


def _tell_the_buyer(decision: AwardDecision, *, corrected: bool) -> None:
    application = decision.application
    account = application.buyer.account
    send_notice(
        to=account.email,
        template="awards/email/result",
        context={
            "application": application,
            "organisation": application.buyer,
            "decision": decision,
            "corrected": corrected,
            "summary_url": portal_url(
                f"{reverse('awards:summary')}?edition={application.edition_id}"
            ),
            "certificate_url": (
                portal_url(reverse("awards:certificate", args=[decision.certificate_id]))
                if decision.is_winner
                else ""
            ),
        },
        language=account.preferred_language,
    )
