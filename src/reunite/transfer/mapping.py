"""Mappings: which column of a list becomes which fact, read from TOML, and applied to one row at a time.

A mapping names the persons a row speaks of (by role: "victim", "testifier"), their names, ID numbers, sex, birth,
status and places; the relationships between them; the events the row states; and what the source row itself
carries (testimony text, consent). `docs/import.md` explains the format; `mappings/*.toml` are the shipped ones.

`load_mapping` refuses a mapping with everything wrong in it at once; `Mapping.check_columns` refuses one whose
columns the file lacks; `Mapping.read` turns a row into `RowFacts`, or the row's problems. Problems name the row,
the column and the reason, never the value: a cell may hold a name or an ID number.

Pure Python: never imports Django. What the registry allows (statuses, event kinds, …) comes in as `Choices`.
"""

from __future__ import annotations

import datetime
import tomllib
from collections.abc import Mapping as MappingType
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from reunite.datafiles import rows as data_rows
from reunite.dates import PartialDate, PartialDateError, parse
from reunite.ids import ResidentId, parse_resident_id

SHIPPED = "reunite.transfer"
FREE_TEXT = "free text"
DETECT = "detect"
SCRIPTS = ("Arab", "Cyrl", "Hani", "Latn")
RESIDENT_ID = "cn_ric"
# What the mapping's `person` is to its `relative` → (the registry's relationship kind, whether the relative is
# the one who holds it): "child" is stored as the relative being parent of the person.
RELATIONS: dict[str, tuple[str, bool] | None] = {
    "parent": ("parent", False),
    "child": ("parent", True),
    "spouse": ("spouse", False),
    "sibling": ("sibling", False),
    "grandparent": ("grandparent", False),
    "grandchild": ("grandparent", True),
    "guardian": ("guardian", False),
    "ward": ("guardian", True),
    "caregiver": ("caregiver", False),
    "other": None,
}
# Longest a row key may be (the registry's column).
ROW_KEY_LENGTH = 200


@dataclass(frozen=True)
class Choices:
    """What the registry accepts, as its model choices say."""

    statuses: frozenset[str]
    status_labels: MappingType[str, str]  # "at liberty" → "at_liberty"
    event_kinds: frozenset[str]
    name_kinds: frozenset[str]
    id_kinds: frozenset[str]
    sensitivities: frozenset[str]


class MappingError(Exception):
    """A mapping that cannot be used: every reason, each on its own line."""

    def __init__(self, reasons: list[str]):
        self.reasons = reasons
        super().__init__("\n".join(reasons))


@dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong with a row: where (row number, column) and why, never the value."""

    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        where = f"row {self.row}, column {self.column!r}" if self.column else f"row {self.row}"
        return f"{where}: {self.reason}"


# --------------------------------------------------------------------------------------------- the mapping


@dataclass(frozen=True, slots=True)
class Field:
    """One fact's source: a column, or a value fixed for every row; for a date its format; for a word its
    vocabulary (folded written form → meaning)."""

    column: str = ""
    value: str = ""
    format: str = ""
    values: MappingType[str, str] = field(default_factory=dict)

    def text(self, row: dict[str, str]) -> str:
        return row.get(self.column, "").strip() if self.column else self.value

    @property
    def label(self) -> str:
        return self.column or "(fixed value)"


@dataclass(frozen=True, slots=True)
class NameSpec:
    field: Field
    kind: str
    script: str  # DETECT, or the script the column is written in (used for names that mix scripts)


@dataclass(frozen=True, slots=True)
class IdSpec:
    field: Field
    kind: str


@dataclass(frozen=True)
class PersonSpec:
    role: str
    required: bool
    names: tuple[NameSpec, ...] = ()
    id_numbers: tuple[IdSpec, ...] = ()
    description: Field | None = None
    sex: Field | None = None
    birth_date: Field | None = None
    birthplace: Field | None = None
    ethnicity: Field | None = None
    status: Field | None = None
    status_place: Field | None = None
    gave_testimony: bool = False


@dataclass(frozen=True)
class RelationSpec:
    person: str
    relative: str
    field: Field


@dataclass(frozen=True)
class EventSpec:
    kind: str
    roles: tuple[str, ...]
    date: Field | None = None
    place: Field | None = None
    description: Field | None = None


@dataclass(frozen=True)
class SourceSpec:
    sensitivity: str
    text: Field | None = None
    given_on: Field | None = None
    language: Field | None = None
    recorded_by: Field | None = None
    consent: MappingType[str, bool | Field] = field(default_factory=dict)


CONSENT = (
    "may_be_named",
    "may_quote_anonymously",
    "may_share_with_partners",
    "may_share_with_governments",
    "may_contact",
)


# ------------------------------------------------------------------------------------------ what a row says


@dataclass(slots=True)
class PersonFacts:
    role: str
    names: list[tuple[str, str, str]] = field(default_factory=list)  # (text, kind, script or DETECT)
    id_numbers: list[tuple[str, str, ResidentId | None]] = field(default_factory=list)  # (as written, kind, read)
    description: str = ""
    sex: str = ""
    birth_date: PartialDate | None = None
    birthplace: str = ""
    birthplace_code: str = ""  # from the ID number, when the row names no birthplace
    ethnicity: str = ""
    status: str = ""
    status_place: str = ""

    @property
    def has_statement(self) -> bool:
        return bool(
            self.sex
            or self.birth_date
            or self.birthplace
            or self.birthplace_code
            or self.ethnicity
            or self.status
            or self.status_place
        )


@dataclass(slots=True)
class EventFacts:
    kind: str
    roles: list[str]
    date: PartialDate | None
    place: str
    description: str


@dataclass(slots=True)
class RowFacts:
    """What one row states, ready to be written: persons by role (those the row names), relationships as
    (person role, registry kind, relative role), events, the source's own fields, and warnings."""

    number: int
    key: str
    persons: dict[str, PersonFacts]
    testifier: str
    relations: list[tuple[str, str, str]]
    events: list[EventFacts]
    source: dict[str, Any]
    warnings: list[Problem]


