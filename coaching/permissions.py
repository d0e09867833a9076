"""The staff permission of coaching: taking a case through its steps."""

MANAGE_CASE = "coaching.manage_case"
