from django.db import migrations

from tops.migrations._grant import grant


def grant_figures(apps, schema_editor):
    grant(
        apps,
        {
            "Reviewer": [("figures", "see_review_figures")],
            "Organizer": [("figures", "see_review_figures"), ("figures", "see_all_figures")],
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("figures", "0001_figures_snapshots"),
        ("review", "0001_staff_groups"),
    ]

    operations = [migrations.RunPython(grant_figures, migrations.RunPython.noop)]
