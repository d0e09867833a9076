"""Amounts of money as the portal writes them in both languages: NT$ 1,200."""

from django import template

from tops import money

register = template.Library()
register.filter("ntd", money.ntd)
