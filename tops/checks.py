"""System checks for what the portal needs in production."""

import os

from django.core.checks import Warning, register


@register(deploy=True)
def secret_key_shared_by_every_instance(app_configs, **kwargs):
    if os.environ.get("SECRET_KEY"):
        return []
    return [
        Warning(
            "SECRET_KEY is not set: this machine uses a key it made for itself "
            "(.secret-key), which other instances do not share.",
            hint="Set SECRET_KEY, the same on every web and worker process.",
            id="tops.W001",
        )
    ]
