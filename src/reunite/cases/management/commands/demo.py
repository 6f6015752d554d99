import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from reunite.cases.demo import SEED_FAMILIES
from reunite.cases.intake import record_testimony
from reunite.registry.models import Person

DEMO_USER = "demo"


class Command(BaseCommand):
    help = "Load the seed article's two families (idempotently) and a demo login."

    def add_arguments(self, parser):
        parser.add_argument("--password", help="password for the demo login (default: a new random one)")

    def handle(self, *args, password=None, **options):
        loaded = 0
        for family in SEED_FAMILIES:
            intake = family()
            with transaction.atomic():
                if Person.objects.filter(known_identity=intake.persons[0].known_identity).exists():
                    continue
                record_testimony(intake)
                loaded += 1
        self.stdout.write(f"Demo families: {loaded} loaded, {len(SEED_FAMILIES) - loaded} already present.")
        password = password or secrets.token_urlsafe(12)
        user, _ = get_user_model().objects.get_or_create(username=DEMO_USER)
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        self.stdout.write(f"Log in at http://127.0.0.1:8000/ as {DEMO_USER!r} with password {password!r}")
