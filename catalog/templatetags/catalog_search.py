from django import template

from catalog import exports, search

register = template.Library()


@register.filter
def highlight(text, terms):
    """The text, escaped, with the searched words marked (<mark>); plain when not searching."""
    return search.highlight(str(text or ""), terms or [])


@register.simple_tag
def export_limit():
    """How many rows a download of a listing holds at most."""
    return exports.MAX_ROWS
