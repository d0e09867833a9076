from django.db import migrations

from tops.migrations._grant import grant

GROUP_PERMISSIONS = {
    "Reviewer": [("accounts", "view_organisation")],
    "Organizer": [("accounts", "view_organisation")],
}


def create_staff_groups(apps, schema_editor):
    grant(apps, GROUP_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_staff_groups, migrations.RunPython.noop)]
