"""The staff roles of the admin. Later issues widen what each may do."""

REVIEWER = "Reviewer"
ORGANIZER = "Organizer"

# (app_label, codename) pairs; both roles may look at registered buyers.
PERMISSIONS = {
    REVIEWER: [("accounts", "view_organisation")],
    ORGANIZER: [("accounts", "view_organisation")],
}
