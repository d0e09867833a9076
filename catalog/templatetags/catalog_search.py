from django import template

from catalog import search

register = template.Library()


@register.filter
def highlight(text, terms):
    """The text, escaped, with the searched words marked (<mark>); plain when not searching."""
    return search.highlight(str(text or ""), terms or [])
