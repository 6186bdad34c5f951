from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_scopes import scopes_disabled

from demo import seed
from school.models import School


class Command(BaseCommand):
    help = (
        "Load the demo school (School No. 8 of Jalal-Abad). A second run changes nothing. "
        "Refuses with DEBUG off or when the database holds another school, unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo even with DEBUG off or next to other schools (never in production).",
        )

    def handle(self, *args, force=False, **options):
        with scopes_disabled():
            if not force:
                self._refuse_on_a_real_server()
            if seed.demo_exists():
                self.stdout.write("The demo school is already loaded; nothing changed.")
            else:
                demo = seed.seed()
                self.stdout.write(self.style.SUCCESS(f"Loaded the demo school: {demo.school.name}"))
        self.stdout.write(f"Demo logins (password: {seed.DEMO_PASSWORD}):")
        for login, role in seed.demo_logins().items():
            self.stdout.write(f"  {login:<10} {role}")

    def _refuse_on_a_real_server(self):
        # The demo's logins share one published password: they must never reach a real school.
        if not settings.DEBUG:
            raise CommandError(
                "DEBUG is off, so this looks like a production server: the demo school, with "
                "its published password, is not loaded. Use a development database (DEBUG=1), "
                "or --force if you really mean it."
            )
        others = School.objects.exclude(name=seed.DEMO_SCHOOL_NAME).values_list("name", flat=True)
        if others:
            names = ", ".join(sorted(others)[:3])
            raise CommandError(
                f"This database holds other schools ({names}): the demo school, with its "
                "published password, is not loaded next to them. Use a development database, "
                "or --force if you really mean it."
            )
