"""The intake rules and their all-or-nothing write, below the web form."""

from unittest import mock

import pytest
from django.db import IntegrityError, transaction

from reunite.cases.intake import (
    EventEntry,
    IntakeRefused,
    NameEntry,
    PersonEntry,
    RelationEntry,
    TestimonyIntake,
    record_testimony,
)
from reunite.dates import parse
from reunite.registry.models import Event, Person, PersonName, Relationship, Source


def _intake(**changes) -> TestimonyIntake:
    intake = TestimonyIntake(
        persons=[
            PersonEntry(names=[NameEntry("Mother")]),
            PersonEntry(names=[NameEntry("Child")], birth_date=parse("2010-04-02")),
        ],
        relations=[RelationEntry(0, "parent", 1)],
        events=[EventEntry("last_contact", [1, 0], parse("2017-05-01"))],
        sought=[1],
    )
    for key, value in changes.items():
        setattr(intake, key, value)
    return intake


def _refusal(intake) -> str:
    with pytest.raises(IntakeRefused) as refused:
        record_testimony(intake)
    return str(refused.value)


def test_a_refused_testimony_leaves_no_trace(db):
    _refusal(_intake(relations=[RelationEntry(1, "parent", 1)]))
    assert not Source.objects.exists() and not Person.objects.exists()


def test_the_refusal_names_the_field(db):
    message = _refusal(_intake(events=[EventEntry("last_contact", [1, 0], parse("2009"))]))
    assert message.startswith("events.0.date:") and "before the person was born" in message


def test_an_empty_name_is_refused(db):
    assert "persons.1.names.0: a name cannot be empty" in _refusal(
        _intake(persons=[PersonEntry(names=[NameEntry("Mother")]), PersonEntry(names=[NameEntry("   ")])])
    )


def test_a_date_in_the_future_is_refused(db):
    assert "is in the future" in _refusal(_intake(events=[EventEntry("detention", [1], parse("2999"))]))


def test_a_seeker_cannot_seek_themselves(db):
    assert "the seeker cannot also be sought" in _refusal(_intake(sought=[0, 1]))


def test_a_failure_midway_rolls_back_everything_written_before_it(db):
    with (
        mock.patch.object(Event.objects, "bulk_create", side_effect=RuntimeError("disk full")),
        pytest.raises(RuntimeError),
    ):
        record_testimony(_intake())
    assert not (Source.objects.exists() or PersonName.objects.exists() or Relationship.objects.exists())


def test_the_partial_date_bounds_are_stored_for_sorting(db):
    source = record_testimony(_intake())
    event = Event.objects.get(source=source)
    assert (event.date_earliest.isoformat(), event.date_latest.isoformat()) == ("2017-05-01", "2017-05-01")


def test_a_relationship_to_oneself_is_refused_by_the_database_too(db):
    source = record_testimony(_intake())
    person = source.persons_introduced.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Relationship.objects.create(person=person, kind="parent", relative=person, source=source)
