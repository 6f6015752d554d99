"""`reunite link`: train the linkage model, link the whole registry, or find matches for one person.

    reunite link train [--synthetic FAMILIES] [--seed S]     estimate the model and save it (REUNITE_HOME/linkage)
    reunite link run [--threshold P] [--engine E] [--datasets A B]
                                                            every person against every other, or two datasets
    reunite link person ID [--threshold P]                  find matches for one person

What it prints are ids and figures, never names.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from reunite.linkage import NotEnoughData
from reunite.registry.models import Dataset, Person
from reunite.review.matching import DEFAULT_ENGINE, FIND_THRESHOLD, RUN_THRESHOLD, find_matches_for, link_all
from reunite.review.models import LinkageRun, MatchCandidate
from reunite.review.store import NoModel, save_model, train_on_registry, train_on_synthetic

DEFAULT_SEED = 1


def probability(text: str) -> float:
    value = float(text)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"{text} is not a probability between 0 and 1")
    return value


class Command(BaseCommand):
    help = "Record linkage: train the model, link all records (or two datasets), find matches for one person."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True, metavar="{train,run,person}")
        train = commands.add_parser("train", help="estimate the model on the registry (or on invented families)")
        train.add_argument(
            "--synthetic",
            type=int,
            metavar="FAMILIES",
            help="train on this many invented families instead of the registry (for a small database)",
        )
        train.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the invented families")
        run = commands.add_parser("run", help="link every person against every other, or two datasets")
        run.add_argument("--threshold", type=probability, default=RUN_THRESHOLD, help="lowest probability kept")
        run.add_argument("--engine", default=DEFAULT_ENGINE, help=f"linkage SQL engine (default {DEFAULT_ENGINE})")
        run.add_argument("--datasets", nargs=2, metavar=("A", "B"), help="two datasets (id or name) to link")
        run.add_argument(
            "--one-match-each",
            action="store_true",
            help="with --datasets, when each lists a person at most once: keep each person's most probable "
            "candidate only, most probable pairs first",
        )
        person = commands.add_parser("person", help="find matches for one person")
        person.add_argument("person_id", type=int, metavar="ID")
        person.add_argument("--threshold", type=probability, default=FIND_THRESHOLD, help="lowest probability kept")

    def handle(self, *args: Any, subcommand: str, **options: Any) -> None:
        try:
            if subcommand == "train":
                self.train(options["synthetic"], options["seed"])
            elif subcommand == "run":
                if options["one_match_each"] and not options["datasets"]:
                    raise CommandError("--one-match-each needs --datasets A B: two lists that each name a person once")
                self.run(options["threshold"], options["engine"], options["datasets"] or [], options["one_match_each"])
            else:
                self.person(options["person_id"], options["threshold"])
        except (NoModel, NotEnoughData) as error:
            raise CommandError(str(error)) from None

    def train(self, synthetic: int | None, seed: int) -> None:
        started = time.perf_counter()
        if synthetic is not None:
            if synthetic < 1:
                raise CommandError("--synthetic needs at least one family")
            model = train_on_synthetic(synthetic, seed)
        else:
            try:
                model = train_on_registry()
            except NotEnoughData as error:
                raise CommandError(
                    f"{error}. On a small registry, train on invented families: reunite link train --synthetic 1500"
                ) from None
        path = save_model(model)
        self.stdout.write(
            f"Linkage model trained on {model.record_count} records in {time.perf_counter() - started:.1f} s "
            f"({model.trained_on}); saved to {path}."
        )
        for note in model.notes:
            self.stdout.write(f"  {note}")

    def run(self, threshold: float, engine: str, datasets: list[str], one_match_each: bool) -> None:
        started = time.perf_counter()
        try:
            run = link_all(
                threshold=threshold,
                engine=engine,
                datasets=[_dataset(d) for d in datasets],
                one_match_each=one_match_each,
            )
        except ValueError as error:  # an unknown engine
            raise CommandError(str(error)) from None
        decided = MatchCandidate.objects.filter(last_run=run).exclude(status=MatchCandidate.Status.PENDING).count()
        self.stdout.write(
            f"Linked {run.record_count} records ({run.engine}, threshold {threshold:g}) in "
            f"{time.perf_counter() - started:.1f} s: {run.candidate_count} candidates, {run.new_count} new, "
            f"{decided} already decided (decisions kept). Run #{run.pk}."
        )
        if run.notes:
            self.stdout.write(f"  {run.notes}")

    def person(self, person_id: int, threshold: float) -> None:
        person = Person.objects.filter(pk=person_id).first()
        if person is None:
            raise CommandError(f"no person #{person_id}")
        started = time.perf_counter()
        found = find_matches_for([person], via=LinkageRun.Via.CLI, threshold=threshold)
        self.stdout.write(
            f"Person #{person.pk}: {len(found.candidates)} candidates at or above {threshold:g} "
            f"({found.run.new_count} new) among {found.run.record_count - 1} records scored, "
            f"in {time.perf_counter() - started:.1f} s."
        )
        if found.capped:
            self.stdout.write(f"  {found.run.notes}")
        for candidate in found.candidates:
            other = candidate.person_b_id if candidate.person_a_id == person.pk else candidate.person_a_id
            self.stdout.write(
                f"  candidate #{candidate.pk}: person #{other}, probability {candidate.probability:.3f}, "
                f"{candidate.get_status_display()}"
            )


def _dataset(reference: str) -> Dataset:
    query = Q(name=reference)
    if reference.isdigit():
        query |= Q(pk=int(reference))
    dataset = Dataset.objects.filter(query).order_by("pk").first()
    if dataset is None:
        raise CommandError(f"no dataset {reference!r}")
    return dataset
