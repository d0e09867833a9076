"""A supplier's disqualifications, its withdrawal requests and the notices sent move from the
review app to the suppliers app, where the supplier's own life is kept. The tables keep their
rows: the models are taken over in the migration state first; the tables are renamed later."""

import uuid

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from tops.migrations._moves import move_content_types


class Migration(migrations.Migration):

    dependencies = [
        ('suppliers', '0005_update_reminders'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('review', '0010_withdrawal_overtaken'),
        ('reports', '0002_history_indexed_by_time'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Notice',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('recipient', models.EmailField(max_length=254, verbose_name='sent to')),
                        ('subject', models.CharField(max_length=300, verbose_name='subject')),
                        ('body', models.TextField(verbose_name='text')),
                        ('language', models.CharField(max_length=10, verbose_name='language')),
                        ('sent_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='sent at')),
                        ('application', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='notices', to='suppliers.application', verbose_name='application')),
                    ],
                    options={
                        'verbose_name': 'notice sent',
                        'verbose_name_plural': 'notices sent',
                        'ordering': ['-sent_at'],
                        'db_table': 'review_notice',
                    },
                ),
                migrations.CreateModel(
                    name='Disqualification',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ('route', models.CharField(choices=[('request', "Withdrawal on the supplier's request"), ('report', 'Disqualification after a report'), ('audit', 'Removal after an audit')], max_length=10, verbose_name='route')),
                        ('ground', models.CharField(choices=[('requested', 'The supplier asked to withdraw'), ('no_longer_eligible', 'No longer meets the listing conditions (for example moved out of Taipei)'), ('violation', 'One of the 7 violations found'), ('bankruptcy', 'Declared bankrupt'), ('conviction', 'The responsible person was finally convicted of a crime'), ('case_by_case', 'Another serious matter, decided by the organizer')], max_length=30, verbose_name='ground')),
                        ('reason', models.TextField(verbose_name='reason')),
                        ('evidence', models.TextField(blank=True, verbose_name='evidence')),
                        ('effective_on', models.DateField(verbose_name='effective on')),
                        ('decided_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='decided at')),
                        ('ended_on', models.DateField(blank=True, null=True, verbose_name='ended on')),
                        ('end', models.CharField(blank=True, choices=[('reinstated', 'Reinstated after an appeal'), ('approved_again', 'Listed again after a new application')], max_length=20, verbose_name='how it ended')),
                        ('end_note', models.TextField(blank=True, verbose_name='note on the end')),
                        ('decided_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='decided by')),
                        ('ended_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='ended by')),
                        ('supplier', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='disqualifications', to='suppliers.supplier', verbose_name='supplier')),
                        ('notice', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='suppliers.notice', verbose_name='written notice')),
                        ('report', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='disqualifications', to='reports.report', verbose_name='upheld report')),
                    ],
                    options={
                        'verbose_name': 'disqualification',
                        'verbose_name_plural': 'disqualifications',
                        'ordering': ['-decided_at'],
                        'db_table': 'review_disqualification',
                        'permissions': [('disqualify_supplier', 'Can disqualify suppliers'), ('reinstate_supplier', 'Can reinstate a supplier after an appeal')],
                    },
                ),
                migrations.CreateModel(
                    name='WithdrawalRequest',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('reason', models.TextField(verbose_name='reason')),
                        ('requested_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='requested at')),
                        ('status', models.CharField(choices=[('pending', 'Awaiting a reviewer'), ('confirmed', 'Confirmed: the supplier has withdrawn'), ('cancelled', 'Cancelled by the supplier'), ('overtaken', 'Closed: the supplier was disqualified by another route')], default='pending', max_length=10, verbose_name='status')),
                        ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='closed at')),
                        ('disqualification', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='withdrawal_request', to='suppliers.disqualification', verbose_name='disqualification')),
                        ('requested_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='requested by')),
                        ('supplier', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='withdrawal_requests', to='suppliers.supplier', verbose_name='supplier')),
                    ],
                    options={
                        'verbose_name': 'withdrawal request',
                        'verbose_name_plural': 'withdrawal requests',
                        'ordering': ['-requested_at'],
                        'db_table': 'review_withdrawalrequest',
                    },
                ),
                migrations.AddConstraint(
                    model_name='disqualification',
                    constraint=models.UniqueConstraint(condition=models.Q(('ended_on__isnull', True)), fields=('supplier',), name='one_open_disqualification_per_supplier'),
                ),
                migrations.AddConstraint(
                    model_name='disqualification',
                    constraint=models.CheckConstraint(condition=models.Q(('route__in', ['request', 'report', 'audit'])), name='disqualification_route_valid'),
                ),
                migrations.AddConstraint(
                    model_name='disqualification',
                    constraint=models.CheckConstraint(condition=models.Q(('ground__in', ['requested', 'no_longer_eligible', 'violation', 'bankruptcy', 'conviction', 'case_by_case'])), name='disqualification_ground_valid'),
                ),
                migrations.AddConstraint(
                    model_name='disqualification',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('route', 'report'), _negated=True), ('report__isnull', False), _connector='OR'), name='disqualification_after_report_names_it'),
                ),
                migrations.AddConstraint(
                    model_name='disqualification',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('end', ''), ('ended_on__isnull', True)), models.Q(('end__in', ['reinstated', 'approved_again']), ('ended_on__gte', models.F('effective_on'))), _connector='OR'), name='disqualification_end_consistent'),
                ),
                migrations.AddConstraint(
                    model_name='withdrawalrequest',
                    constraint=models.UniqueConstraint(condition=models.Q(('status', 'pending')), fields=('supplier',), name='one_pending_withdrawal_request_per_supplier'),
                ),
                migrations.AddConstraint(
                    model_name='withdrawalrequest',
                    constraint=models.CheckConstraint(condition=models.Q(('status__in', ['pending', 'confirmed', 'cancelled', 'overtaken'])), name='withdrawal_request_status_valid'),
                ),
            ],
        ),
        migrations.RunPython(
            move_content_types(
                'review', 'suppliers', ['notice', 'disqualification', 'withdrawalrequest']
            ),
            migrations.RunPython.noop,
        ),
    ]
