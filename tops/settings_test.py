"""Settings for the test suite: the portal's own settings, with what only tests may change."""

import os

from .settings import *  # noqa: F403

# Every test user gets a password; a full-strength hash for each is wasted work in tests.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Mail stays in memory, unless the run asks a real worker process to write it to a folder.
if "EMAIL_URL" not in os.environ:
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# The suite never asks the real company registry: tests point it at their own local server
# (tests/registry_server.py); anything else finds it off.
COMPANY_REGISTRY_URL = ""
COMPANY_REGISTRY_TIMEOUT = 0.5
