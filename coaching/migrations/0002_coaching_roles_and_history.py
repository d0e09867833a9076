from django.db import migrations

from tops.migrations._append_only import append_only
from tops.migrations._grant import grant

REVIEWER = [
    ("coaching", "view_coachingcase"),
    ("coaching", "view_coachingsession"),
    ("coaching", "view_coachingevent"),
    ("coaching", "manage_case"),
]
ORGANIZER = [
    *REVIEWER,
    ("coaching", "view_coachingsettings"),
    ("coaching", "change_coachingsettings"),
]


def grant_coaching_roles(apps, schema_editor):
    grant(apps, {"Reviewer": REVIEWER, "Organizer": ORGANIZER})


class Migration(migrations.Migration):
    dependencies = [
        ("coaching", "0001_initial"),
        ("review", "0016_staff_read_the_activity_log"),
    ]

    operations = [
        migrations.RunPython(grant_coaching_roles, migrations.RunPython.noop),
        append_only("coaching_coachingevent"),
    ]
