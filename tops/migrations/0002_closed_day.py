"""The closed days move from the review app to the project's infrastructure, with the
working-day calendar that reads them. The table keeps its rows: the model is taken over in
the migration state, then the table is renamed."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from tops.migrations._moves import move_content_types


class Migration(migrations.Migration):

    dependencies = [
        ('tops', '0001_site'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('review', '0010_withdrawal_overtaken'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ClosedDay',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('day', models.DateField(unique=True, verbose_name='day')),
                        ('reason', models.CharField(max_length=200, verbose_name='reason')),
                        ('declared_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='declared at')),
                        ('declared_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='declared by')),
                    ],
                    options={
                        'verbose_name': 'closed day',
                        'verbose_name_plural': 'closed days',
                        'ordering': ['-day'],
                        'db_table': 'review_closedday',
                    },
                ),
            ],
        ),
        migrations.RunPython(
            move_content_types('review', 'tops', ['closedday']), migrations.RunPython.noop
        ),
    ]
