"""The staff permissions of the award scheme: verifying purchase records, and judging."""

VERIFY_PURCHASE = "awards.verify_purchase"
JUDGE_AWARD = "awards.judge_award"
