"""Writing checked rows into the registry, fast enough for a million rows in minutes.

Two steps. `Preparer` turns what a row states (`RowFacts`) into the values of its database rows, all but ids and
places, as the rows are read. `Writer` then writes a batch in one transaction: it looks up which rows are new,
changed or unchanged, gives ids, resolves places, and inserts with multi-row INSERT statements built from the
models' own tables and columns (`insert`), not one model instance per fact. What a model's `save` or `derive`
computes is computed the same way here (scripts, folded forms, name keys, ID numbers, date bounds).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, NamedTuple

from django.db import connection, models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

from reunite.accounts.models import Organisation
from reunite.audit.record import record_import
from reunite.dates import PartialDate
from reunite.names import Script, detect_script, fold
from reunite.places import gazetteer
from reunite.registry.models import (
    Dataset,
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
    name_key_rows,
)
from reunite.registry.withdrawal import WITHDRAWN_KEY_PREFIX, withdrawn_row_keys
from reunite.transfer.mapping import CONSENT, DETECT, PersonFacts, RowFacts

# Rows one INSERT statement carries at most: past a few hundred, longer statements save nothing, and cost memory
# in the database's cache of compiled statements.
ROWS_PER_STATEMENT = 512
# PostgreSQL's limit of parameters in one statement.
POSTGRES_PARAMETERS = 65535
# Distinct place texts remembered; a list with more distinct addresses resolves the others again.
PLACE_CACHE = 100_000
# The columns of a source after its ids and version, in the order `Preparer` gives them.
SOURCE_COLUMNS = ("sensitivity", "text", "language", "recorded_by", "given_on", "given_on_earliest", "given_on_latest")
SOURCE_COLUMNS += CONSENT
NO_DATE = ("", None, None)
# The raw values `Writer._latest` gives a row whose witness withdrew consent: never equal to a row read, never
# written again (`registry.withdrawal`).
WITHDRAWN = object()


class PersonRow(NamedTuple):
    description: str
    names: list[tuple[str, str, str, str, tuple]]  # (text, script, kind, folded, (position, key, block) of each key)
    numbers: list[tuple[str, str, str, bool | None]]  # (kind, as written, normalised, check digit right)
    # (sex, birth date's three columns, ethnicity, status), and the place texts or code it names
    statement: tuple | None
    birthplace: str = ""
    birthplace_code: str = ""
    status_place: str = ""


class EventRow(NamedTuple):
    values: tuple  # (kind, date's three columns, description)
    place: str
    persons: tuple[int, ...]  # indexes into the row's persons


class PreparedRow(NamedTuple):
    key: str
    raw: dict[str, str]  # as read: compared with the stored version, stored when it differs
    source: tuple  # SOURCE_COLUMNS
    persons: list[PersonRow]
    testifier: int | None  # index into persons
    relations: list[tuple[int, str, int]]  # (person index, kind, relative index)
    events: list[EventRow]


class Preparer:
    """Makes rows ready for the database, in the form its date columns take."""

    def __init__(self, db: BaseDatabaseWrapper):
        self.adapt_date = db.ops.adapt_datefield_value
        self.dates: dict[PartialDate, tuple] = {}

    def __call__(self, facts: RowFacts, raw: dict[str, str]) -> PreparedRow:
        roles = list(facts.persons)
        index = {role: i for i, role in enumerate(roles)}
        source = facts.source
        return PreparedRow(
            key=facts.key,
            raw=raw,
            source=(
                source["sensitivity"],
                source.get("text", ""),
                source["language"],
                source["recorded_by"],
                *self.date(source["given_on"]),
                *(source.get(name, False) for name in CONSENT),
            ),
            persons=[self.person(facts.persons[role]) for role in roles],
            testifier=index.get(facts.testifier),
            relations=[(index[a], kind, index[b]) for a, kind, b in dict.fromkeys(facts.relations)],
            events=[
                EventRow(
                    (event.kind, *self.date(event.date), event.description),
                    event.place,
                    tuple(index[role] for role in dict.fromkeys(event.roles)),
                )
                for event in facts.events
            ],
        )

    def person(self, facts: PersonFacts) -> PersonRow:
        names = []
        for text, kind, declared in facts.names:
            script, folded = derived(text, declared)
            names.append((text, script, kind, folded, key_parts(text)))
        numbers = [
            # As `IdentityNumber.derive` does: a resident ID's normalised form and check digit, else neither.
            (kind, written, *((rid.number, rid.checksum_ok) if rid is not None else ("", None)))
            for written, kind, rid in facts.id_numbers
        ]
        statement = None
        if facts.has_statement:
            statement = (facts.sex, *self.date(facts.birth_date), facts.ethnicity, facts.status)
        return PersonRow(
            description=facts.description,
            names=names,
            numbers=numbers,
            statement=statement,
            birthplace=facts.birthplace,
            birthplace_code=facts.birthplace_code,
            status_place=facts.status_place,
        )

    def date(self, value: PartialDate | None) -> tuple:
        """A partial date as its three columns: canonical text and the two bounds, as `PartialDateField` writes."""
        if value is None:
            return NO_DATE
        if value not in self.dates:
            self.dates[value] = (str(value), self.adapt_date(value.earliest), self.adapt_date(value.latest))
        return self.dates[value]


@lru_cache(maxsize=65536)
def derived(text: str, declared: str) -> tuple[str, str]:
    """A name's script and folded form, as `PersonName.derive` computes them; a declared script is kept for a
    name whose letters are in several scripts."""
    script = detect_script(text)
    if script == Script.MIXED and declared != DETECT:
        script = Script(declared)
    return script.value, fold(text)


@lru_cache(maxsize=65536)
def key_parts(text: str) -> tuple[tuple[int, str, str], ...]:
    """(position, key, block) of each stored key of a name, by the registry's own rule (`name_key_rows`)."""
    return tuple(name_key_rows(_Name(text), lambda name_id, person_id, position, key, block: (position, key, block)))


