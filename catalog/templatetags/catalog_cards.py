from django import template

from catalog.cards import cards_html

register = template.Library()


@register.simple_tag
def card_items(cards, terms=None):
    """The list items of product cards, the searched words marked when there are ``terms``."""
    return cards_html(cards, terms)