@dataclass(frozen=True)
class Mapping:
    name: str
    description: str  # what shape of list it reads
    dataset: str
    dataset_description: str
    row_key: tuple[str, ...]  # columns; empty: rows are keyed by their number
    persons: tuple[PersonSpec, ...]
    relations: tuple[RelationSpec, ...]
    events: tuple[EventSpec, ...]
    source: SourceSpec
    sheet: str = ""

    def columns(self) -> list[str]:
        """Every column the mapping reads, in mapping order."""
        fields: list[Field] = []
        for person in self.persons:
            fields += [n.field for n in person.names] + [i.field for i in person.id_numbers]
            fields += [getattr(person, f) for f in _PERSON_FIELDS]
        fields += [r.field for r in self.relations]
        fields += [f for e in self.events for f in (e.date, e.place, e.description)]
        source = self.source
        fields += [source.text, source.given_on, source.language, source.recorded_by, *source.consent.values()]
        columns = [f.column for f in fields if isinstance(f, Field) and f.column]
        return list(dict.fromkeys([*self.row_key, *columns]))

    def check_columns(self, present: tuple[str, ...] | list[str]) -> None:
        """Refuse the mapping when the file lacks any column it reads."""
        have = set(present)
        missing = [c for c in self.columns() if c not in have]
        if missing:
            # The file's own header is not quoted: a file without one would have its first row of data there.
            raise MappingError(
                [f"the file has no column {c!r} (the mapping {self.name} reads it)" for c in missing]
                + [f"its first row, read as the header, has {len(present)} columns: is it the header?"]
            )

    def read(self, number: int, row: dict[str, str], today: datetime.date) -> RowFacts | list[Problem]:
        """What the row states, or every problem that keeps it out."""
        problems: list[Problem] = []
        warnings: list[Problem] = []  # what is kept but should be checked
        key = self._key(number, row, problems)
        persons: dict[str, PersonFacts] = {}
        for spec in self.persons:
            if (facts := _person(spec, number, row, today, problems, warnings)) is not None:
                persons[spec.role] = facts
        relations = self._relations(number, row, persons, problems)
        events = self._events(number, row, persons, today, problems)
        source = self._source(number, row, today, problems)
        if problems:
            return problems
        testifier = next((p.role for p in self.persons if p.gave_testimony and p.role in persons), "")
        return RowFacts(number, key, persons, testifier, relations, events, source, warnings)

    def _key(self, number: int, row: dict[str, str], problems: list[Problem]) -> str:
        if not self.row_key:
            return str(number)
        parts = [row.get(c, "").strip() for c in self.row_key]
        if not all(parts):
            empty = next(c for c, p in zip(self.row_key, parts, strict=True) if not p)
            problems.append(Problem(number, empty, "the row key is empty"))
        key = " | ".join(parts)
        if len(key) > ROW_KEY_LENGTH:
            problems.append(Problem(number, self.row_key[0], f"the row key is longer than {ROW_KEY_LENGTH} characters"))
        return key

    def _relations(self, number: int, row: dict[str, str], persons: dict, problems: list[Problem]) -> list:
        relations = []
        for spec in self.relations:
            written = spec.field.text(row)
            if not written or spec.person not in persons or spec.relative not in persons:
                continue
            meaning = _meaning(spec.field, written, number, "relation", problems)
            if kind := RELATIONS.get(meaning or "other"):
                model_kind, reversed_ = kind
                a, b = (spec.relative, spec.person) if reversed_ else (spec.person, spec.relative)
                relations.append((a, model_kind, b))
        return relations

    def _events(
        self, number: int, row: dict[str, str], persons: dict, today: datetime.date, problems: list[Problem]
    ) -> list[EventFacts]:
        events = []
        for spec in self.events:
            fields = [f for f in (spec.date, spec.place, spec.description) if f is not None]
            if any(f.column for f in fields) and not any(f.text(row) for f in fields if f.column):
                continue  # the row says nothing of this event
            roles = [r for r in spec.roles if r in persons]
            if not roles:
                continue
            when = _date(spec.date, number, row, today, problems) if spec.date else None
            for role in roles:
                born = persons[role].birth_date
                if when and born and when.definitely_before(born):
                    what = spec.kind.replace("_", " ")
                    problems.append(Problem(number, spec.date.label, f"the {what} is before the {role} was born"))
            place = spec.place.text(row) if spec.place else ""
            description = spec.description.text(row) if spec.description else ""
            events.append(EventFacts(spec.kind, roles, when, place, description[:500]))
        return events

    def _source(self, number: int, row: dict[str, str], today: datetime.date, problems: list[Problem]) -> dict:
        spec = self.source
        source: dict[str, Any] = {"sensitivity": spec.sensitivity}
        for name in ("text", "language", "recorded_by"):
            if (f := getattr(spec, name)) is not None:
                source[name] = f.text(row)
        source["language"] = source.get("language", "")[:16]
        source["recorded_by"] = source.get("recorded_by", "")[:200]
        source["given_on"] = _date(spec.given_on, number, row, today, problems) if spec.given_on else None
        for name, consent in spec.consent.items():
            if isinstance(consent, bool):
                source[name] = consent
            else:
                source[name] = _meaning(consent, consent.text(row), number, "yes", problems) == "yes"
        return source


_PERSON_FIELDS = ("description", "sex", "birth_date", "birthplace", "ethnicity", "status", "status_place")
# The person's fields kept as text, and the longest the registry holds (places are resolved from the text).
_TEXT_LENGTHS = {"birthplace": 200, "ethnicity": 64, "status_place": 200}


def _person(
    spec: PersonSpec,
    number: int,
    row: dict[str, str],
    today: datetime.date,
    problems: list[Problem],
    warnings: list[Problem],
) -> PersonFacts | None:
    """What the row says of one person, or None when it names them not at all (no name, number or description)."""
    facts = PersonFacts(spec.role)
    for name in spec.names:
        if text := " ".join(name.field.text(row).split()):
            facts.names.append((text[:200], name.kind, name.script))
    for number_spec in spec.id_numbers:
        if written := number_spec.field.text(row):
            facts.id_numbers.append(_id_number(written, number_spec, number, today, problems, warnings))
    facts.description = spec.description.text(row)[:200] if spec.description else ""
    if not (facts.names or facts.id_numbers or facts.description):
        if spec.required:
            columns = ", ".join(n.field.label for n in spec.names) or spec.role
            problems.append(Problem(number, columns, f"no name, ID number or description for the {spec.role}"))
        return None
    if spec.sex and (written := spec.sex.text(row)):
        facts.sex = _meaning(spec.sex, written, number, "sex", problems)
    if spec.birth_date:
        facts.birth_date = _date(spec.birth_date, number, row, today, problems)
    for name, longest in _TEXT_LENGTHS.items():
        if (f := getattr(spec, name)) is not None:
            setattr(facts, name, f.text(row)[:longest])
    if spec.status and (written := spec.status.text(row)):
        facts.status = _meaning(spec.status, written, number, "status", problems)
    _fill_from_id(facts)
    return facts