@dataclass(frozen=True)
class _Name:
    """The little of a name `name_key_rows` reads; the ids are filled in per row."""

    text: str
    pk: int = 0
    person_id: int = 0


@dataclass
class Written:
    """What one batch did."""

    imported: int = 0
    new_versions: int = 0
    unchanged: int = 0
    withdrawn: int = 0
    persons: list[int] = field(default_factory=list)


class Writer:
    """Writes batches of prepared rows, each in one transaction, into one dataset."""

    def __init__(self, dataset: str, description: str, user_id: int | None, organisation: Organisation, dry_run: bool):
        self.name, self.description, self.user_id, self.dry_run = dataset, description, user_id, dry_run
        self.organisation = organisation
        self.dataset: Dataset | None = Dataset.objects.filter(name=dataset, organisation=organisation).first()
        # A list that held no rows when the import began holds none of this file's keys but those the import wrote,
        # and the file's keys are unique: its batches need no look-up of earlier versions.
        self.fresh = self.dataset is None or not Source.objects.filter(dataset=self.dataset).exists()
        self.places = _Places()

    def write(self, batch: list[PreparedRow]) -> Written:
        written = Written()
        latest = {} if self.fresh else self._latest([row.key for row in batch])
        stored: list[tuple[PreparedRow, int]] = []  # (row, version)
        for row in batch:
            version, raw = latest.get(row.key, (0, None))
            if raw is WITHDRAWN:
                written.withdrawn += 1
                continue
            if raw == row.raw:
                written.unchanged += 1
                continue
            stored.append((row, version + 1))
            if version:
                written.new_versions += 1
            else:
                written.imported += 1
        if stored and not self.dry_run:
            with transaction.atomic():
                if self.dataset is None:
                    self.dataset = Dataset.objects.create(
                        name=self.name, description=self.description, organisation=self.organisation
                    )
                written.persons = self._write(stored)
        return written

    def _latest(self, keys: list[str]) -> dict[str, tuple[int, Any]]:
        """The latest stored version of each row key, and its raw values (`WITHDRAWN` for a row a version of which
        was withdrawn), in one query."""
        latest: dict[str, tuple[int, Any]] = {}
        rows = Source.objects.filter(dataset=self.dataset, row_key__in=keys).values_list("row_key", "version", "raw")
        for key, version, raw in rows:
            if version > latest.get(key, (0, None))[0]:
                latest[key] = (version, raw)
        if withdrawn := self._withdrawn_keys:
            for key in keys:
                if any(digest in withdrawn for digest in withdrawn_row_keys(self.dataset.pk, key)):
                    latest[key] = (latest.get(key, (0, None))[0], WITHDRAWN)
        return latest

    @cached_property
    def _withdrawn_keys(self) -> set[str]:
        """The keys, as digests (`withdrawn_row_keys`), of the list's rows whose consent was withdrawn: few."""
        stored = Source.objects.filter(dataset=self.dataset, row_key__startswith=WITHDRAWN_KEY_PREFIX)
        return set(stored.values_list("row_key", flat=True))

    def _write(self, stored: list[tuple[PreparedRow, int]]) -> list[int]:
        """Write the rows' sources and facts; returns the new persons' ids."""
        now = Source._meta.get_field("created_at").get_db_prep_save(timezone.now(), connection)
        raw = Source._meta.get_field("raw")
        dataset = self.dataset.pk
        source_ids = insert(
            Source,
            ("organisation", "kind", "dataset", "row_key", "version", "raw", "created_at", "created_by")
            + SOURCE_COLUMNS,
            [
                (self.organisation.pk, Source.Kind.LIST_ROW, dataset, row.key, version)
                + (raw.get_db_prep_save(row.raw, connection), now, self.user_id, *row.source)
                for row, version in stored
            ],
            returning=True,
        )
        persons = [
            (source, person) for (row, _), source in zip(stored, source_ids, strict=True) for person in row.persons
        ]
        person_ids = insert(
            Person,
            ("description", "source", "known_identity", "created_at"),
            [(person.description, source, "", now) for source, person in persons],
            returning=True,
        )
        # Each row's persons, by their index in the row.
        ids_of: list[list[int]] = []
        position = 0
        for row, _ in stored:
            ids_of.append(person_ids[position : position + len(row.persons)])
            position += len(row.persons)
        rows = list(zip([row for row, _ in stored], source_ids, ids_of, strict=True))
        self._testifiers(rows)
        self._person_facts(persons, person_ids)
        insert(
            Relationship,
            ("person", "kind", "relative", "source"),
            [(ids[a], kind, ids[b], source) for row, source, ids in rows for a, kind, b in row.relations],
        )
        self._events(rows)
        record_import(self.dataset, source_ids, person_ids, self.user_id)
        return person_ids

    def _testifiers(self, rows: list[tuple[PreparedRow, int, list[int]]]) -> None:
        pairs = [(ids[row.testifier], source) for row, source, ids in rows if row.testifier is not None]
        if pairs:
            table, testifier, pk = _table(Source), _column(Source, "testifier"), _column(Source, "id")
            with connection.cursor() as cursor:
                # Names from our model's metadata, quoted; the values are parameters.
                cursor.executemany(f"UPDATE {table} SET {testifier} = %s WHERE {pk} = %s", pairs)  # nosec B608

    def _person_facts(self, persons: list[tuple[int, PersonRow]], person_ids: list[int]) -> None:
        names, numbers, statements = [], [], []
        for (source, person), pk in zip(persons, person_ids, strict=True):
            for position, (text, script, kind, folded, _) in enumerate(person.names):
                names.append((pk, text, script, kind, folded, position, source))
            numbers += [(pk, *number, source) for number in person.numbers]
            if person.statement is not None:
                sex, *born, ethnicity, status = person.statement
                birthplace = (
                    self.places.named(person.birthplace)
                    if person.birthplace
                    else self.places.division(person.birthplace_code)
                )
                where = self.places.named(person.status_place)
                statements.append((pk, source, sex, *born, birthplace, ethnicity, status, where))
        fields = ("person", "text", "script", "kind", "folded", "position", "source")
        name_ids = insert(PersonName, fields, names, returning=True)
        owners = [(pk, name[4]) for (_, person), pk in zip(persons, person_ids, strict=True) for name in person.names]
        keys = [
            (name_id, pk, position, key, block)
            for name_id, (pk, parts) in zip(name_ids, owners, strict=True)
            for position, key, block in parts
        ]
        insert(NameKey, ("name", "person", "position", "key", "block"), keys)
        insert(IdentityNumber, ("person", "kind", "value", "normalised", "checksum_ok", "source"), numbers)
        fields = ("person", "source", "sex", "birth_date", "birth_date_earliest", "birth_date_latest", "birthplace")
        insert(Statement, (*fields, "ethnicity", "status", "status_place"), statements)

    def _events(self, rows: list[tuple[PreparedRow, int, list[int]]]) -> None:
        events, who = [], []
        for row, source, ids in rows:
            for event in row.events:
                kind, *date, description = event.values
                events.append((kind, *date, self.places.named(event.place), description, source))
                who.append([ids[i] for i in event.persons])
        fields = ("kind", "date", "date_earliest", "date_latest", "place", "description", "source")
        event_ids = insert(Event, fields, events, returning=True)
        links = [(event, person) for event, persons in zip(event_ids, who, strict=True) for person in persons]
        insert(EventPerson, ("event", "person"), links)


