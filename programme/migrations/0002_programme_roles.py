from django.db import migrations

from tops.migrations._grant import grant

REVIEWER = [
    ("programme", "view_activity"),
    ("programme", "view_registration"),
    ("programme", "view_attendee"),
]
ORGANIZER = [
    *REVIEWER,
    ("programme", "add_activity"),
    ("programme", "change_activity"),
    # Checking attendees in is a change of the registration's attendees.
    ("programme", "change_attendee"),
]


def grant_programme_roles(apps, schema_editor):
    grant(apps, {"Reviewer": REVIEWER, "Organizer": ORGANIZER})


class Migration(migrations.Migration):
    dependencies = [
        ("programme", "0001_initial"),
        ("review", "0016_staff_read_the_activity_log"),
    ]

    operations = [migrations.RunPython(grant_programme_roles, migrations.RunPython.noop)]
