from django.conf import settings
from django.db import transaction
from django.utils.translation import get_supported_language_variant

from .models import Organisation, User


def tax_id_is_registered(tax_id: str) -> bool:
    return (
        User.objects.filter(username=tax_id).exists()
        or Organisation.objects.filter(tax_id=tax_id).exists()
    )


@transaction.atomic
def organisation_register(
    *,
    account: User,
    language: str,
    type: str,
    name: str,
    representative: str,
    industry: str,
    contact_name: str,
    contact_phone: str,
    newsletter: bool = False,
) -> Organisation:
    """Record a new buyer's organisation; its account's username is the 統一編號."""
    account.preferred_language = user_language(language)
    account.save(update_fields=["preferred_language"])
    organisation = Organisation(
        account=account,
        tax_id=account.username,
        type=type,
        name=name,
        representative=representative,
        industry=industry,
        contact_name=contact_name,
        contact_phone=contact_phone,
        newsletter=newsletter,
    )
    organisation.full_clean(exclude=["account"])
    organisation.save()
    return organisation


def user_language(language: str) -> str:
    """The portal's own code for ``language`` (zh-hant for zh-TW), or the default language."""
    try:
        return get_supported_language_variant(language or "")
    except LookupError:
        return settings.LANGUAGE_CODE


def user_set_preferred_language(*, user: User, language: str) -> None:
    language = user_language(language)
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
