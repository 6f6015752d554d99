import time

from django.core.management.base import BaseCommand
from django.db import transaction

from reunite.cases.intake import record_testimony
from reunite.cases.synthetic import intake_from_family
from reunite.registry.models import Person
from reunite.synth import generate_families

BATCH = 250


class Command(BaseCommand):
    help = (
        "Add invented separated families (names in several scripts and spellings, relatives, events, cases). "
        "Seedable and idempotent: the same --seed gives the same families, and families already present are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("--families", type=int, required=True, help="how many families")
        parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")

    def handle(self, *args, families: int, seed: int, **options):
        present = set(
            Person.objects.filter(known_identity__startswith=f"s{seed}-").values_list("known_identity", flat=True)
        )
        added = skipped = 0
        started = time.perf_counter()
        batch = []
        for family in generate_families(families, seed):
            if family.seeker in present:
                skipped += 1
                continue
            batch.append(intake_from_family(family))
            if len(batch) == BATCH:
                added += self._record(batch)
                batch = []
                self.stdout.write(f"  {added + skipped}/{families} families", ending="\r")
        added += self._record(batch)
        persons = Person.objects.count()
        self.stdout.write(
            f"Generated {added} families ({skipped} already present) in {time.perf_counter() - started:.1f} s; "
            f"the registry now holds {persons} persons."
        )

    @staticmethod
    def _record(batch) -> int:
        with transaction.atomic():
            for intake in batch:
                # Thousands of families are linked in one go (`reunite link run`), not one testimony at a time.
                record_testimony(intake, find_matches=False)
        return len(batch)
