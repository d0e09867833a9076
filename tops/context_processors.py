from django.conf import settings


def portal(request):
    return {
        "portal_name": settings.PORTAL_NAME,
        "contact_phone": settings.CONTACT_PHONE,
        "contact_phone_extension": settings.CONTACT_PHONE_EXTENSION,
        "contact_email": settings.CONTACT_EMAIL,
    }
