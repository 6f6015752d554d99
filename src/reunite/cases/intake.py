"""Recording a testimony: the source, the family it tells of, what happened, and the case it opens.

One entry point, `record_testimony`, used by the web form, the demo and the generator alike, so the rules
below hold however a testimony arrives. It validates everything first and writes in one transaction:
a testimony is stored whole or not at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from reunite.accounts.models import organisation_writing
from reunite.audit.models import Action
from reunite.audit.record import record, summarised
from reunite.cases.models import Application, ApplicationUpdate, Case, CaseStatusChange, SoughtPerson
from reunite.dates import PartialDate
from reunite.ids import ResidentId, parse_resident_id
from reunite.places import Place as Division
from reunite.places import gazetteer, resolve
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
    Status,
)

# Persons are referred to by their position in `TestimonyIntake.persons`; 0 is the seeker.
SEEKER = 0


@dataclass
class NameEntry:
    text: str
    kind: str = PersonName.Kind.FULL


@dataclass
class PersonEntry:
    names: list[NameEntry] = field(default_factory=list)
    description: str = ""
    sex: str = ""
    birth_date: PartialDate | None = None
    birthplace: str = ""
    ethnicity: str = ""
    status: str = ""
    status_place: str = ""
    identity_numbers: list[str] = field(default_factory=list)
    known_identity: str = ""


@dataclass
class RelationEntry:
    person: int
    kind: str
    relative: int


@dataclass
class EventEntry:
    kind: str
    persons: list[int]
    date: PartialDate | None = None
    place: str = ""
    description: str = ""


@dataclass
class ApplicationStep:
    status: str
    date: PartialDate | None = None
    note: str = ""


@dataclass
class ApplicationEntry:
    """An application and its history so far, oldest step first; its status is the last step's."""

    country: str
    authority: str
    kind: str
    filed_on: PartialDate | None = None
    steps: list[ApplicationStep] = field(default_factory=list)
    obstacles: str = ""
    applicants: list[int] = field(default_factory=list)


@dataclass
class TestimonyIntake:
    persons: list[PersonEntry]
    testifier: int | None = SEEKER
    given_on: PartialDate | None = None
    recorded_by: str = ""
    language: str = ""
    text: str = ""
    sensitivity: str = Source.Sensitivity.CONFIDENTIAL
    may_be_named: bool = False
    may_quote_anonymously: bool = False
    may_share_with_partners: bool = False
    may_share_with_governments: bool = False
    may_contact: bool = False
    relations: list[RelationEntry] = field(default_factory=list)
    events: list[EventEntry] = field(default_factory=list)
    sought: list[int] = field(default_factory=list)
    open_case: bool = True
    case_status: str = Case.Status.OPEN
    applications: list[ApplicationEntry] = field(default_factory=list)


@dataclass(frozen=True)
class Problem:
    """What is wrong and where: `where` is a path such as ("persons", 2, "birth_date")."""

    where: tuple[str | int, ...]
    message: str

    def __str__(self) -> str:
        return f"{'.'.join(map(str, self.where))}: {self.message}"


class IntakeRefused(Exception):
    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__("; ".join(map(str, self.problems)))


