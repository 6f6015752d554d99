import secrets

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from reunite.accounts.models import Membership, Organisation
from reunite.cases.demo import SEED_FAMILIES
from reunite.cases.intake import record_testimony
from reunite.registry.models import Person
from reunite.review.store import model_path, save_model, train_on_synthetic

DEMO_USER = "demo"
# Two families are far too few to estimate a linkage model: "find matches" in the demo uses one trained on
# invented families (a few seconds).
MODEL_FAMILIES = 1500
MODEL_SEED = 1
# Beside the article's two families, invented ones, so that the dashboard, the review queue and the report (whose
# small counts are hidden) have something to show.
DEMO_FAMILIES = 300
DEMO_SEED = 2021


class Command(BaseCommand):
    help = "Load the seed article's two families and invented ones (idempotently) and a demo login."

    def add_arguments(self, parser):
        parser.add_argument("--password", help="password for the demo login (default: a new random one)")
        parser.add_argument(
            "--families",
            type=int,
            default=DEMO_FAMILIES,
            help=f"invented families beside the article's (default {DEMO_FAMILIES}; the same ones each time)",
        )
        parser.add_argument(
            "--no-linkage-model",
            action="store_true",
            help="do not train the linkage model (reunite link train --synthetic 1500 does it later)",
        )

    def handle(self, *args, password=None, no_linkage_model=False, families=DEMO_FAMILIES, **options):
        loaded = 0
        for family in SEED_FAMILIES:
            intake = family()
            with transaction.atomic():
                if Person.objects.filter(known_identity=intake.persons[0].known_identity).exists():
                    continue
                record_testimony(intake)
                loaded += 1
        self.stdout.write(f"Demo families: {loaded} loaded, {len(SEED_FAMILIES) - loaded} already present.")
        if families:
            call_command("generate", families=families, seed=DEMO_SEED, stdout=self.stdout)
        if not no_linkage_model:
            self.stdout.write(self._linkage_model())
        password = password or secrets.token_urlsafe(12)
        user, _ = get_user_model().objects.get_or_create(username=DEMO_USER)
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        Membership.objects.get_or_create(user=user, defaults={"organisation": Organisation.objects.sole()})
        self.stdout.write(f"Log in at http://127.0.0.1:8000/ as {DEMO_USER!r} with password {password!r}")
        self.stdout.write(
            "The demo server (make demo: REUNITE_DEMO=1) skips the second factor; a real deployment asks every "
            "account for a code from an authenticator app after its password (docs/accounts.md)."
        )

    @staticmethod
    def _linkage_model() -> str:
        path = model_path()
        if path.exists():
            return f"Linkage model: already present ({path})."
        model = train_on_synthetic(MODEL_FAMILIES, MODEL_SEED)
        save_model(model)
        return (
            f"Linkage model trained on {MODEL_FAMILIES} invented families ({model.record_count} records), "
            f"so that Find matches works: {path}"
        )
