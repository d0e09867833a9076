"""Delistings point at the disqualification in its new app; the column and its rows stay."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0007_delistings'),
        ('suppliers', '0006_aftercare_and_notices_move_here'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='productdelisting',
                    name='disqualification',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='delistings', to='suppliers.disqualification', verbose_name='disqualification'),
                ),
            ],
        ),
    ]
