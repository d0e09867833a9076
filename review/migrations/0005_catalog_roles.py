from django.db import migrations

from tops.migrations._grant import grant

MODERATION = [
    ("catalog", "moderate_product"),
    ("catalog", "view_productversion"),
    ("catalog", "view_product"),
    ("catalog", "view_pavilion"),
]


def grant_catalog_roles(apps, schema_editor):
    grant(
        apps,
        {
            "Reviewer": MODERATION,
            "Organizer": [*MODERATION, ("catalog", "change_pavilion")],
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0004_review_roles"),
        ("catalog", "0005_moderation_permission"),
    ]

    operations = [migrations.RunPython(grant_catalog_roles, migrations.RunPython.noop)]
