"""What coaching holds about an organisation (registered with ``accounts.personal_data`` in
``CoachingConfig.ready()``): its supplier's coaching cases and their sessions."""

from django.utils.translation import gettext_lazy as _

from accounts.personal_data import Holding

from .models import CoachingCase, CoachingSession

HOLDINGS = [
    Holding(
        "coaching_cases",
        lambda organisation: CoachingCase.objects.filter(supplier__organisation=organisation),
        fields=(
            "topic",
            "topic_other",
            "needs",
            "preferred_times",
            "submitted_at",
            "status",
            "coach_name",
            "decline_reason",
            "rating",
            "rating_comment",
        ),
        kept=_(
            "Your coaching cases and their sessions: kept as the programme's record of the "
            "coaching given (參.二(二))."
        ),
    ),
    Holding(
        "coaching_sessions",
        lambda organisation: CoachingSession.objects.filter(
            case__supplier__organisation=organisation
        ),
        fields=("case", "starts_at", "place", "online_url", "held_on", "hours", "outcome"),
    ),
]
