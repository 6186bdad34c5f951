from django.core.management.base import BaseCommand, CommandError

from school.backup import export_school
from school.models import School


class Command(BaseCommand):
    help = (
        "Write one school's data and uploaded files to a single archive (zip). "
        "The archive holds password hashes: keep it secret."
    )

    def add_arguments(self, parser):
        parser.add_argument("school", help="the school's id")
        parser.add_argument("archive", help="the archive to write, e.g. school-8.zip")

    def handle(self, *args, **options):
        # School is not a scoped model; export_school reads the rest inside the school's scope.
        try:
            school = School.objects.get(pk=int(options["school"]))
        except (School.DoesNotExist, ValueError) as error:
            raise CommandError(f"No school with id {options['school']}.") from error
        summary = export_school(school, options["archive"])
        self.stdout.write(
            f"Exported {school.name} to {options['archive']}: {summary.rows} rows, "
            f"{summary.files} files, {summary.size} bytes."
        )
