"""The award scheme's workflow steps: purchase records, their import, editions and applications."""
