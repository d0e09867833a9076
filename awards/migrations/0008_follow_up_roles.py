from django.db import migrations

from tops.migrations._grant import grant

# Reviewers and organizers both follow suppliers up on their invitations (參.二(二)1).
FOLLOW_UP = [
    ("awards", "view_invitationstanding"),
    ("awards", "view_invitation"),
    ("awards", "view_invitationfollowup"),
    ("awards", "add_invitationfollowup"),
]


def grant_follow_up(apps, schema_editor):
    grant(apps, {"Reviewer": FOLLOW_UP, "Organizer": FOLLOW_UP})


class Migration(migrations.Migration):
    dependencies = [("awards", "0007_invitations_and_follow_ups")]

    operations = [migrations.RunPython(grant_follow_up, migrations.RunPython.noop)]
