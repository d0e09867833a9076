"""The staff permission to answer personal-data requests (the city, as the data's controller)."""

HANDLE_DATA_REQUEST = "accounts.handle_personaldatarequest"
