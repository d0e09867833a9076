from django.db import migrations

from tops.migrations._grant import grant

REVIEWER = [
    ("suppliers", "review_application"),
    ("suppliers", "view_supplier"),
    ("review", "view_closedday"),
    ("review", "view_violationcheckrecord"),
    ("review", "view_casedecision"),
    ("review", "view_notice"),
]
ORGANIZER = [
    *REVIEWER,
    ("suppliers", "decide_case_by_case"),
    ("review", "add_closedday"),
    ("review", "change_closedday"),
    ("review", "delete_closedday"),
]


def grant_review_roles(apps, schema_editor):
    grant(apps, {"Reviewer": REVIEWER, "Organizer": ORGANIZER})


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0003_closed_days_checks_notices"),
        ("suppliers", "0002_review_fields_and_suppliers"),
    ]

    operations = [migrations.RunPython(grant_review_roles, migrations.RunPython.noop)]
