from django.core.management.base import BaseCommand
from django_scopes import scopes_disabled

from demo import seed


class Command(BaseCommand):
    help = "Load the demo school (School No. 8 of Jalal-Abad). A second run changes nothing."

    def handle(self, *args, **options):
        with scopes_disabled():
            if seed.demo_exists():
                self.stdout.write("The demo school is already loaded; nothing changed.")
            else:
                demo = seed.seed()
                self.stdout.write(self.style.SUCCESS(f"Loaded the demo school: {demo.school.name}"))
        self.stdout.write(f"Demo logins (password: {seed.DEMO_PASSWORD}):")
        for login, role in seed.DEMO_LOGINS.items():
            self.stdout.write(f"  {login:<10} {role}")
