from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from django.contrib.auth.decorators import permission_required
from django.db.models import Count, Prefetch, Q, QuerySet, prefetch_related_objects
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from reunite.accounts.roles import READ_RECORDS
from reunite.audit.record import record_list, record_view
from reunite.ids import ResidentId, parse_resident_id
from reunite.names import Name, Script, compare, fold, parse_name, to_arabic
from reunite.places.resolve import MATCHED, resolve
from reunite.registry.contact import days_since, last_contacts
from reunite.registry.disclosure import readable_persons, readable_sources
from reunite.registry.models import (
    Event,
    EventPerson,
    IdentityNumber,
    NameKey,
    Person,
    PersonName,
    Place,
    Relationship,
    Source,
    Statement,
)
from reunite.registry.relations import ROLE_LABELS, role_of_other

SEARCH_LIMIT = 50
# Persons scored per query: the best placed by shared keys (`NameKey`); a name scoring below the floor is not shown.
SEARCH_CANDIDATES = 300
SEARCH_FLOOR = 0.5
SCRIPT_LABELS = {
    Script.LATIN: "Latin",
    Script.ARABIC: "Uyghur Arabic script",
    Script.CYRILLIC: "Cyrillic",
    Script.HAN: "Chinese characters",
    Script.MIXED: "Mixed scripts",
}


def timeline_of(person_ids: Iterable[int], readable: QuerySet[Source], sources: Iterable[int] = ()) -> QuerySet[Event]:
    """Events involving any of these persons or told by these sources, as far as the `readable` sources tell them,
    oldest first, undated last."""
    involving = EventPerson.objects.filter(person_id__in=list(person_ids)).values("event_id")
    return (
        Event.objects.filter(Q(pk__in=involving) | Q(source_id__in=list(sources)), source__in=readable)
        .select_related("place", "source")
        .prefetch_related("persons__names")
    )


@permission_required(READ_RECORDS, raise_exception=True)
def person_detail(request, person_id: int):
    readable = readable_sources(request.user)
    person = get_object_or_404(readable_persons(request.user).prefetch_related(*readable_facts(readable)), pk=person_id)
    record_view(request, person)
    last = last_contacts(person).filter(source__in=readable).first()
    return render(
        request,
        "registry/person_detail.html",
        {
            "person": person,
            "names_by_script": names_by_script(person),
            "readings": _readings(person),
            "statements": person.statements.all(),
            "conflicts": _conflicting_fields(person),
            "family": _family(person, readable),
            "identity_numbers": identity_numbers(person),
            "timeline": timeline_of([person.pk], readable),
            "days": days_since(last.date if last else None, timezone.localdate()),
            "cases_as_seeker": person.cases_as_seeker.filter(source__in=readable),
            "cases_as_sought": person.cases_as_sought.filter(source__in=readable)
            .select_related("seeker")
            .prefetch_related("seeker__names"),
        },
    )


@dataclass
class IdSays:
    """An identity number as stored, what a resident ID number tells (None for other kinds), and which of
    "birth_date", "sex" it tells differently from what some source states."""

    number: IdentityNumber
    says: ResidentId | None
    contradicts: set[str]


def readable_facts(readable: QuerySet[Source], prefix: str = "") -> list[Prefetch]:
    """Prefetches of a person's names, statements and ID numbers as far as the `readable` sources state them."""
    return [
        Prefetch(f"{prefix}names", PersonName.objects.filter(source__in=readable).select_related("source")),
        Prefetch(
            f"{prefix}statements",
            Statement.objects.filter(source__in=readable).select_related("source", "birthplace", "status_place"),
        ),
        Prefetch(
            f"{prefix}identity_numbers",
            IdentityNumber.objects.filter(source__in=readable).select_related("source").order_by("id"),
        ),
    ]


def identity_numbers(person: Person) -> list[IdSays]:
    stated = [(statement.sex, statement.birth_date) for statement in person.statements.all()]
    found = []
    for number in person.identity_numbers.all():
        if number.kind != IdentityNumber.Kind.CN_RESIDENT:
            found.append(IdSays(number, None, set()))
            continue
        rid = parse_resident_id(number.value)
        contradicts = set()
        if rid.birth_date and any(born and not born.earliest <= rid.birth_date <= born.latest for _, born in stated):
            contradicts.add("birth_date")
        if rid.sex and any(sex and sex != rid.sex for sex, _ in stated):
            contradicts.add("sex")
        found.append(IdSays(number, rid, contradicts))
    return found


def names_by_script(person: Person) -> list[tuple[str, list]]:
    groups = defaultdict(list)
    for name in person.names.all():
        groups[name.script].append(name)
    return [(SCRIPT_LABELS[Script(script)], names) for script, names in groups.items()]


def _readings(person: Person) -> list[tuple[str, str]]:
    """Each distinct way the person's names read in Uyghur Latin, with its Uyghur Arabic-script form."""
    readings = dict.fromkeys(parse_name(name.text).reading for name in person.names.all())
    return [(uly, to_arabic(uly)) for uly in readings if uly]


