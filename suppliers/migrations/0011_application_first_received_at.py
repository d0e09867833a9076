from django.db import migrations, models
from django.db.models import Min, OuterRef, Subquery
from django.db.models.functions import Coalesce


def first_submission_from_the_history(apps, schema_editor):
    """Applications submitted before the field existed: their first move to "submitted" in the
    history, or the receipt recorded when there is none."""
    Application = apps.get_model("suppliers", "Application")
    ApplicationEvent = apps.get_model("suppliers", "ApplicationEvent")
    first_submission = (
        ApplicationEvent.objects.filter(application=OuterRef("pk"), to_status="submitted")
        .values("application")
        .annotate(first=Min("at"))
        .values("first")
    )
    Application.objects.filter(received_at__isnull=False).update(
        first_received_at=Coalesce(Subquery(first_submission), "received_at")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("suppliers", "0010_histories_and_notices_append_only"),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="first_received_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="first received at"),
        ),
        migrations.RunPython(first_submission_from_the_history, migrations.RunPython.noop),
    ]
