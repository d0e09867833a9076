from django.db import migrations

from tops.migrations._grant import grant


def grant_activity_log(apps, schema_editor):
    grant(
        apps,
        {
            "Reviewer": [("activity", "view_activity")],
            "Organizer": [("activity", "view_activity")],
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0015_violation_dates_and_fines"),
        ("activity", "0001_activity_log"),
    ]

    operations = [migrations.RunPython(grant_activity_log, migrations.RunPython.noop)]
