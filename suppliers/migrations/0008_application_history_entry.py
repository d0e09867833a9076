"""An application's history takes the shape every history of the portal has (who, when, note)."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('suppliers', '0007_report_link_moved_and_tables_renamed'),
    ]

    operations = [
        migrations.RenameField(model_name='applicationevent', old_name='actor', new_name='by'),
        migrations.RenameField(model_name='applicationevent', old_name='created_at', new_name='at'),
        migrations.AlterField(
            model_name='applicationevent',
            name='at',
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='when'),
        ),
        migrations.AlterModelOptions(
            name='applicationevent',
            options={'ordering': ['at', 'pk'], 'verbose_name': 'application event', 'verbose_name_plural': 'application events'},
        ),
    ]
