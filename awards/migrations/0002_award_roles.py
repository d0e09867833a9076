from django.db import migrations

from tops.migrations._grant import grant

REVIEWER = [
    ("awards", "verify_purchase"),
    ("awards", "view_purchaserecord"),
    ("awards", "view_purchaseevidence"),
    ("awards", "view_purchaserecordevent"),
    ("awards", "view_edition"),
    ("awards", "view_awardcategory"),
    ("awards", "view_awardapplication"),
]
ORGANIZER = [
    *REVIEWER,
    ("awards", "add_edition"),
    ("awards", "change_edition"),
    ("awards", "add_awardcategory"),
    ("awards", "change_awardcategory"),
    ("awards", "delete_awardcategory"),
]


def grant_award_roles(apps, schema_editor):
    grant(apps, {"Reviewer": REVIEWER, "Organizer": ORGANIZER})


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0001_initial"),
        ("review", "0007_disqualifications"),
    ]

    operations = [migrations.RunPython(grant_award_roles, migrations.RunPython.noop)]
