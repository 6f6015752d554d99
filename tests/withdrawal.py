"""Invented testimonies for the consent-withdrawal tests, and what a source holds, to look for after. Nobody here is
real: Gulnar Tursun and her brother, the seed's Kader family."""

from __future__ import annotations

from django.db import models

from reunite.cases.intake import EventEntry, NameEntry, PersonEntry, RelationEntry, TestimonyIntake, record_testimony
from reunite.cases.models import Case
from reunite.registry.models import EventPerson, Person, Source, Statement
from reunite.registry.withdrawal import FACTS
from tests.transfer.files import resident_id

SEEKER = "Gulnar Tursun"
SOUGHT = "Ilyas Tursun"
SOUGHT_ID = resident_id("653101", "19880407", "017")
WORDS = "My brother was taken from the invented bazaar in the spring; no one has seen him since."
TAKEN_BY = "Invented volunteer Aysel"
VILLAGE = "Invented Yengisheher village"


def told(seeker: str = SEEKER, sought: str = SOUGHT, *, creator=None, **options) -> Source:
    """A sister's testimony about her brother: names, an ID number, a relationship, an event, a case."""
    intake = TestimonyIntake(
        persons=[
            PersonEntry(names=[NameEntry(seeker)], sex="F", status="abroad"),
            PersonEntry(names=[NameEntry(sought)], identity_numbers=[SOUGHT_ID], status="detained"),
        ],
        text=WORDS,
        recorded_by=TAKEN_BY,
        relations=[RelationEntry(0, "sibling", 1)],
        events=[EventEntry("detention", [1], place=VILLAGE, description="Taken at the bazaar")],
        sought=[1],
        **options,
    )
    return record_testimony(intake, creator, find_matches=False)


def person(source: Source, index: int) -> Person:
    """The source's `index`-th person (0: the seeker)."""
    return source.persons_introduced.order_by("pk")[index]


def also_named(person: Person, name: str) -> Source:
    """A second testimony (of another family) that also names an existing person and states their sex."""
    second = told("Aynur Ablet", "Memet Ablet")
    person.names.create(text=name, source=second)
    Statement.objects.create(person=person, source=second, sex="M")
    return second


def text_of(source: Source) -> str:
    """Every text column of the source's row, as stored."""
    row = Source.objects.filter(pk=source.pk).values().get()
    return " ".join(str(value) for value in row.values())


def others(source: Source) -> dict[str, list[dict]]:
    """Every row some other source states or introduced: facts, persons, cases and the other sources themselves."""
    owned: list[type[models.Model]] = [*FACTS.values(), Person, Case]
    rows = {model._meta.label: list(model.objects.exclude(source=source).order_by("pk").values()) for model in owned}
    rows["participants"] = list(EventPerson.objects.exclude(event__source=source).order_by("pk").values())
    rows["sources"] = list(Source.objects.exclude(pk=source.pk).order_by("pk").values())
    return rows
