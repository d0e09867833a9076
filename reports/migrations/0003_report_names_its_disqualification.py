"""A report now names the disqualification it led to (the link used to sit on the
disqualification, which pointed up from the suppliers app)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def link_reports_to_their_disqualifications(apps, schema_editor):
    Disqualification = apps.get_model("suppliers", "Disqualification")
    Report = apps.get_model("reports", "Report")
    for disqualification in Disqualification.objects.filter(report__isnull=False).order_by("pk"):
        Report.objects.filter(pk=disqualification.report_id).update(
            disqualification=disqualification
        )


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0002_history_indexed_by_time'),
        ('suppliers', '0006_aftercare_and_notices_move_here'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='report',
            name='disqualification',
            field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='report', to='suppliers.disqualification', verbose_name='disqualification it led to'),
        ),
        migrations.RunPython(link_reports_to_their_disqualifications, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='report',
            constraint=models.CheckConstraint(condition=models.Q(('disqualification__isnull', True), ('status', 'upheld'), _connector='OR'), name='report_leads_to_disqualification_only_when_upheld'),
        ),
    ]
