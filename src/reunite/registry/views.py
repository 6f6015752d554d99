from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from reunite.names import Script, fold
from reunite.registry.contact import days_since, last_contacts
from reunite.registry.models import Event, EventPerson, Person, PersonName, Place, Relationship, Statement
from reunite.registry.relations import ROLE_LABELS, role_of_other

SEARCH_LIMIT = 50
SCRIPT_LABELS = {
    Script.LATIN: "Latin",
    Script.ARABIC: "Uyghur Arabic script",
    Script.CYRILLIC: "Cyrillic",
    Script.HAN: "Chinese characters",
    Script.MIXED: "Mixed scripts",
}


def timeline_of(person_ids: Iterable[int], sources: Iterable[int] = ()) -> QuerySet[Event]:
    """Events involving any of these persons or told by these sources, oldest first, undated last."""
    involving = EventPerson.objects.filter(person_id__in=list(person_ids)).values("event_id")
    return (
        Event.objects.filter(Q(pk__in=involving) | Q(source_id__in=list(sources)))
        .select_related("place", "source")
        .prefetch_related("persons__names")
    )


def person_detail(request, person_id: int):
    person = get_object_or_404(Person.objects.prefetch_related("names__source"), pk=person_id)
    last = last_contacts(person).first()
    return render(
        request,
        "registry/person_detail.html",
        {
            "person": person,
            "names_by_script": _names_by_script(person),
            "statements": Statement.objects.filter(person=person).select_related(
                "source", "birthplace", "status_place"
            ),
            "conflicts": _conflicting_fields(person),
            "family": _family(person),
            "identity_numbers": person.identity_numbers.select_related("source"),
            "timeline": timeline_of([person.pk]),
            "days": days_since(last.date if last else None, timezone.localdate()),
            "cases_as_seeker": person.cases_as_seeker.all(),
            "cases_as_sought": person.cases_as_sought.select_related("seeker").prefetch_related("seeker__names"),
        },
    )


def _names_by_script(person: Person) -> list[tuple[str, list]]:
    groups = defaultdict(list)
    for name in person.names.all():
        groups[name.script].append(name)
    return [(SCRIPT_LABELS[Script(script)], names) for script, names in groups.items()]


# What a person page compares across sources; a field with two different stated values is a conflict.
_STATED_FIELDS = ("sex", "birth_date", "birthplace_id", "ethnicity", "status", "status_place_id")


def _conflicting_fields(person: Person) -> set[str]:
    values = defaultdict(set)
    for statement in person.statements.all():
        for field in _STATED_FIELDS:
            if value := getattr(statement, field):
                values[field.removesuffix("_id")].add(value)
    return {field for field, seen in values.items() if len(seen) > 1}


def _family(person: Person) -> list[tuple[str, Person, Relationship]]:
    relationships = (
        Relationship.objects.filter(Q(person=person) | Q(relative=person))
        .select_related("person", "relative", "source")
        .prefetch_related("person__names", "relative__names")
    )
    family = []
    for relationship in relationships:
        other = relationship.relative if relationship.person_id == person.pk else relationship.person
        family.append((ROLE_LABELS[role_of_other(relationship, person.pk)], other, relationship))
    return sorted(family, key=lambda item: (str(item[0]), item[1].pk))


def _matching(needle: str) -> QuerySet[Person]:
    """Persons with a name, birthplace or present place containing `needle` (plain, folded matching)."""
    places = Place.objects.filter(folded__contains=needle).values("id")
    at_place = Statement.objects.filter(Q(birthplace__in=places) | Q(status_place__in=places))
    named = PersonName.objects.filter(folded__contains=needle)
    return Person.objects.filter(Q(pk__in=named.values("person_id")) | Q(pk__in=at_place.values("person_id")))


def search(request):
    query = request.GET.get("q", "").strip()
    persons = []
    if query:
        persons = list(
            _matching(fold(query))
            .prefetch_related("names", "statements__birthplace", "statements__status_place")
            .order_by("id")[:SEARCH_LIMIT]
        )
    return render(request, "registry/search.html", {"query": query, "persons": persons, "limit": SEARCH_LIMIT})
