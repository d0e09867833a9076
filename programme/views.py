"""Public pages of the activities programme, and an organisation's registration."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tops.workflow import StepRefused

from . import selectors, services
from .calendar import ICS, calendar_file
from .forms import ActivityFilterForm, RegistrationForm
from .models import Activity, Registration

# How far back the subscribable feed reaches: recent entries stay, so a cancellation or a
# change reaches calendars that subscribed.
FEED_REACHES_BACK = datetime.timedelta(days=90)


def _organisation(request):
    if not request.user.is_authenticated or request.user.is_staff:
        return None
    return getattr(request.user, "organisation", None)


def _filters(request):
    form = ActivityFilterForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["kind"], form.cleaned_data["audience"]
    return form, "", ""


def activity_list(request):
    form, kind, audience = _filters(request)
    activities = selectors.public_activities(kind=kind, audience=audience).upcoming()
    today = timezone.localdate()
    return render(
        request,
        "programme/list.html",
        {"form": form, "activities": activities, "today": today},
    )


def activity_month(request, year: int, month: int):
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404
    form, kind, audience = _filters(request)
    first = datetime.date(year, month, 1)
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return render(
        request,
        "programme/month.html",
        {
            "form": form,
            "month": first,
            "previous": previous,
            "following": following,
            "weeks": selectors.month_grid(
                selectors.public_activities(kind=kind, audience=audience), year, month
            ),
            "query": request.GET.urlencode(),
        },
    )


def this_month(request):
    today = timezone.localdate()
    url = redirect("programme:month", today.year, today.month).url
    query = request.GET.urlencode()
    return redirect(f"{url}?{query}" if query else url)


def activity_detail(request, pk: int, form=None):
    activity = get_object_or_404(Activity.objects.select_related("pavilion"), pk=pk)
    organisation = _organisation(request)
    registration = selectors.live_registration(activity, organisation)
    context = {
        "activity": activity,
        "registration": registration,
        "seats_left": selectors.seats_left(activity),
        "organisation": organisation,
    }
    if registration and registration.status == Registration.Status.WAITING:
        context["position"] = selectors.waiting_position(registration)
    if organisation and registration is None and not activity.is_cancelled:
        as_buyer = services.registers_as_buyer(organisation)
        now = timezone.now()
        opens_at = services.registration_opens_at(activity, as_buyer=as_buyer)
        context |= {
            "may_register": services.may_register(activity, as_buyer=as_buyer),
            "opens_at": opens_at,
            "is_open": opens_at <= now < activity.registration_closes_at,
            "has_closed": now >= activity.registration_closes_at,
            "form": form or RegistrationForm(limit=activity.attendees_per_organisation),
        }
    return render(request, "programme/detail.html", context, status=400 if form else 200)


@login_required
@require_POST
def activity_register(request, pk: int):
    activity = get_object_or_404(Activity, pk=pk)
    organisation = _organisation(request)
    if organisation is None:
        raise Http404
    form = RegistrationForm(request.POST, limit=activity.attendees_per_organisation)
    if not form.is_valid():
        return activity_detail(request, pk, form=form)
    try:
        registration = services.registration_create(
            activity=activity,
            organisation=organisation,
            by=request.user,
            attendees=form.attendees(),
        )
    except StepRefused as refused:
        form.add_error(refused.field and "name_1", refused.message)
        return activity_detail(request, pk, form=form)
    if registration.status == Registration.Status.CONFIRMED:
        messages.success(request, _("Your registration is confirmed. We have sent you an e-mail."))
    else:
        messages.info(
            request,
            _(
                "The activity is full: your registration is on the waiting list. "
                "We will write to you when a place is free."
            ),
        )
    return redirect("programme:detail", pk)


@login_required
@require_POST
def registration_cancel(request, pk: int):
    organisation = _organisation(request)
    if organisation is None:
        raise Http404
    registration = get_object_or_404(Registration, pk=pk, organisation=organisation)
    try:
        services.registration_cancel(registration=registration, by=request.user)
    except StepRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Your registration has been cancelled."))
    return redirect("programme:detail", registration.activity_id)


def activity_ics(request, pk: int):
    """The activity's calendar entry; a registered organisation's has the address and link."""
    activity = get_object_or_404(Activity, pk=pk)
    registration = selectors.live_registration(activity, _organisation(request))
    response = HttpResponse(
        calendar_file([activity], for_registrant=registration is not None), content_type=ICS
    )
    response["Content-Disposition"] = f'attachment; filename="tops-activity-{activity.pk}.ics"'
    return response


def feed_ics(request):
    """The subscribable feed of the programme (public: without addresses and links)."""
    activities = Activity.objects.filter(ends_at__gte=timezone.now() - FEED_REACHES_BACK).order_by(
        "starts_at"
    )
    response = HttpResponse(calendar_file(activities, name=_("TOPS activities")), content_type=ICS)
    response["Content-Disposition"] = 'inline; filename="tops-activities.ics"'
    return response
