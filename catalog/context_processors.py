from .models import Pavilion


def pavilions(request):
    # Lazy: only pages that show the pavilion menu run the query.
    return {"nav_pavilions": Pavilion.objects.all()}
