"""The report link leaves the disqualification (the report names it now) and the moved
tables take the suppliers app's names."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('suppliers', '0006_aftercare_and_notices_move_here'),
        ('reports', '0003_report_names_its_disqualification'),
        ('review', '0011_aftercare_and_closed_days_moved_out'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='disqualification',
            name='disqualification_after_report_names_it',
        ),
        migrations.RemoveField(
            model_name='disqualification',
            name='report',
        ),
        migrations.AlterModelTable(
            name='disqualification',
            table=None,
        ),
        migrations.AlterModelTable(
            name='notice',
            table=None,
        ),
        migrations.AlterModelTable(
            name='withdrawalrequest',
            table=None,
        ),
    ]
