"""The staff permission to verify or reject purchase records."""

VERIFY_PURCHASE = "awards.verify_purchase"
