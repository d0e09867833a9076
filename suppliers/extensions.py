"""Where the apps above take part in the supplier's own pages and steps, so that this app never
imports them: the catalogue adds its products panel to the dashboard and re-indexes products
when the supplier is renamed. Apps register here in their ``AppConfig.ready()``."""

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
