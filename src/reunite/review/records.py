"""Registry persons as linkage records (`reunite.linkage.PersonRecord`), a batch at a time in a few queries.

What one person's record holds, from every source that speaks of them:
- names: every name in position order (the primary form first), except names of the kind "father's name",
  which are the father's given name and so go with the father's names;
- sex, birth and birthplace from the statements: the first stated sex, the most precise birth date, the most
  precise birthplace (a county before a prefecture before a place as written);
- the resident ID number, one whose check digit is right first;
- the father's and mother's names from parent relationships, the parent's sex read from its statements
  (a parent of unknown sex is left out: a relationship says "parent", not which).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice

from reunite.dates import PartialDate
from reunite.linkage import PersonRecord
from reunite.registry.models import IdentityNumber, Person, PersonName, Place, Relationship, Source, Statement

# Persons per round of queries: a whole run reads the registry in slices of this many.
BATCH = 2000
TESTIMONY = "testimony"
# The lower, the more a stated birthplace says.
_PLACE_PRECISION = {
    Place.Level.COUNTY: 0,
    Place.Level.PREFECTURE: 1,
    Place.Level.WRITTEN: 2,
    Place.Level.REGION: 3,
    Place.Level.COUNTRY: 4,
}
# A resident ID with a right check digit first, then one without a check to make, then a wrong one.
_CHECKSUM_ORDER = {True: 0, None: 1, False: 2}

Names = dict[int, list[tuple[str, str]]]  # person -> (text, kind) in position order


def source_label(kind: str, dataset_id: int | None) -> str:
    """Where a person was recorded, as linkage groups records: "dataset:<id>" for a list row, else testimony."""
    return f"dataset:{dataset_id}" if kind == Source.Kind.LIST_ROW and dataset_id else TESTIMONY


def person_records(person_ids: Iterable[int]) -> list[PersonRecord]:
    """The records of these persons, in the order given; ids of no person are skipped."""
    return list(iter_person_records(person_ids))


def iter_person_records(person_ids: Iterable[int]) -> Iterator[PersonRecord]:
    ids = iter(person_ids)
    while batch := list(islice(ids, BATCH)):
        yield from _records(batch)


def _records(ids: list[int]) -> Iterator[PersonRecord]:
    persons = {
        pk: (truth, kind, dataset_id)
        for pk, truth, kind, dataset_id in Person.objects.filter(pk__in=ids).values_list(
            "pk", "known_identity", "source__kind", "source__dataset_id"
        )
    }
    parents: dict[int, list[int]] = defaultdict(list)
    for child, parent in Relationship.objects.filter(relative_id__in=ids, kind=Relationship.Kind.PARENT).values_list(
        "relative_id", "person_id"
    ):
        parents[child].append(parent)
    parent_ids = {parent for found in parents.values() for parent in found}
    names = _names({*ids, *parent_ids})
    parent_sex = {pk: sex for pk, (sex, _, _) in _statements(parent_ids).items()}
    statements = _statements(ids)
    numbers = _id_numbers(ids)
    for pk in ids:
        if pk not in persons:
            continue
        truth, kind, dataset_id = persons[pk]
        sex, birth, birthplace = statements.get(pk, ("", None, None))
        fathers = [parent for parent in parents[pk] if parent_sex.get(parent) == Statement.Sex.MALE]
        mothers = [parent for parent in parents[pk] if parent_sex.get(parent) == Statement.Sex.FEMALE]
        own_names = names.get(pk, [])
        yield PersonRecord(
            record_id=str(pk),
            source=source_label(kind, dataset_id),
            names=tuple(text for text, kind in own_names if kind != PersonName.Kind.FATHER),
            sex=sex,
            birth=birth,
            birthplace=birthplace,
            id_number=numbers.get(pk),
            father_names=_parent_names(fathers, names)
            + tuple(text for text, kind in own_names if kind == PersonName.Kind.FATHER),
            mother_names=_parent_names(mothers, names),
            truth=truth,
        )


def _names(ids: set[int]) -> Names:
    found: Names = defaultdict(list)
    rows = PersonName.objects.filter(person_id__in=ids).order_by("person_id", "position", "id")
    for pk, text, kind in rows.values_list("person_id", "text", "kind"):
        found[pk].append((text, kind))
    return found


def _parent_names(parents: list[int], names: Names) -> tuple[str, ...]:
    """A parent's own names: their "father's name" entries name the grandfather, so they are left out."""
    return tuple(text for parent in parents for text, kind in names.get(parent, ()) if kind != PersonName.Kind.FATHER)


def _statements(ids: Iterable[int]) -> dict[int, tuple[str, str | None, str | None]]:
    """Person -> (sex, birth as canonical text, birthplace as text), each the best any statement gives."""
    sexes: dict[int, str] = {}
    births: dict[int, PartialDate] = {}
    places: dict[int, tuple[int, str]] = {}
    rows = Statement.objects.filter(person_id__in=list(ids)).select_related("birthplace__parent").order_by("id")
    for statement in rows:
        pk = statement.person_id
        if statement.sex and pk not in sexes:
            sexes[pk] = statement.sex
        born = statement.birth_date
        if born and (pk not in births or _span(born) < _span(births[pk])):
            births[pk] = born
        if place := statement.birthplace:
            precision = _PLACE_PRECISION.get(place.level, len(_PLACE_PRECISION))
            if pk not in places or precision < places[pk][0]:
                places[pk] = (precision, str(place))
    return {
        pk: (sexes.get(pk, ""), str(births[pk]) if pk in births else None, places[pk][1] if pk in places else None)
        for pk in {*sexes, *births, *places}
    }


def _span(born: PartialDate) -> int:
    return (born.latest - born.earliest).days


def _id_numbers(ids: list[int]) -> dict[int, str]:
    """Person -> one resident ID number, normalised when it can be (a wrong check digit is still a clue)."""
    found: dict[int, tuple[int, str]] = {}
    rows = IdentityNumber.objects.filter(person_id__in=ids, kind=IdentityNumber.Kind.CN_RESIDENT).order_by("id")
    for pk, value, normalised, checksum_ok in rows.values_list("person_id", "value", "normalised", "checksum_ok"):
        rank = _CHECKSUM_ORDER[checksum_ok]
        if pk not in found or rank < found[pk][0]:
            found[pk] = (rank, normalised or value)
    return {pk: number for pk, (_, number) in found.items()}
