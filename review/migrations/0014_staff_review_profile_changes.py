from django.db import migrations

from tops.migrations._grant import grant

# Reviewers decide suppliers' profile changes (with REVIEW_APPLICATION); organizers see them.
SEE = [("suppliers", "view_profilechange"), ("suppliers", "view_profilechangelogo")]


def grant_profile_changes(apps, schema_editor):
    grant(apps, {"Reviewer": SEE, "Organizer": SEE})


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0013_staff_see_that_inquiries_were_sent"),
        ("suppliers", "0012_profile_changes_reviewed"),
    ]

    operations = [migrations.RunPython(grant_profile_changes, migrations.RunPython.noop)]
