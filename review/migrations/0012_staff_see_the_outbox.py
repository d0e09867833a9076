from django.db import migrations

from tops.migrations._grant import grant


def grant_outbox(apps, schema_editor):
    grant(
        apps,
        {
            "Reviewer": [("tops", "view_outgoingmail")],
            "Organizer": [("tops", "view_outgoingmail"), ("tops", "change_outgoingmail")],
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0011_aftercare_and_closed_days_moved_out"),
        ("tops", "0004_outbox_and_daily_runs"),
    ]

    operations = [migrations.RunPython(grant_outbox, migrations.RunPython.noop)]
