from django.db import migrations

from tops.migrations._grant import grant

SEE_APPLICATIONS = [
    ("suppliers", "view_application"),
    ("suppliers", "view_applicationdocument"),
    ("suppliers", "view_applicationevent"),
]


def grant_application_views(apps, schema_editor):
    grant(apps, {"Reviewer": SEE_APPLICATIONS, "Organizer": SEE_APPLICATIONS})


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0001_staff_groups"),
        ("suppliers", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant_application_views, migrations.RunPython.noop)]
