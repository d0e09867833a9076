"""The staff roles of the admin; their permissions are granted by this app's migrations."""

REVIEWER = "Reviewer"
ORGANIZER = "Organizer"
