"""Invented persons, candidates and a snapshot of the registry, for the review tests."""

from django.apps import apps

from reunite.cases.intake import NameEntry, PersonEntry, RelationEntry, TestimonyIntake, record_testimony
from reunite.dates import parse
from reunite.registry.models import Dataset, Person, PersonName, Source, Statement
from reunite.review.models import LinkageRun, MatchCandidate

# What the model says of a pair, as a run stores it: [comparison, level, weight in bits].
EXPLANATION = [
    ["given", "same key", 6.1],
    ["father", "same key", 5.2],
    ["birth", "same exact date", 7.9],
    ["sex", "same", 0.9],
    ["birthplace", "different", -3.4],
]


def adil(name: str = "Adil Niyaz", **facts) -> PersonEntry:
    """An invented man, the same in every testimony that tells of him unless told otherwise."""
    facts = {"sex": "M", "birth_date": parse("1979-06-11"), "birthplace": "Hotan", **facts}
    return PersonEntry(names=[NameEntry(name)], **facts)


def tell(*persons: PersonEntry, relations: list[RelationEntry] = ()) -> list[Person]:
    """Record a testimony (no case) telling of these persons; returns them in order."""
    source = record_testimony(TestimonyIntake(persons=list(persons), relations=list(relations), open_case=False))
    return list(source.persons_introduced.order_by("id"))


def list_row(dataset: Dataset, row: str, name: str, **facts) -> Person:
    """A person recorded from one row of an imported list."""
    source = Source.objects.create(kind=Source.Kind.LIST_ROW, dataset=dataset, row_key=row)
    person = Person.objects.create(source=source)
    PersonName.objects.create(person=person, text=name, source=source)
    Statement.objects.create(person=person, source=source, **facts)
    return person


def candidate(a: Person, b: Person, probability: float = 0.9, explanation=EXPLANATION) -> MatchCandidate:
    run = LinkageRun.objects.create(
        kind=LinkageRun.Kind.RUN,
        via=LinkageRun.Via.CLI,
        engine="duckdb",
        threshold=0.5,
        model_trained_on="2021-03-19",
        model_record_count=17000,
    )
    first, second = sorted((a, b), key=lambda person: person.pk)
    return MatchCandidate.objects.create(
        person_a=first,
        person_b=second,
        probability=probability,
        match_weight=sum(weight for _, _, weight in explanation) - 13,
        explanation=explanation,
        first_run=run,
        last_run=run,
    )


def registry_snapshot() -> dict[str, list[dict]]:
    """Every row of the registry and the cases, field by field."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for label in ("registry", "cases")
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    }
