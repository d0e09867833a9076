"""The supplier obligations of 參.二(二), which an applicant accepts, and their version."""

from django.utils.translation import gettext_lazy as _

# The brochure of March 2025 (中華民國114年3月); recorded with each acceptance.
TERMS_VERSION = "2025-03"

SUPPLIER_OBLIGATIONS = (
    _(
        "Promote the TOPS portal and brand with the organizer and the executing agency, invite "
        "customers (government agencies, companies, foundations, schools…) to apply for the TOPS "
        "award scheme, and take part in its regular follow-up."
    ),
    _(
        "Take part in promotion activities such as recruitment briefings, matchmaking meetings, "
        "exhibitions, talks and workshops."
    ),
    _("Update the registered information at least once a year."),
    _(
        "Grant the organizer and the executing agency the right to photograph, publish, promote "
        "and put online the products and services submitted."
    ),
    _(
        "Ensure that nothing provided infringes anyone's intellectual property or other rights; "
        "the supplier alone answers for any dispute, and its listing may be withdrawn."
    ),
    _(
        "Once approved, provide complete product and service information, high-resolution "
        "pictures and a company introduction for promotional material."
    ),
    _(
        "Ensure that listed products and services comply with every law, and answer fully for "
        "the accuracy and validity of their information."
    ),
    _(
        "A supplier that cannot meet these obligations may have its information taken off the "
        "portal."
    ),
)
