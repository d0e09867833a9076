from .selectors import all_pavilions


def pavilions(request):
    # Lazy, and read once per catalogue version: only pages that show the menu ask for it.
    return {"nav_pavilions": lambda: all_pavilions(request)}