def check(intake: TestimonyIntake, today: PartialDate | None = None) -> list[Problem]:
    """Every rule a testimony must satisfy before anything is written."""
    today = today or _today()
    problems: list[Problem] = []
    count = len(intake.persons)
    if count == 0:
        return [Problem(("persons",), "a testimony must name at least the person who seeks")]

    def known(index: int | None) -> bool:
        return index is not None and 0 <= index < count

    for i, person in enumerate(intake.persons):
        problems += _check_person(i, person, today)
    if intake.testifier is not None and not known(intake.testifier):
        problems.append(Problem(("testifier",), "the testifier must be one of the persons in the testimony"))
    if intake.given_on and today.definitely_before(intake.given_on):
        problems.append(Problem(("given_on",), f"{intake.given_on} is in the future"))

    for r, relation in enumerate(intake.relations):
        if not (known(relation.person) and known(relation.relative)):
            problems.append(Problem(("relations", r, "relative"), "refers to a person not in the testimony"))
        elif relation.person == relation.relative:
            problems.append(Problem(("relations", r, "relative"), "a person cannot be their own relative"))
        if relation.kind not in Relationship.Kind.values:
            problems.append(Problem(("relations", r, "kind"), f"unknown relationship {relation.kind!r}"))

    for e, event in enumerate(intake.events):
        problems += _check_event(e, event, intake.persons, today)

    if intake.open_case:
        if not intake.sought:
            problems.append(Problem(("sought",), "a case needs at least one sought person"))
        if SEEKER in intake.sought:
            problems.append(Problem(("sought",), "the seeker cannot also be sought in the same case"))
        if any(not known(i) for i in intake.sought):
            problems.append(Problem(("sought",), "refers to a person not in the testimony"))
        if intake.case_status not in Case.Status.values:
            problems.append(Problem(("case_status",), f"unknown case status {intake.case_status!r}"))
    for a, application in enumerate(intake.applications):
        if any(not known(i) for i in application.applicants):
            problems.append(Problem(("applications", a, "applicants"), "refers to a person not in the testimony"))
        if application.kind not in Application.Kind.values:
            problems.append(Problem(("applications", a, "kind"), f"unknown application kind {application.kind!r}"))
        for s, step in enumerate(application.steps):
            if step.status not in Application.Status.values:
                problems.append(Problem(("applications", a, "steps", s), f"unknown status {step.status!r}"))
            if step.date and application.filed_on and step.date.definitely_before(application.filed_on):
                problems.append(Problem(("applications", a, "steps", s), "a step cannot precede the filing"))
    return problems


def _check_person(i: int, person: PersonEntry, today: PartialDate) -> list[Problem]:
    problems = []
    for n, name in enumerate(person.names):
        if not name.text.strip():
            problems.append(Problem(("persons", i, "names", n), "a name cannot be empty"))
        if name.kind not in PersonName.Kind.values:
            problems.append(Problem(("persons", i, "names", n), f"unknown name kind {name.kind!r}"))
    if not person.names and not person.description.strip():
        problems.append(
            Problem(("persons", i, "names"), "give a name, or describe the person if the testimony does not name them")
        )
    if person.birth_date and today.definitely_before(person.birth_date):
        problems.append(Problem(("persons", i, "birth_date"), f"{person.birth_date} is in the future"))
    if person.status and person.status not in Status.values:
        problems.append(Problem(("persons", i, "status"), f"unknown status {person.status!r}"))
    problems += _check_identity_numbers(i, person, today)
    return problems


def _check_identity_numbers(i: int, person: PersonEntry, today: PartialDate) -> list[Problem]:
    """A resident ID number that cannot be read (length, letters, date) is refused; a wrong check digit is not."""
    problems = []
    for n, text in enumerate(person.identity_numbers):
        rid = parse_resident_id(text, today.latest)
        if rid.malformed:
            which = f"ID number {n + 1}" if len(person.identity_numbers) > 1 else "the ID number"
            problems.append(
                Problem(("persons", i, "identity_numbers"), f"{which} is not a resident ID: {'; '.join(rid.defects)}")
            )
    return problems


def _readable_ids(person: PersonEntry) -> list[ResidentId]:
    """The person's resident ID numbers that give a birth date and sex (a wrong check digit included)."""
    return [rid for rid in map(parse_resident_id, person.identity_numbers) if not rid.malformed]


def _with_id_facts(person: PersonEntry) -> tuple[str, PartialDate | None, Division | None]:
    """The person's sex and birth date as the testimony gives them, each filled from their ID number when empty,
    and the birthplace the ID number gives when the testimony gives none."""
    readable = _readable_ids(person)
    if not readable:
        return person.sex, person.birth_date, None
    rid = readable[0]
    born = rid.birth_date
    birthplace = None if person.birthplace.strip() else _id_birthplace(rid)
    return person.sex or rid.sex, person.birth_date or (PartialDate(born, born) if born else None), birthplace


def _id_birthplace(rid: ResidentId) -> Division | None:
    return gazetteer().by_code(rid.birthplace_code) if rid.birthplace_code else None


def _birthplace_contradicts(stated: str, rid: ResidentId) -> Division | None:
    """The ID number's birthplace when the testimony's birthplace is another division, neither within the
    other (Kashgar prefecture and a county of it agree)."""
    from_id = _id_birthplace(rid)
    best = resolve(stated).best if stated.strip() else None
    if from_id is None or best is None or best.place is None:
        return None
    g = gazetteer()
    related = {from_id, *g.ancestors(from_id)} & {best.place, *g.ancestors(best.place)}
    return None if best.place in related or from_id in related else from_id


