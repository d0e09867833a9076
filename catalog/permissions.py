"""The staff permission to list, return and delist products."""

MODERATE_PRODUCT = "catalog.moderate_product"
