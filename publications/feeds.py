from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .markup import render
from .models import Announcement


class AnnouncementsFeed(Feed):
    """The organizer's announcements as RSS (and, below, Atom)."""

    title = _("TOPS announcements")
    link = reverse_lazy("publications:announcements")
    description = _("Notices of the Department of Economic Development about the TOPS portal.")

    def items(self):
        return Announcement.objects.published()[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return render(item.body)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


class AnnouncementsAtomFeed(AnnouncementsFeed):
    feed_type = Atom1Feed
    subtitle = AnnouncementsFeed.description
