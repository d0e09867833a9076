"""Closed days, notices, disqualifications and withdrawal requests now belong to `tops` and
`suppliers`: the review app lets go of them in the migration state only; their tables stay."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('review', '0010_withdrawal_overtaken'),
        ('tops', '0002_closed_day'),
        ('suppliers', '0006_aftercare_and_notices_move_here'),
        ('catalog', '0008_delisting_disqualification_moved'),
        ('reports', '0003_report_names_its_disqualification'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='disqualification',
                    name='decided_by',
                ),
                migrations.RemoveField(
                    model_name='disqualification',
                    name='ended_by',
                ),
                migrations.RemoveField(
                    model_name='disqualification',
                    name='notice',
                ),
                migrations.RemoveField(
                    model_name='disqualification',
                    name='report',
                ),
                migrations.RemoveField(
                    model_name='disqualification',
                    name='supplier',
                ),
                migrations.RemoveField(
                    model_name='withdrawalrequest',
                    name='disqualification',
                ),
                migrations.AlterField(
                    model_name='supplieraudit',
                    name='disqualification',
                    field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='audit', to='suppliers.disqualification', verbose_name='disqualification it led to'),
                ),
                migrations.RemoveField(
                    model_name='notice',
                    name='application',
                ),
                migrations.RemoveField(
                    model_name='withdrawalrequest',
                    name='requested_by',
                ),
                migrations.RemoveField(
                    model_name='withdrawalrequest',
                    name='supplier',
                ),
                migrations.DeleteModel(
                    name='ClosedDay',
                ),
                migrations.DeleteModel(
                    name='Disqualification',
                ),
                migrations.DeleteModel(
                    name='Notice',
                ),
                migrations.DeleteModel(
                    name='WithdrawalRequest',
                ),
            ],
        ),
    ]
