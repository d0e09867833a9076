"""Texts kept in both of the portal's languages."""

from django.utils.translation import get_language


def in_page_language(chinese: str, english: str) -> str:
    """The English text on English pages when there is one; the Chinese text otherwise."""
    return english if english and (get_language() or "").startswith("en") else chinese
