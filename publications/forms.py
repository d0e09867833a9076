from django import forms
from django.utils.translation import gettext_lazy as _


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("We send a link to this address; the subscription starts once you follow it."),
    )
