from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from school.backup import RestoreError, import_school


class Command(BaseCommand):
    help = "Restore a school from an archive written by export_school (into an empty database)."

    def add_arguments(self, parser):
        parser.add_argument("archive")

    def handle(self, *args, **options):
        path = Path(options["archive"])
        if not path.exists():
            raise CommandError(f"No such archive: {path}")
        try:
            school = import_school(path.read_bytes())
        except RestoreError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {school.name} (id {school.pk}).")
