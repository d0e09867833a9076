from django.apps import AppConfig


class TopsConfig(AppConfig):
    name = "tops"
    verbose_name = "TOPS"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import checks  # noqa: F401  (registers the deploy checks)
        from .catalogue import new_release
        from .private_files import delete_files_with_their_records

        delete_files_with_their_records()
        post_migrate.connect(new_release, sender=self, dispatch_uid="tops-new-release")
