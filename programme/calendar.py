"""Calendar files (RFC 5545): one entry per activity, in Asia/Taipei with its VTIMEZONE.

An activity's entry keeps its UID for ever; its SEQUENCE rises with each change registrants
are told of, and a cancelled activity's entry says STATUS:CANCELLED, so that a calendar
program that imported the file or subscribed to the feed updates or strikes the entry."""

import zoneinfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar, Event

from tops.mail import portal_url

from .models import Activity

TAIPEI = zoneinfo.ZoneInfo("Asia/Taipei")
ICS = "text/calendar; charset=utf-8"


def activity_uid(activity: Activity) -> str:
    return f"{activity.uid}@{settings.SITE_DOMAIN.split(':')[0]}"


def _event(activity: Activity, *, for_registrant: bool) -> Event:
    event = Event()
    event.add("uid", activity_uid(activity))
    event.add("sequence", activity.sequence)
    event.add("dtstamp", activity.updated_at or timezone.now())
    event.add("dtstart", activity.starts_at.astimezone(TAIPEI))
    event.add("dtend", activity.ends_at.astimezone(TAIPEI))
    event.add("summary", activity.title)
    link = portal_url(reverse("programme:detail", args=[activity.pk]))
    event.add("url", link)
    description = activity.description
    location = activity.venue
    if for_registrant:
        # The address and the online link are for registrants only (the public entry names
        # the venue).
        if activity.address:
            location = f"{activity.venue}, {activity.address}"
        if activity.online_url:
            description = f"{description}\n\n{activity.online_url}"
    event.add("description", f"{description}\n\n{link}")
    event.add("location", location)
    event.add("status", "CANCELLED" if activity.is_cancelled else "CONFIRMED")
    return event


def calendar_file(activities, *, for_registrant: bool = False, name: str = "") -> bytes:
    """The calendar holding ``activities``' entries, in the active language."""
    calendar = Calendar()
    calendar.add("prodid", "-//Taipei City Government//TOPS portal//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", "Asia/Taipei")
    for activity in activities:
        calendar.add_component(_event(activity, for_registrant=for_registrant))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def registrant_attachment(activity: Activity, language: str) -> tuple[str, str, str]:
    """The activity's calendar entry as a mail attachment, with the registrant's details."""
    with translation.override(language):
        content = calendar_file([activity], for_registrant=True).decode()
    return (f"tops-activity-{activity.pk}.ics", content, "text/calendar")
