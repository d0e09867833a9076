from django.conf import settings


def portal(request):
    from catalog.models import Pavilion

    return {
        # Lazy: only pages that show the pavilion menu run the query.
        "nav_pavilions": Pavilion.objects.all(),
        "portal_name": settings.PORTAL_NAME,
        "contact_phone": settings.CONTACT_PHONE,
        "contact_phone_extension": settings.CONTACT_PHONE_EXTENSION,
        "contact_email": settings.CONTACT_EMAIL,
    }
