from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tops.backup import RestoreRefused, restore


class Command(BaseCommand):
    help = "Restore a backup into a fresh database and fresh stores, checking every checksum."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)

    def handle(self, folder, **options):
        try:
            manifest = restore(folder)
        except RestoreRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        self.stdout.write(
            f"restored {sum(manifest['tables'].values())} rows and "
            f"{len(manifest['files'])} files from {folder}; counts and checksums match"
        )
