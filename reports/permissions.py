"""The staff permission to triage public reports."""

TRIAGE_REPORT = "reports.triage_report"
