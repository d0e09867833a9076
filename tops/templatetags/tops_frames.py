"""The parts of a page that are the same for every anonymous visitor (the header, the menus, the
footer), rendered once per process, language and catalogue version instead of on every request:

    {% load tops_frames %}
    {% frame "header-menus" request.resolver_match.kwargs.code %}…{% endframe %}

The values after the name are what the part varies by besides the language. Signed-in visitors
get the part rendered for them: their links differ. A new catalogue version (a pavilion renamed,
…) renders the parts again; while the shared cache is out of reach nothing is kept, since each
process would follow its own version.
"""

from django import template
from django.utils.translation import get_language

from tops.catalogue import ProcessMemory, request_catalogue_version

register = template.Library()

# A few parts per language, pavilion and version.
_frames = ProcessMemory(256)


class FrameNode(template.Node):
    def __init__(self, name, vary_on, nodelist):
        self.name = name
        self.vary_on = vary_on
        self.nodelist = nodelist

    def render(self, context):
        request = context.get("request")
        user = getattr(request, "user", None)
        version = (
            None if user is None or user.is_authenticated else request_catalogue_version(request)
        )
        if version is None:  # a signed-in visitor's own, or no shared cache to follow
            return self.nodelist.render(context)
        key = (
            self.name,
            get_language(),
            version,
            *(value.resolve(context) for value in self.vary_on),
        )
        html = _frames.get(key)
        if html is None:
            html = self.nodelist.render(context)
            # A part holding a visitor's own token must never be served to the others.
            if "csrfmiddlewaretoken" not in html:
                _frames.put(key, html)
        return html


@register.tag
def frame(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("'frame' needs a name")
    nodelist = parser.parse(("endframe",))
    parser.delete_first_token()
    return FrameNode(bits[1], [parser.compile_filter(bit) for bit in bits[2:]], nodelist)