# What a person page compares across sources; a field with two different stated values is a conflict.
_STATED_FIELDS = ("sex", "birth_date", "birthplace_id", "ethnicity", "status", "status_place_id")


def _conflicting_fields(person: Person) -> set[str]:
    values = defaultdict(set)
    for statement in person.statements.all():
        for field in _STATED_FIELDS:
            if value := getattr(statement, field):
                values[field.removesuffix("_id")].add(value)
    return {field for field, seen in values.items() if len(seen) > 1}


def _family(person: Person, readable: QuerySet[Source]) -> list[tuple[str, Person, Relationship]]:
    relationships = (
        Relationship.objects.filter(Q(person=person) | Q(relative=person), source__in=readable)
        .select_related("person", "relative", "source")
        .prefetch_related("person__names", "relative__names")
    )
    family = []
    for relationship in relationships:
        other = relationship.relative if relationship.person_id == person.pk else relationship.person
        family.append((ROLE_LABELS[role_of_other(relationship, person.pk)], other, relationship))
    return sorted(family, key=lambda item: (str(item[0]), item[1].pk))


@dataclass
class Found:
    """One search result: the person, and how the query matched them (a name and its score, or a place)."""

    person: Person
    score: float | None = None
    name_id: int | None = None

    @property
    def percent(self) -> int:
        return round((self.score or 0) * 100)

    @cached_property
    def name(self) -> PersonName | None:
        """The name that matched, from the person's prefetched names."""
        return next((name for name in self.person.names.all() if name.pk == self.name_id), None)


def _candidates(query: Name, visible: QuerySet[Person]) -> list[int]:
    """Visible persons filed under any of the query's blocking keys, most keys shared first, then most exact keys."""
    blocks = {block for part in query.parts for block in part.blocks}
    keys = {part.key for part in query.parts}
    ranked = (
        NameKey.objects.filter(block__in=blocks, person__in=visible)
        .values("person_id")
        .annotate(
            blocks_hit=Count("block", distinct=True), keys_hit=Count("key", distinct=True, filter=Q(key__in=keys))
        )
        .order_by("-blocks_hit", "-keys_hit", "person_id")
    )
    return [row["person_id"] for row in ranked[:SEARCH_CANDIDATES]]


def _by_name(query: Name, limit: int, readable: QuerySet[Source]) -> list[Found]:
    """The best `limit` visible persons one of whose readable names compares with the query at `SEARCH_FLOOR` or
    above."""
    best: dict[int, tuple[float, int]] = {}  # person → their best name's score and id
    visible = Person.objects.filter(source__in=readable)
    names = PersonName.objects.filter(person_id__in=_candidates(query, visible), source__in=readable).values_list(
        "person_id", "id", "text"
    )
    for person_id, name_id, text in names:  # in position order: of two names scoring alike, the first wins
        score = compare(query, text).score
        if score >= SEARCH_FLOOR and score > best.get(person_id, (0.0,))[0]:
            best[person_id] = (score, name_id)
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))[:limit]
    persons = Person.objects.in_bulk([person_id for person_id, _ in ranked])
    return [Found(persons[person_id], score, name_id) for person_id, (score, name_id) in ranked]


def _at_places(query: str, excluded: list[int], limit: int, readable: QuerySet[Source]) -> list[Found]:
    """Persons born or now at the place the query names (any spelling the gazetteer knows, or the text as
    written), or at a place within it, oldest record first."""
    resolution = resolve(query)
    codes = [c.place.code for c in resolution.candidates if c.place and c.score >= MATCHED]
    places = Place.objects.filter(
        Q(folded__contains=fold(query)) | Q(code__in=codes) | Q(parent__code__in=codes)
    ).values("id")
    at_place = Statement.objects.filter(Q(birthplace__in=places) | Q(status_place__in=places), source__in=readable)
    persons = Person.objects.filter(pk__in=at_place.values("person_id"), source__in=readable).exclude(pk__in=excluded)
    return [Found(person) for person in persons.order_by("id")[:limit]]


@permission_required(READ_RECORDS, raise_exception=True)
def search(request):
    query = request.GET.get("q", "").strip()
    readable = readable_sources(request.user)
    found: list[Found] = []
    name = parse_name(query)
    if name.parts:  # no letters, nothing to look for
        found = _by_name(name, SEARCH_LIMIT, readable)
        if len(found) < SEARCH_LIMIT:
            found += _at_places(query, [hit.person.pk for hit in found], SEARCH_LIMIT - len(found), readable)
        prefetch_related_objects([hit.person for hit in found], *readable_facts(readable))
        record_list(request, Person, [hit.person.pk for hit in found])
    return render(request, "registry/search.html", {"query": query, "found": found, "limit": SEARCH_LIMIT})
