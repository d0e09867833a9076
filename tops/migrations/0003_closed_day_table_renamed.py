"""The closed days take the infrastructure app's table name."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('tops', '0002_closed_day'),
        ('review', '0011_aftercare_and_closed_days_moved_out'),
    ]

    operations = [
        migrations.AlterModelTable(
            name='closedday',
            table=None,
        ),
    ]
