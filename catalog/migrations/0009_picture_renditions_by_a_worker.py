"""Product pictures are resized by a worker: each has a state, and the upload waits in the
private store until its renditions exist. The pictures already stored were resized when they
were uploaded: they are ready (one without its renditions, which should not exist, is failed)."""

import catalog.models
import django.db.models.deletion
import django.utils.timezone
import tops.storage
import uuid
from django.db import migrations, models
from django.db.models import Q


def mark_incomplete_pictures_failed(apps, schema_editor):
    ProductImage = apps.get_model("catalog", "ProductImage")
    ProductImage.objects.filter(Q(small="") | Q(medium="") | Q(large="")).update(state="failed")


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0008_delisting_disqualification_moved'),
    ]

    operations = [
        migrations.CreateModel(
            name='PictureUpload',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('original_name', models.CharField(max_length=255, verbose_name='uploaded file name')),
                ('content_type', models.CharField(max_length=100, verbose_name='content type')),
                ('size', models.PositiveIntegerField(verbose_name='size (bytes)')),
                ('sha256', models.CharField(blank=True, max_length=64, verbose_name='SHA-256')),
                ('file', models.FileField(max_length=200, storage=tops.storage.get_private_storage, upload_to=catalog.models._upload_path, verbose_name='file')),
                ('uploaded_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='uploaded at')),
            ],
            options={
                'verbose_name': 'uploaded product picture',
                'verbose_name_plural': 'uploaded product pictures',
            },
        ),
        migrations.AddField(
            model_name='productimage',
            name='attempts',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='attempts'),
        ),
        migrations.AddField(
            model_name='productimage',
            name='queued_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='queued at'),
        ),
        # Every picture stored so far was resized at upload: ready.
        migrations.AddField(
            model_name='productimage',
            name='state',
            field=models.CharField(choices=[('processing', 'Processing'), ('ready', 'Ready'), ('failed', 'Could not be processed')], default='ready', max_length=20, verbose_name='state'),
        ),
        migrations.RunPython(mark_incomplete_pictures_failed, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='productimage',
            name='state',
            field=models.CharField(choices=[('processing', 'Processing'), ('ready', 'Ready'), ('failed', 'Could not be processed')], default='processing', max_length=20, verbose_name='state'),
        ),
        migrations.AlterField(
            model_name='productimage',
            name='large',
            field=models.ImageField(blank=True, height_field='large_height', upload_to=catalog.models._image_path, width_field='large_width'),
        ),
        migrations.AlterField(
            model_name='productimage',
            name='medium',
            field=models.ImageField(blank=True, height_field='medium_height', upload_to=catalog.models._image_path, width_field='medium_width'),
        ),
        migrations.AlterField(
            model_name='productimage',
            name='small',
            field=models.ImageField(blank=True, height_field='small_height', upload_to=catalog.models._image_path, width_field='small_width'),
        ),
        migrations.AddField(
            model_name='productimage',
            name='upload',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='pictures', to='catalog.pictureupload', verbose_name='uploaded file'),
        ),
        migrations.AddIndex(
            model_name='productimage',
            index=models.Index(condition=models.Q(('state', 'processing')), fields=['queued_at'], name='picture_processing_queued'),
        ),
        migrations.AddConstraint(
            model_name='productimage',
            constraint=models.CheckConstraint(condition=models.Q(('state__in', ['processing', 'ready', 'failed'])), name='product_picture_state_valid'),
        ),
        migrations.AddConstraint(
            model_name='productimage',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('state', 'ready'), _negated=True), models.Q(models.Q(('small', ''), _negated=True), models.Q(('medium', ''), _negated=True), models.Q(('large', ''), _negated=True)), _connector='OR'), name='ready_picture_has_its_renditions'),
        ),
        migrations.AddConstraint(
            model_name='productimage',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('state', 'processing'), _negated=True), ('upload__isnull', False), _connector='OR'), name='processing_picture_has_its_upload'),
        ),
    ]
