from django.apps import AppConfig


class TopsConfig(AppConfig):
    name = "tops"
    verbose_name = "TOPS"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deploy checks)
        from .private_files import delete_files_with_their_records

        delete_files_with_their_records()
