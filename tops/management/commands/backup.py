from pathlib import Path

from django.core.management.base import BaseCommand

from tops.backup import backup


class Command(BaseCommand):
    help = "Back up the database and both file stores into a folder, with a manifest."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)

    def handle(self, folder, **options):
        manifest = backup(folder)
        self.stdout.write(
            f"{folder}: {sum(manifest['tables'].values())} rows in {len(manifest['tables'])} "
            f"tables, {len(manifest['files'])} files"
        )
