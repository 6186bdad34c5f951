import zipfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from school.backup import RestoreError, import_school


class Command(BaseCommand):
    help = (
        "Restore a school from an archive written by export_school, with new keys, into a "
        "migrated database (which may hold other schools: none of their rows changes)."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")

    def handle(self, *args, **options):
        path = Path(options["archive"])
        if not path.is_file():
            raise CommandError(f"No such archive: {path}")
        try:
            school = import_school(path)
        except (RestoreError, zipfile.BadZipFile) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {school.name} (id {school.pk}).")
