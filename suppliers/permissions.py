"""The staff permissions on suppliers and their applications, granted to the staff roles by
migrations; services and admin screens check these names."""

REVIEW_APPLICATION = "suppliers.review_application"
DECIDE_CASE_BY_CASE = "suppliers.decide_case_by_case"
DISQUALIFY_SUPPLIER = "suppliers.disqualify_supplier"
REINSTATE_SUPPLIER = "suppliers.reinstate_supplier"
