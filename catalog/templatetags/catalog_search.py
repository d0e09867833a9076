from django import template

from catalog import exports

register = template.Library()


@register.simple_tag
def export_limit():
    """How many rows a download of a listing holds at most."""
    return exports.MAX_ROWS