def _id_number(
    written: str, spec: IdSpec, number: int, today: datetime.date, problems: list[Problem], warnings: list[Problem]
) -> tuple[str, str, ResidentId | None]:
    if spec.kind != RESIDENT_ID:
        return written[:64], spec.kind, None
    rid = parse_resident_id(written, today)
    if rid.malformed:
        problems.append(Problem(number, spec.field.label, f"not a resident ID number: {_id_reason(rid)}"))
    elif rid.checksum_ok is False:
        warnings.append(Problem(number, spec.field.label, "the check digit is wrong: kept, and flagged"))
    return written[:64], spec.kind, rid


def _id_reason(rid: ResidentId) -> str:
    """Why a number cannot be read, without its digits: a defect naming the birth date quotes it."""
    return "; ".join("its birth date is impossible" if d.startswith("birth date") else d for d in rid.defects)


def _fill_from_id(facts: PersonFacts) -> None:
    """An empty sex, birth date or birthplace is filled from a readable resident ID number, as an intake does."""
    readable = [rid for _, _, rid in facts.id_numbers if rid is not None and not rid.malformed]
    if not readable:
        return
    rid = readable[0]
    facts.sex = facts.sex or rid.sex
    if facts.birth_date is None and rid.birth_date:
        facts.birth_date = PartialDate(rid.birth_date, rid.birth_date)
    if not facts.birthplace:
        facts.birthplace_code = rid.birthplace_code


def _meaning(spec: Field, written: str, number: int, vocabulary: str, problems: list[Problem]) -> str:
    meaning = spec.values.get(fold_word(written))
    if meaning is None:
        problems.append(
            Problem(number, spec.label, f"not a known {_VOCABULARY_NOUN[vocabulary]}: add it to the mapping's values")
        )
        return ""
    return meaning


_VOCABULARY_NOUN = {"sex": "sex", "status": "status", "relation": "relation", "yes": "yes or no"}


def _date(
    spec: Field, number: int, row: dict[str, str], today: datetime.date, problems: list[Problem]
) -> PartialDate | None:
    written = spec.text(row)
    if not written:
        return None
    try:
        when = _parse_date(written, spec.format)
    except (PartialDateError, ValueError):
        expected = f"the format {spec.format}" if spec.format else "2016, May 2017, 2016-05-12 or about 1974"
        problems.append(Problem(number, spec.label, f"not a date (expected {expected})"))
        return None
    if when.earliest > today:
        problems.append(Problem(number, spec.label, "the date is in the future"))
        return None
    return when


@lru_cache(maxsize=65536)
def _parse_date(written: str, fmt: str) -> PartialDate:
    """Dates repeat across a list: each written form is read once."""
    if not fmt:
        return parse(written)
    day = datetime.datetime.strptime(written, fmt).date()
    if _has(fmt, "dj"):
        return PartialDate(day, day)
    if _has(fmt, "mbB"):
        return PartialDate.month(day.year, day.month)
    return PartialDate.year(day.year)


def _has(fmt: str, directives: str) -> bool:
    return any(f"%{d}" in fmt for d in directives)


def fold_word(text: str) -> str:
    return " ".join(text.casefold().split())


# ------------------------------------------------------------------------------------------- reading TOML


