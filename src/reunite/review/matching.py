"""Finding candidates for review: "find matches" for a few persons, and whole runs over the registry.

Find matches does not build records for every person: it first selects, from the registry's search keys, the
persons the queries could plausibly be, and lets the linkage model score only those:
- persons sharing a blocking key with any part of a query's names (as search does);
- persons whose own father's-name part shares a blocking key with the given name of a query's father (a Uyghur
  name's second part is the father's given name, so a child a testimony does not name is found through the
  father), and, the other way round, persons whose father's given name shares one with a query's own
  father's-name part;
- persons sharing a resident ID number with a query.
Persons of a query's own source are left out (a testimony tells of distinct people), and at most
`CANDIDATE_CAP` are scored, those sharing most keys first.

What is found at or above the threshold is stored as `MatchCandidate`s; a pair found again takes the new scores
and keeps its decisions.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from reunite.audit.models import Action
from reunite.audit.record import record, summarised
from reunite.linkage import Pair, Run, TrainedModel, features, find_matches, one_to_one
from reunite.linkage.engines import DEFAULT as DEFAULT_ENGINE
from reunite.registry.models import (
    Dataset,
    IdentityNumber,
    NameKey,
    Person,
    PersonName,
    Relationship,
    Source,
    Statement,
)
from reunite.review.models import LinkageRun, MatchCandidate
from reunite.review.records import iter_person_records, person_records
from reunite.review.store import LINK_AND_DEDUPE, NoModel, load_model

logger = logging.getLogger(__name__)

# Low on purpose: a child known only by its father's name and a birth range never scores high, and the mother
# wants to see every child the testimony cannot rule out, ranked.
FIND_THRESHOLD = 0.02
RUN_THRESHOLD = 0.5
CANDIDATE_CAP = 5000
# A shared ID number outranks any count of shared name keys when the cap has to choose.
_ID_NUMBER_HITS = 1000
_WRITE_BATCH = 500

# Which stored name keys belong to which part: a name's first part is the given name and its second the father's
# given name, except in a name of the kind "father's name", whose only part is the father's given name.
GIVEN_PART = Q(position=0) & ~Q(name__kind=PersonName.Kind.FATHER)
OWN_FATHER_PART = (Q(position=1) & ~Q(name__kind__in=[PersonName.Kind.GIVEN, PersonName.Kind.FATHER])) | Q(
    position=0, name__kind=PersonName.Kind.FATHER
)


@dataclass(frozen=True)
class Selection:
    person_ids: list[int]
    capped: bool


@dataclass(frozen=True)
class Found:
    """What one "find matches" stored: its run, and the candidates at or above the threshold, best first."""

    run: LinkageRun
    candidates: list[MatchCandidate]
    capped: bool


def select_candidates(queries: Sequence[Person], cap: int = CANDIDATE_CAP) -> Selection:
    """The persons worth scoring against these queries (see the module's docstring), most keys shared first."""
    query_ids = [person.pk for person in queries]
    sources = {person.source_id for person in queries}
    # Candidates come from the queries' own organisations: no record is compared with another organisation's.
    organisations = Source.objects.filter(pk__in=sources).values("organisation_id")
    others = NameKey.objects.filter(person__source__organisation_id__in=organisations).exclude(
        person__source_id__in=sources
    )
    own = NameKey.objects.filter(person_id__in=query_ids)
    fathers = Relationship.objects.filter(kind=Relationship.Kind.PARENT, relative_id__in=query_ids).exclude(
        person__statements__sex=Statement.Sex.FEMALE
    )
    fathers_given = NameKey.objects.filter(GIVEN_PART, person_id__in=fathers.values("person_id"))
    named_after_fathers = others.filter(OWN_FATHER_PART, block__in=fathers_given.values("block"))
    namesakes_of_own_father = others.filter(GIVEN_PART, block__in=own.filter(OWN_FATHER_PART).values("block"))
    children_of_namesakes = (
        Relationship.objects.filter(
            kind=Relationship.Kind.PARENT, person_id__in=namesakes_of_own_father.values("person_id")
        )
        .filter(relative__source__organisation_id__in=organisations)
        .exclude(relative__source_id__in=sources)
    )
    # (candidate rows, what a candidate's hits count): shared name keys, or namesake fathers
    tallies = [
        (others.filter(block__in=own.values("block")).values(candidate=F("person_id")), "block"),
        (named_after_fathers.values(candidate=F("person_id")), "block"),
        (children_of_namesakes.values(candidate=F("relative_id")), "person_id"),
    ]
    hits: Counter[int] = Counter()
    capped = False
    for rows, counted in tallies:
        ranked = {
            row["candidate"]: row["hits"]
            for row in rows.annotate(hits=Count(counted, distinct=True)).order_by("-hits", "candidate")[:cap]
        }
        capped |= len(ranked) == cap
        hits.update(ranked)
    hits.update(dict.fromkeys(_sharing_id_numbers(query_ids, sources, organisations), _ID_NUMBER_HITS))
    ordered = sorted(hits, key=lambda pk: (-hits[pk], pk))
    return Selection(ordered[:cap], capped or len(ordered) > cap)


def _sharing_id_numbers(query_ids: list[int], sources: set[int], organisations: QuerySet) -> set[int]:
    numbers = IdentityNumber.objects.filter(person_id__in=query_ids)
    normalised = [n for n in numbers.values_list("normalised", flat=True) if n]
    written = list(numbers.values_list("value", flat=True))
    if not written:
        return set()
    sharing = IdentityNumber.objects.filter(
        Q(normalised__in=normalised) | Q(value__in=written), person__source__organisation_id__in=organisations
    )
    return set(sharing.exclude(person__source_id__in=sources).values_list("person_id", flat=True))


def find_matches_for(
    queries: Sequence[Person],
    *,
    via: str,
    user: AbstractBaseUser | None = None,
    threshold: float = FIND_THRESHOLD,
) -> Found:
    """Score the selected candidates of these persons and store those at or above the threshold.

    Raises `NoModel` when no model is trained yet.
    """
    model = load_model()
    run = _started(LinkageRun.Kind.FIND, via, user, DEFAULT_ENGINE, threshold, model)
    selection = select_candidates(queries)
    query_ids = {str(person.pk) for person in queries}
    rows = features(person_records([person.pk for person in queries] + selection.person_ids))
    pairs = find_matches(
        model,
        [row for row in rows if row["unique_id"] in query_ids],
        [row for row in rows if row["unique_id"] not in query_ids],
        threshold=threshold,
    )
    origin_of = _origins(Person.objects.filter(pk__in=[*(person.pk for person in queries), *selection.person_ids]))
    capped = f"candidates capped at {CANDIDATE_CAP}: those sharing most name keys were scored"
    notes = [capped] if selection.capped else []
    with transaction.atomic(), summarised():
        run.save()
        run.queries.set(queries)
        stored, new = store_pairs(run, pairs, origin_of)
        _finished(run, len(rows), len(stored), new, notes)
    return Found(run, sorted(stored, key=lambda c: (-c.probability, c.pk)), selection.capped)


def find_matches_after_intake(source_id: int) -> None:
    """Find matches for the persons a testimony introduced, once it is committed. Never raises: the testimony is
    stored whatever happens here, and a failure is logged with ids only."""
    try:
        persons = list(Person.objects.filter(source_id=source_id).select_related("source__created_by"))
        if persons:
            find_matches_for(persons, via=LinkageRun.Via.INTAKE, user=persons[0].source.created_by)
    except NoModel:
        logger.info("find matches after the intake of source %s skipped: no linkage model", source_id)
    except Exception as error:  # whatever linkage raises, the intake has succeeded
        # The exception's type only: its text may quote the data.
        logger.warning("find matches after the intake of source %s failed: %s", source_id, type(error).__name__)


def link_all(
    *,
    threshold: float = RUN_THRESHOLD,
    engine: str = DEFAULT_ENGINE,
    datasets: Sequence[Dataset] = (),
    one_match_each: bool = False,
    user: AbstractBaseUser | None = None,
) -> LinkageRun:
    """A whole run: every person against every other (testimonies and lists, and duplicates within each), or the
    persons of two datasets against each other; with `one_match_each` (two datasets that each list a person once),
    each person keeps only its most probable candidate not taken by a more probable pair. Raises `NoModel` when no
    model is trained yet."""
    model = load_model()
    run = _started(LinkageRun.Kind.RUN, LinkageRun.Via.CLI, user, engine, threshold, model)
    persons = Person.objects.order_by("pk")
    if datasets:
        persons = persons.filter(source__dataset__in=datasets)
        run.datasets = [dataset.pk for dataset in datasets]
    origin_of = _origins(persons)
    rows = features(iter_person_records(list(origin_of)))
    notes = []
    present = {row["source"] for row in rows}
    if len(rows) < 2 or (datasets and len(present) < len(datasets)):
        # Splink would deduplicate the one list present instead of linking two: nothing to link.
        pairs = []
        notes.append(f"nothing to link: {len(rows)} records from {len(present)} sources")
    else:
        link_type = "link_only" if datasets else LINK_AND_DEDUPE
        linked = dataclasses.replace(model, splink={**model.splink, "link_type": link_type})
        pairs = Run(linked, rows, engine=engine, explain=True).predict(threshold)
        if datasets and one_match_each:
            pairs = one_to_one(pairs)
            notes.append("one match each: a candidate taken by a more probable pair was left out")
    with transaction.atomic(), summarised():
        run.save()
        stored, new = store_pairs(run, pairs, origin_of)
        _finished(run, len(rows), len(stored), new, notes)
    return run


def _origins(persons: QuerySet[Person]) -> dict[int, tuple[int, int]]:
    """Each person's source and the organisation holding it."""
    rows = persons.values_list("pk", "source_id", "source__organisation_id")
    return {pk: (source, organisation) for pk, source, organisation in rows}


def _started(
    kind: str, via: str, user: AbstractBaseUser | None, engine: str, threshold: float, model: TrainedModel
) -> LinkageRun:
    return LinkageRun(
        kind=kind,
        via=via,
        started_by=user if user is not None and user.is_authenticated else None,
        engine=engine,
        threshold=threshold,
        model_trained_on=model.trained_on,
        model_record_count=model.record_count,
    )


def _finished(run: LinkageRun, records: int, candidates: int, new: int, notes: list[str]) -> None:
    """Complete the run's row, and record the run in the audit log: one entry for it and the candidates it stored."""
    run.finished_at = timezone.now()
    run.record_count, run.candidate_count, run.new_count = records, candidates, new
    run.notes = "\n".join(notes)
    run.save()
    detail = {"kind": run.kind, "via": run.via, "engine": run.engine, "threshold": run.threshold}
    detail |= {"records": records, "candidates": candidates, "new": new, "datasets": run.datasets}
    if run.kind == LinkageRun.Kind.FIND:
        detail["persons"] = sorted(run.queries.values_list("pk", flat=True))
    record(Action.LINKED, run, user=run.started_by, detail=detail)


_SCORES = ["probability", "match_weight", "explanation", "last_run", "last_seen"]


def store_pairs(
    run: LinkageRun, pairs: Iterable[Pair], origin_of: dict[int, tuple[int, int]]
) -> tuple[list[MatchCandidate], int]:
    """Store scored pairs as candidates of this run: new ones created, known ones rescored (decisions kept).

    `origin_of` gives each person's source and organisation. Pairs of persons one source introduced are dropped (a
    testimony does not tell of one person twice), and so are pairs across organisations (neither may see the
    other's records). Returns the candidates stored and how many of them are new.
    """
    best: dict[tuple[int, int], Pair] = {}
    for pair in pairs:
        a, b = sorted((int(pair.record_id_l), int(pair.record_id_r)))
        (source_a, organisation_a), (source_b, organisation_b) = origin_of[a], origin_of[b]
        if source_a == source_b or organisation_a != organisation_b:
            continue
        if (a, b) not in best or pair.match_probability > best[a, b].match_probability:
            best[a, b] = pair
    now = timezone.now()
    stored: list[MatchCandidate] = []
    new = 0
    keys = list(best)
    for start in range(0, len(keys), _WRITE_BATCH):
        chunk = keys[start : start + _WRITE_BATCH]
        known = MatchCandidate.objects.filter(
            person_a_id__in={a for a, _ in chunk}, person_b_id__in={b for _, b in chunk}
        )
        existing = {(c.person_a_id, c.person_b_id): c for c in known}
        created, updated = [], []
        for key in chunk:
            pair = best[key]
            candidate = existing.get(key) or MatchCandidate(
                person_a_id=key[0], person_b_id=key[1], first_run=run, first_seen=now
            )
            candidate.probability, candidate.match_weight = pair.match_probability, pair.match_weight
            candidate.explanation = [[f.comparison, f.level, f.weight] for f in pair.fields]
            candidate.last_run, candidate.last_seen = run, now
            (updated if candidate.pk else created).append(candidate)
        MatchCandidate.objects.bulk_update(updated, _SCORES)
        stored += updated + MatchCandidate.objects.bulk_create(created)
        new += len(created)
    return stored, new
