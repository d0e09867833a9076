"""The components page: each component of the portal's design, shown live beside the markup
that makes it, for whoever builds a page. Staff only."""

from django import forms
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import render
from django.template.loader import get_template
from django.utils.translation import gettext_lazy as _

EXAMPLES = [
    (_("Buttons"), "tops/styleguide/buttons.html"),
    (_("Messages and notices"), "tops/styleguide/messages.html"),
    (_("Badges"), "tops/styleguide/badges.html"),
    (_("Table (cards on a phone)"), "tops/styleguide/table.html"),
    (_("Empty state"), "tops/styleguide/empty_state.html"),
    (_("Form: fields, file input and the error summary"), "tops/styleguide/form.html"),
]


class ExampleForm(forms.Form):
    name = forms.CharField(label=_("Organisation's full name"))
    email = forms.EmailField(label=_("Contact e-mail"))
    document = forms.FileField(label=_("Document"), required=False)


@staff_member_required
def styleguide(request):
    form = ExampleForm(data={"name": "", "email": "not-an-address"})
    examples = []
    for title, name in EXAMPLES:
        template = get_template(name)
        examples.append(
            {
                "title": title,
                "source": template.template.source.strip(),
                "html": template.render({"form": form}, request),
            }
        )
    return render(request, "tops/styleguide.html", {"examples": examples})
