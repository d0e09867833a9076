from django import template
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def sitemap_entries(urlset):
    """The sitemap's entries, written in one pass: Django's own template costs a third of a
    second for the thousands of entries of a page."""
    entries = []
    here = timezone.get_current_timezone()
    for url in urlset:
        lastmod = url["lastmod"]
        if lastmod is None:
            modified = ""
        else:
            if getattr(lastmod, "tzinfo", None) is not None:
                lastmod = lastmod.astimezone(here)
            modified = f"<lastmod>{lastmod:%Y-%m-%d}</lastmod>"
        entries.append(f"<url><loc>{escape(url['location'])}</loc>{modified}</url>")
    return mark_safe("\n".join(entries))  # every location is escaped
