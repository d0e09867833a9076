from tops.catalogue import cached_for_version

from .models import Pavilion


def pavilions(request):
    # Lazy, and read once per catalogue version: only pages that show the menu ask for it.
    return {
        "nav_pavilions": lambda: cached_for_version(
            "pavilions", lambda: list(Pavilion.objects.all())
        )
    }
