from django.db import migrations

from tops.migrations._grant import grant


def grant_inquiry_list(apps, schema_editor):
    grant(
        apps,
        {
            "Reviewer": [("catalog", "view_inquiry")],
            "Organizer": [("catalog", "view_inquiry")],
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0012_staff_see_the_outbox"),
        ("catalog", "0006_inquiries"),
    ]

    operations = [migrations.RunPython(grant_inquiry_list, migrations.RunPython.noop)]