def warnings(intake: TestimonyIntake) -> list[Problem]:
    """What a recorded testimony should be checked for, without refusing it: ID numbers with a wrong check digit
    (or unknown area code), and ID numbers whose birth date or sex contradicts what the testimony says (the
    testimony's value is the one stored)."""
    found = []
    for i, person in enumerate(intake.persons):
        readable = _readable_ids(person)
        found += [
            Problem(("persons", i, "identity_numbers"), f"the ID number's {flag}")
            for rid in readable
            for flag in rid.problems
        ]
        if not readable:
            continue
        rid = readable[0]
        stated = person.birth_date
        if stated and rid.birth_date and not stated.earliest <= rid.birth_date <= stated.latest:
            found.append(
                Problem(
                    ("persons", i, "birth_date"),
                    f"the ID number gives birth date {rid.birth_date.isoformat()}, not within {stated}; "
                    "the testimony's date is kept",
                )
            )
        if contradicted := _birthplace_contradicts(person.birthplace, rid):
            found.append(
                Problem(
                    ("persons", i, "birthplace"),
                    f"the ID number gives birthplace {contradicted.label}, not {person.birthplace}; "
                    "the testimony's is kept",
                )
            )
        if person.sex and rid.sex and person.sex != rid.sex:
            says = {"F": "female", "M": "male"}
            found.append(
                Problem(
                    ("persons", i, "sex"),
                    f"the ID number says {says[rid.sex]}, the testimony {says.get(person.sex, person.sex)}; "
                    "the testimony's is kept",
                )
            )
    return found


def _check_event(e: int, event: EventEntry, persons: list[PersonEntry], today: PartialDate) -> list[Problem]:
    problems = []
    if event.kind not in Event.Kind.values:
        problems.append(Problem(("events", e, "kind"), f"unknown event {event.kind!r}"))
    if not event.persons:
        problems.append(Problem(("events", e, "persons"), "say whom this happened to"))
    for index in event.persons:
        if not 0 <= index < len(persons):
            problems.append(Problem(("events", e, "persons"), "refers to a person not in the testimony"))
            continue
        born = persons[index].birth_date
        if event.date and born and event.date.definitely_before(born):
            label = Event.Kind(event.kind).label if event.kind in Event.Kind.values else event.kind
            problems.append(
                Problem(("events", e, "date"), f"{label} on {event.date} is before the person was born ({born})")
            )
    if event.date and today.definitely_before(event.date):
        problems.append(Problem(("events", e, "date"), f"{event.date} is in the future"))
    return problems


def _today() -> PartialDate:
    today = timezone.localdate()
    return PartialDate(today, today)


def record_testimony(
    intake: TestimonyIntake, user: AbstractBaseUser | None = None, *, find_matches: bool = True
) -> Source:
    """Store a testimony whole, or raise `IntakeRefused` and store nothing.

    Once it is committed, "find matches" looks for other records of its persons (`find_matches=False` for bulk
    writers, which link everything at once with `reunite link run`).
    """
    if problems := check(intake):
        raise IntakeRefused(problems)
    with transaction.atomic():
        # One entry for the testimony, not one per row it writes.
        with summarised():
            source = _write(intake, user)
        record(Action.CREATED, source, user=user, detail=_audited(intake, source))
        if find_matches:
            # After the commit, outside its transaction, and robust (an error is logged, not raised): the testimony
            # is stored whatever matching does.
            transaction.on_commit(partial(_find_matches_after_intake, source.pk), robust=True)
    return source


def _audited(intake: TestimonyIntake, source: Source) -> dict[str, object]:
    """What the audit log keeps of a testimony: how many of each thing it tells, never a name or a word of it."""
    return {
        "sensitivity": source.sensitivity,
        "persons": len(intake.persons),
        "names": sum(len(person.names) for person in intake.persons),
        "identity_numbers": sum(len(person.identity_numbers) for person in intake.persons),
        "relationships": len(intake.relations),
        "events": len(intake.events),
        "applications": len(intake.applications),
        "case": source.cases_opened.values_list("pk", flat=True).first(),
    }


def _find_matches_after_intake(source_id: int) -> None:
    # reunite.linkage loads Splink (seconds): imported when a testimony is matched, not when the app starts.
    from reunite.review.matching import find_matches_after_intake

    find_matches_after_intake(source_id)


