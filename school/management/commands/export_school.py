from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django_scopes import scopes_disabled

from school.backup import export_school
from school.models import School


class Command(BaseCommand):
    help = "Write one school's data and uploaded files to a single archive (zip)."

    def add_arguments(self, parser):
        parser.add_argument("school", help="the school's id")
        parser.add_argument("archive", help="the archive to write, e.g. school-8.zip")

    def handle(self, *args, **options):
        with scopes_disabled():
            try:
                school = School.objects.get(pk=options["school"])
            except (School.DoesNotExist, ValueError) as error:
                raise CommandError(f"No school with id {options['school']}.") from error
        data = export_school(school)
        Path(options["archive"]).write_bytes(data)
        self.stdout.write(f"Exported {school.name} to {options['archive']} ({len(data)} bytes).")