def shipped() -> list[str]:
    """The names of the mappings that come with reunite."""
    folder = resources.files(SHIPPED).joinpath("mappings")
    return sorted(p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml"))


def mapping_text(name_or_path: str) -> tuple[str, str]:
    """(name, TOML text) of a mapping file, or of a shipped mapping named without its folder or ".toml"."""
    path = Path(name_or_path)
    if path.is_file():
        return path.stem, path.read_text(encoding="utf-8")
    if name_or_path in shipped():
        text = resources.files(SHIPPED).joinpath("mappings", f"{name_or_path}.toml").read_text(encoding="utf-8")
        return name_or_path, text
    raise MappingError(
        [f"no mapping file {name_or_path!r}, and no shipped mapping of that name (shipped: {', '.join(shipped())})"]
    )


def load_mapping(name_or_path: str, choices: Choices, dataset: str = "") -> Mapping:
    """Read and check a mapping; `dataset` names the list when the mapping does not (or to override it)."""
    return parse_mapping(*mapping_text(name_or_path), choices, dataset)


def parse_mapping(name: str, text: str, choices: Choices, dataset: str = "") -> Mapping:
    """Check a mapping given as TOML text (an uploaded one, say)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise MappingError([f"{name} is not valid TOML: {error}"]) from None
    return _Reader(name, choices).mapping(data, dataset)


_TOP = {"description", "dataset", "source", "persons", "relations", "events", "sheet"}
_DATASET = {"name", "description", "row_key", "key_by_row_number"}
_SOURCE = {"sensitivity", "text", "given_on", "language", "recorded_by", *CONSENT}
_PERSON = {"names", "id_numbers", "required", "gave_testimony", *_PERSON_FIELDS}
_RELATION = {"person", "relative", "column", "value", "values"}
_EVENT = {"kind", "persons", "date", "place", "description"}
_TEXT = {"column", "value"}
_DATE = {"column", "value", "format"}
_WORD = {"column", "value", "values"}
_NAME = {"column", "value", "kind", "script"}
_ID = {"column", "value", "kind"}


class _Reader:
    """Reads a mapping's TOML, collecting every problem before refusing it."""

    def __init__(self, name: str, choices: Choices):
        self.name, self.choices = name, choices
        self.errors: list[str] = []

    def mapping(self, data: dict, dataset: str) -> Mapping:
        self.keys(data, _TOP, "the mapping")
        ds = self.table(data.get("dataset", {}), "[dataset]", _DATASET)
        row_key = ds.get("row_key", [])
        row_key = [row_key] if isinstance(row_key, str) else row_key
        if not isinstance(row_key, list) or not all(isinstance(c, str) and c for c in row_key):
            self.error("[dataset] row_key must be a column name or a list of them")
            row_key = []
        if not row_key and ds.get("key_by_row_number") is not True:
            self.error(
                "[dataset] must say what identifies a row, so a second import finds it again: "
                "row_key = [columns], or key_by_row_number = true"
            )
        dataset = dataset or ds.get("name", "")
        if not dataset:
            self.error("no dataset name: give one with --dataset, or as [dataset] name in the mapping")
        persons = self.persons(data.get("persons", {}))
        roles = {p.role for p in persons}
        mapping = Mapping(
            name=self.name,
            description=str(data.get("description", "")),
            dataset=dataset,
            dataset_description=str(ds.get("description", "")),
            row_key=tuple(row_key),
            persons=persons,
            relations=tuple(self.relation(r, i, roles) for i, r in enumerate(self.list(data, "relations"), 1)),
            events=tuple(self.event(e, i, roles) for i, e in enumerate(self.list(data, "events"), 1)),
            source=self.source(data.get("source", {})),
            sheet=str(data.get("sheet", "")),
        )
        if self.errors:
            raise MappingError([f"mapping {self.name}: {e}" for e in self.errors])
        return mapping

    def error(self, message: str) -> None:
        self.errors.append(message)

    def keys(self, table: dict, known: set[str], where: str) -> None:
        for key in table:
            if key not in known:
                self.error(f"{where}: unknown field {key!r} (known: {', '.join(sorted(known))})")

    def table(self, value: Any, where: str, known: set[str]) -> dict:
        if not isinstance(value, dict):
            self.error(f"{where} must be a table")
            return {}
        self.keys(value, known, where)
        return value

    def list(self, data: dict, key: str) -> list[dict]:
        items = data.get(key, [])
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            self.error(f"[[{key}]] must be a list of tables")
            return []
        return items

    def persons(self, data: Any) -> tuple[PersonSpec, ...]:
        if not isinstance(data, dict) or not data:
            self.error("[persons.ROLE] must name at least one person (e.g. [persons.victim])")
            return ()
        return tuple(self.person(role, spec, i == 0) for i, (role, spec) in enumerate(data.items()))

    def person(self, role: str, data: Any, first: bool) -> PersonSpec:
        where = f"[persons.{role}]"
        data = self.table(data, where, _PERSON)
        names = tuple(self.name_spec(n, f"{where} names") for n in self.many(data.get("names", []), where, "names"))
        numbers = tuple(self.id_spec(n, f"{where} id_numbers") for n in self.many(data.get("id_numbers", []), where))
        if not names and not numbers and "description" not in data:
            self.error(f"{where} has no names, id_numbers or description: nothing would say who they are")
        status = self.word(data.get("status"), f"{where} status", "status")
        if status and status.value and status.values.get(fold_word(status.value)) is None:
            self.error(f"{where} status: {status.value!r} is not a status ({', '.join(sorted(self.choices.statuses))})")
        return PersonSpec(
            role=role,
            required=self.boolean(data.get("required", first), f"{where} required"),
            names=names,
            id_numbers=numbers,
            description=self.text(data.get("description"), f"{where} description"),
            sex=self.word(data.get("sex"), f"{where} sex", "sex"),
            birth_date=self.date(data.get("birth_date"), f"{where} birth_date"),
            birthplace=self.text(data.get("birthplace"), f"{where} birthplace"),
            ethnicity=self.text(data.get("ethnicity"), f"{where} ethnicity"),
            status=status,
            status_place=self.text(data.get("status_place"), f"{where} status_place"),
            gave_testimony=self.boolean(data.get("gave_testimony", False), f"{where} gave_testimony"),
        )

    def many(self, value: Any, where: str, key: str = "id_numbers") -> list:
        items = value if isinstance(value, list) else [value]
        if not all(isinstance(i, str | dict) for i in items):
            self.error(f"{where} {key}: each must be a column name or a table")
            return []
        return items

    def boolean(self, value: Any, where: str) -> bool:
        if not isinstance(value, bool):
            self.error(f"{where} must be true or false")
            return False
        return value

    def spec(self, value: Any, where: str, known: set[str]) -> dict | None:
        """A field's table; a bare string is its column."""
        if value is None:
            return None
        if isinstance(value, str):
            return {"column": value}
        table = self.table(value, where, known)
        if bool(table.get("column")) == ("value" in table):
            self.error(f"{where}: give either a column or a fixed value")
        for key in ("column", "value"):
            if key in table and not isinstance(table[key], str):
                self.error(f"{where} {key} must be text")
                table = {**table, key: str(table[key])}
        return table

    def text(self, value: Any, where: str) -> Field | None:
        spec = self.spec(value, where, _TEXT)
        return None if spec is None else Field(spec.get("column", ""), spec.get("value", ""))

    def date(self, value: Any, where: str) -> Field | None:
        spec = self.spec(value, where, _DATE)
        if spec is None:
            return None
        fmt = spec.get("format", FREE_TEXT)
        if not isinstance(fmt, str) or (fmt != FREE_TEXT and not _has(fmt, "yY")):
            self.error(f"{where} format must be {FREE_TEXT!r} or a strptime format with a year (%Y), e.g. %d.%m.%Y")
            fmt = FREE_TEXT
        return Field(spec.get("column", ""), spec.get("value", ""), "" if fmt == FREE_TEXT else fmt)

    def word(self, value: Any, where: str, vocabulary: str) -> Field | None:
        spec = self.spec(value, where, _WORD)
        if spec is None:
            return None
        allowed = self.allowed(vocabulary)
        values = dict(_default_values(vocabulary, allowed))
        if vocabulary == "status":
            values |= {fold_word(label): status for label, status in self.choices.status_labels.items()}
        own = spec.get("values", {})
        if not isinstance(own, dict):
            self.error(f"{where} values must be a table of written = meaning")
            own = {}
        for written, meaning in own.items():
            if meaning not in allowed:
                self.error(f"{where} values: {written!r} means {meaning!r}, not one of {', '.join(sorted(allowed))}")
            values[fold_word(written)] = meaning
        return Field(spec.get("column", ""), spec.get("value", ""), "", values)

    def allowed(self, vocabulary: str) -> frozenset[str]:
        return {
            "sex": frozenset({"F", "M"}),
            "status": self.choices.statuses,
            "relation": frozenset(RELATIONS),
            "yes": frozenset({"yes", "no"}),
        }[vocabulary]

    def name_spec(self, value: Any, where: str) -> NameSpec:
        spec = self.spec(value, where, _NAME) or {}
        kind, script = spec.get("kind", "full"), spec.get("script", DETECT)
        if kind not in self.choices.name_kinds:
            self.error(f"{where}: unknown kind {kind!r} (one of {', '.join(sorted(self.choices.name_kinds))})")
        if script not in (DETECT, *SCRIPTS):
            self.error(f"{where}: unknown script {script!r} ({DETECT!r} or one of {', '.join(SCRIPTS)})")
        return NameSpec(Field(spec.get("column", ""), spec.get("value", "")), kind, script)

    def id_spec(self, value: Any, where: str) -> IdSpec:
        spec = self.spec(value, where, _ID) or {}
        kind = spec.get("kind", RESIDENT_ID)
        if kind not in self.choices.id_kinds:
            self.error(f"{where}: unknown kind {kind!r} (one of {', '.join(sorted(self.choices.id_kinds))})")
        return IdSpec(Field(spec.get("column", ""), spec.get("value", "")), kind)

    def relation(self, data: dict, i: int, roles: set[str]) -> RelationSpec:
        where = f"[[relations]] {i}"
        self.keys(data, _RELATION, where)
        for end in ("person", "relative"):
            if data.get(end) not in roles:
                self.error(f"{where}: {end} must be one of the persons ({', '.join(sorted(roles))})")
        if data.get("person") == data.get("relative"):
            self.error(f"{where}: a person cannot be their own relative")
        word = {k: data[k] for k in ("column", "value", "values") if k in data}
        spec = self.word(word, where, "relation") or Field()
        if spec.value and spec.values.get(fold_word(spec.value)) is None:
            self.error(f"{where}: {spec.value!r} is not a relation ({', '.join(RELATIONS)})")
        return RelationSpec(str(data.get("person", "")), str(data.get("relative", "")), spec)

    def event(self, data: dict, i: int, roles: set[str]) -> EventSpec:
        where = f"[[events]] {i}"
        self.keys(data, _EVENT, where)
        kind = data.get("kind")
        if kind not in self.choices.event_kinds:
            self.error(f"{where}: kind must be one of {', '.join(sorted(self.choices.event_kinds))}")
        who = data.get("persons", [])
        if not isinstance(who, list) or not who or any(r not in roles for r in who):
            self.error(f"{where}: persons must list whom it happened to, by role ({', '.join(sorted(roles))})")
            who = []
        return EventSpec(
            kind=str(kind),
            roles=tuple(who),
            date=self.date(data.get("date"), f"{where} date"),
            place=self.text(data.get("place"), f"{where} place"),
            description=self.text(data.get("description"), f"{where} description"),
        )

    def source(self, data: Any) -> SourceSpec:
        data = self.table(data, "[source]", _SOURCE)
        sensitivity = data.get("sensitivity", "confidential")
        if sensitivity not in self.choices.sensitivities:
            self.error(f"[source] sensitivity must be one of {', '.join(sorted(self.choices.sensitivities))}")
        consent: dict[str, bool | Field] = {}
        for name in CONSENT:
            if isinstance(data.get(name), bool):
                consent[name] = data[name]
            elif name in data:
                consent[name] = self.word(data[name], f"[source] {name}", "yes") or False
        return SourceSpec(
            sensitivity=str(sensitivity),
            text=self.text(data.get("text"), "[source] text"),
            given_on=self.date(data.get("given_on"), "[source] given_on"),
            language=self.text(data.get("language"), "[source] language"),
            recorded_by=self.text(data.get("recorded_by"), "[source] recorded_by"),
            consent=consent,
        )


@cache
def _default_values(vocabulary: str, allowed: frozenset[str]) -> tuple[tuple[str, str], ...]:
    """The shipped words of a vocabulary (data/values.tsv), and its own values written as they are."""
    pairs = {fold_word(meaning): meaning for meaning in allowed}
    pairs |= {fold_word(r["written"]): r["means"] for r in data_rows(SHIPPED, "values.tsv") if r["field"] == vocabulary}
    return tuple((written, meaning) for written, meaning in pairs.items() if meaning in allowed)