def _write(intake: TestimonyIntake, user: AbstractBaseUser | None) -> Source:
    creator = user if user is not None and user.is_authenticated else None
    source = Source.objects.create(
        kind=Source.Kind.TESTIMONY,
        given_on=intake.given_on,
        recorded_by=intake.recorded_by,
        language=intake.language,
        text=intake.text,
        sensitivity=intake.sensitivity,
        may_be_named=intake.may_be_named,
        may_quote_anonymously=intake.may_quote_anonymously,
        may_share_with_partners=intake.may_share_with_partners,
        may_share_with_governments=intake.may_share_with_governments,
        may_contact=intake.may_contact,
        created_by=creator,
        organisation=organisation_writing(creator),
    )
    persons = Person.objects.bulk_create(
        Person(description=p.description.strip(), source=source, known_identity=p.known_identity)
        for p in intake.persons
    )
    if intake.testifier is not None:
        source.testifier = persons[intake.testifier]
        source.save(update_fields=["testifier"])

    places = _PlaceCache()
    _write_person_facts(intake.persons, persons, source, places)
    Relationship.objects.bulk_create(
        Relationship(person=persons[r.person], kind=r.kind, relative=persons[r.relative], source=source)
        for r in intake.relations
    )
    events = Event.objects.bulk_create(
        Event(kind=e.kind, date=e.date, place=places.get(e.place), description=e.description, source=source)
        for e in intake.events
    )
    EventPerson.objects.bulk_create(
        EventPerson(event=event, person=persons[i])
        for event, entry in zip(events, intake.events, strict=True)
        for i in dict.fromkeys(entry.persons)
    )
    if intake.open_case:
        _open_case(intake, persons, source, creator)
    return source


def _write_person_facts(entries: list[PersonEntry], persons: list[Person], source: Source, places) -> None:
    names, numbers, statements = [], [], []
    for entry, person in zip(entries, persons, strict=True):
        for position, name in enumerate(entry.names):
            names.append(PersonName(person=person, text=name.text, kind=name.kind, position=position, source=source))
        numbers += [IdentityNumber(person=person, value=v.strip(), source=source) for v in entry.identity_numbers]
        sex, birth_date, id_birthplace = _with_id_facts(entry)
        birthplace = places.division(id_birthplace) if id_birthplace else places.get(entry.birthplace)
        if sex or birth_date or birthplace or entry.ethnicity or entry.status or entry.status_place:
            statements.append(
                Statement(
                    person=person,
                    source=source,
                    sex=sex,
                    birth_date=birth_date,
                    birthplace=birthplace,
                    ethnicity=entry.ethnicity,
                    status=entry.status,
                    status_place=places.get(entry.status_place),
                )
            )
    for name in names:
        name.derive()
    PersonName.objects.bulk_create(names)
    NameKey.objects.bulk_create([row for name in names for row in name.key_rows()])
    for number in numbers:
        number.derive()
    IdentityNumber.objects.bulk_create(numbers)
    Statement.objects.bulk_create(statements)


def _open_case(intake: TestimonyIntake, persons: list[Person], source: Source, creator) -> Case:
    case = Case.objects.create(seeker=persons[SEEKER], status=intake.case_status, source=source, created_by=creator)
    SoughtPerson.objects.bulk_create(SoughtPerson(case=case, person=persons[i]) for i in dict.fromkeys(intake.sought))
    CaseStatusChange.objects.create(
        case=case, status=case.status, reason="Case opened from a testimony", changed_by=creator
    )
    for entry in intake.applications:
        application = Application.objects.create(
            case=case,
            country=entry.country.upper(),
            authority=entry.authority,
            kind=entry.kind,
            status=entry.steps[-1].status if entry.steps else Application.Status.PREPARING,
            filed_on=entry.filed_on,
            obstacles=entry.obstacles,
            source=source,
        )
        application.applicants.set([persons[i] for i in entry.applicants])
        ApplicationUpdate.objects.bulk_create(
            ApplicationUpdate(application=application, date=s.date, status=s.status, note=s.note, recorded_by=creator)
            for s in entry.steps
        )
    return case


class _PlaceCache:
    """Places named in one testimony, looked up once each."""

    def __init__(self) -> None:
        self._seen: dict[str, Place | None] = {}

    def division(self, division: Division) -> Place:
        return Place.objects.division(division)

    def get(self, text: str) -> Place | None:
        if text not in self._seen:
            self._seen[text] = Place.objects.named(text)
        return self._seen[text]
