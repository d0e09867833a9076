"""Where the apps above take part in the supplier's own pages and life cycle, so that this app
never imports them: the catalogue adds its products panel to the dashboard, re-indexes products
when the supplier is renamed, takes the products down with a disqualification and sends them
back to review with a reinstatement. Apps register here in their ``AppConfig.ready()``."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DashboardPanel:
    template: str
    # (request, supplier) -> the template's context
    context: Callable


dashboard_panels: list[DashboardPanel] = []

# (supplier, renamed: bool), called inside the profile update's transaction.
profile_updated: list[Callable] = []

# (disqualification=, by=) -> the products taken down, called inside the disqualification's
# transaction; the written notice lists them.
listing_ended: list[Callable] = []

# (disqualification=, by=) -> the products sent back to review, called inside the
# reinstatement's transaction; the notice lists them.
listing_restored: list[Callable] = []

# The staff's supplier pages (in the review app, on the same floor as the apps that add to
# them): list filters (SimpleListFilter classes over suppliers) for the supplier list, and
# panels for a supplier's page, each a template and a function (request, supplier) -> context.
staff_list_filters: list[type] = []
staff_panels: list[DashboardPanel] = []
