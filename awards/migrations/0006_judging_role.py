from django.db import migrations

from tops.migrations._grant import grant

# Organizers judge and announce; reviewers see the decisions.
REVIEWER = [("awards", "view_awarddecision")]
ORGANIZER = [*REVIEWER, ("awards", "judge_award")]


def grant_judging(apps, schema_editor):
    grant(apps, {"Reviewer": REVIEWER, "Organizer": ORGANIZER})


class Migration(migrations.Migration):
    dependencies = [("awards", "0005_judging_and_results")]

    operations = [migrations.RunPython(grant_judging, migrations.RunPython.noop)]