class _Places:
    """The registry's place for each place text and ID-number area code, looked up (or created) once each."""

    def __init__(self) -> None:
        self._named: dict[str, int | None] = {}
        self._codes: dict[str, int | None] = {}

    def named(self, text: str) -> int | None:
        if not text:
            return None
        if text not in self._named:
            if len(self._named) >= PLACE_CACHE:
                self._named.clear()
            place = Place.objects.named(text)
            self._named[text] = place.pk if place else None
        return self._named[text]

    def division(self, code: str) -> int | None:
        if not code:
            return None
        if code not in self._codes:
            division = gazetteer().by_code(code)
            self._codes[code] = Place.objects.division(division).pk if division else None
        return self._codes[code]


def insert(model: type[models.Model], fields: Sequence[str], rows: list[tuple], returning: bool = False) -> list[int]:
    """Insert rows (values as the database takes them, in `fields` order) many per statement; with `returning`, the
    new ids in the rows' order (as `bulk_create` relies on too)."""
    if not rows:
        return []
    columns = ", ".join(_column(model, f) for f in fields)
    returned = f" RETURNING {_column(model, 'id')}" if returning else ""
    one = f"({', '.join(['%s'] * len(fields))})"
    largest = min(ROWS_PER_STATEMENT, 1 << ((_parameter_limit() // len(fields)).bit_length() - 1))
    ids: list[int] = []
    with connection.cursor() as cursor:
        for chunk in _runs(rows, largest):
            # Table and column names from our models' metadata, quoted; every value is a %s parameter.
            sql = f"INSERT INTO {_table(model)} ({columns}) VALUES {', '.join([one] * len(chunk))}{returned}"  # nosec B608
            cursor.execute(sql, [value for row in chunk for value in row])
            if returning:
                ids += [row[0] for row in cursor.fetchall()]
    return ids


def _runs(rows: list[tuple], largest: int) -> Iterator[list[tuple]]:
    """Rows cut into runs whose lengths are powers of two, at most `largest`: each length is one statement text, so
    a few statements per table serve every batch, and the database keeps them compiled instead of compiling (and
    caching) one for every batch's remainder."""
    start = 0
    while start < len(rows):
        size = min(largest, 1 << ((len(rows) - start).bit_length() - 1))
        yield rows[start : start + size]
        start += size


def _parameter_limit() -> int:
    """How many parameters one statement may take: SQLite's own limit (Django assumes the old 999; the SQLCipher
    backend reads it from the build), PostgreSQL's."""
    if connection.vendor == "sqlite":
        return connection.variable_limit()
    return connection.features.max_query_params or POSTGRES_PARAMETERS


def _table(model: type[models.Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _column(model: type[models.Model], name: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(name).column)
