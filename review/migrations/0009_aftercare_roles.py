from django.db import migrations

from tops.migrations._grant import grant

AFTERCARE = [
    ("suppliers", "view_supplierevent"),
    ("suppliers", "view_updatereminder"),
    ("catalog", "view_productdelisting"),
    ("review", "view_disqualification"),
    ("review", "disqualify_supplier"),
    ("review", "view_supplieraudit"),
    ("review", "view_auditcheck"),
    ("review", "view_withdrawalrequest"),
    ("reports", "view_report"),
    ("reports", "view_reportevidence"),
    ("reports", "view_reportevent"),
    ("reports", "triage_report"),
]


def grant_aftercare_roles(apps, schema_editor):
    grant(
        apps,
        {
            "Reviewer": AFTERCARE,
            "Organizer": [*AFTERCARE, ("review", "reinstate_supplier")],
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0008_audits_withdrawals_and_reports"),
        ("suppliers", "0005_update_reminders"),
        ("catalog", "0007_delistings"),
        ("reports", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant_aftercare_roles, migrations.RunPython.noop)]
