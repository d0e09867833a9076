from django import template

from ..markup import render
from ..models import Announcement

register = template.Library()


@register.inclusion_tag("publications/includes/latest_announcements.html")
def latest_announcements(count=3):
    """The newest announcements (pinned first), for the home page: one query."""
    return {"announcements": list(Announcement.objects.published()[:count])}


@register.filter
def markup(text):
    return render(text)
