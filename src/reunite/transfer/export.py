"""Taking data out of reunite: persons, cases, events and sources as CSV, JSON or XLSX, with a manifest; every
export is recorded (`transfer.models.Export`).

    export = export_data(user, audience=Audience.PARTNERS, tables=("persons", "events"), fmt="xlsx",
                         output=Path("for-partners.xlsx"), filters={"dataset": "Example list", "since": "2024-01-01"})

What leaves is decided by `registry.disclosure`, never here: the sources the user's role may take out to the
audience (`disclosed_sources`), and of each, which parts (`disclosure`). A fact (a name, an ID number, a statement,
a relationship, an event, a case) leaves only with its own source; a person appears when a disclosed source says
anything of them. Free text written from a testimony (a person's or an event's description, case and application
notes, who recorded the testimony) may name anyone, in the testimony or not: it leaves as the testimony's words do.

The tables are read a chunk at a time (`CHUNK` rows, their facts fetched together), so memory does not grow with
the registry. Nothing here logs or prints a value.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import operator
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from functools import reduce
from importlib.metadata import version
from pathlib import Path
from typing import IO, Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.crypto import salted_hmac
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from reunite.accounts.models import organisation_of
from reunite.accounts.roles import Role, role_of
from reunite.cases.models import Application, ApplicationUpdate, Case, CaseStatusChange, SoughtPerson
from reunite.dates import PartialDate
from reunite.registry.disclosure import Audience, Disclosure, disclosed_sources, disclosure
from reunite.registry.models import (
    Dataset,
    Event,
    EventPerson,
    IdentityNumber,
    Person,
    PersonName,
    Place,
    Relationship,
    Source,
    Statement,
)
from reunite.transfer.mapping import CONSENT
from reunite.transfer.models import Export

TABLES = ("persons", "cases", "events", "sources")
# Written with the sources: the lists their rows belong to.
DATASETS = "datasets"
FORMATS = ("csv", "json", "xlsx")
# What a reader (and `restore`) checks before reading on; the version changes when a table's shape does.
FORMAT_NAME = "reunite export"
FORMAT_VERSION = 1
FILTERS = ("dataset", "since", "until", "case_status")
CHUNK = 2000
# Excel refuses a cell longer than this; a longer text is cut, with a note (the JSON export keeps it whole).
XLSX_CELL = 32767
XLSX_CUT = " [cut: longer than a spreadsheet cell holds; the JSON export has it whole]"
MANIFEST_FILE = "manifest.json"
ROW_KEY_SALT = "reunite.transfer.export.row_key"


@dataclass(frozen=True)
class Filters:
    """Which sources an export takes (by dataset, by when they were recorded) and which cases (by status)."""

    datasets: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    case_statuses: tuple[str, ...] = ()

    @classmethod
    def read(cls, given: Mapping[str, Any] | None) -> Filters:
        """Filters from `dataset` (a name or names), `since` and `until` (dates, or ISO text) and `case_status` (a
        status or statuses); empty values are no filter. Raises ValueError saying what is wrong."""
        given = {key: value for key, value in (given or {}).items() if value not in (None, "", [], ())}
        if unknown := sorted(set(given) - set(FILTERS)):
            raise ValueError(f"unknown filter {', '.join(unknown)}: the filters are {', '.join(FILTERS)}")
        filters = cls(
            datasets=_words(given.get("dataset")),
            since=_day(given.get("since")),
            until=_day(given.get("until")),
            case_statuses=_words(given.get("case_status")),
        )
        if unknown := sorted(set(filters.case_statuses) - set(Case.Status.values)):
            raise ValueError(f"unknown case status {', '.join(unknown)}: one of {', '.join(Case.Status.values)}")
        known = set(Dataset.objects.filter(name__in=filters.datasets).values_list("name", flat=True))
        if missing := [name for name in filters.datasets if name not in known]:
            raise ValueError(f"no dataset named {', '.join(map(repr, missing))}")
        if filters.since and filters.until and filters.since > filters.until:
            raise ValueError("since is after until")
        return filters

    def sources(self, sources: QuerySet[Source]) -> QuerySet[Source]:
        if self.datasets:
            sources = sources.filter(dataset__name__in=self.datasets)
        if self.since:
            sources = sources.filter(created_at__date__gte=self.since)
        if self.until:
            sources = sources.filter(created_at__date__lte=self.until)
        return sources

    def cases(self, cases: QuerySet[Case]) -> QuerySet[Case]:
        return cases.filter(status__in=self.case_statuses) if self.case_statuses else cases

    def as_json(self) -> dict[str, Any]:
        """The filters given, as the manifest and the export's record keep them."""
        kept = {
            "dataset": list(self.datasets),
            "since": self.since and self.since.isoformat(),
            "until": self.until and self.until.isoformat(),
            "case_status": list(self.case_statuses),
        }
        return {key: value for key, value in kept.items() if value}


def _words(value: Any) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(word for word in value or () if word)


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    return date.fromisoformat(str(value))


def export_data(
    user: AbstractBaseUser,
    *,
    audience: Audience | str = Audience.TEAM,
    tables: Sequence[str] = TABLES,
    fmt: str = "csv",
    output: Path | str,
    filters: Mapping[str, Any] | None = None,
) -> Export:
    """Write the tables to `output` and record the export; returns the record, with the manifest it wrote as its
    (unsaved) `manifest` attribute.

    `output` is a file for JSON and XLSX; for CSV a `.zip`, or a directory (created if need be) that receives one
    file per table and `manifest.json`. Raises `NotAllowed` for a role that may take no records out, and ValueError
    for an unknown table, format, audience or filter.
    """
    audience = Audience(audience)
    tables = _tables(tables)
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    output = Path(output)
    if fmt == "csv" and output.suffix.lower() == ".csv":
        raise ValueError("a CSV export is a file per table: give a directory or a .zip")
    parsed = Filters.read(filters)
    role = role_of(user)
    disclosed = parsed.sources(disclosed_sources(user, audience))  # raises NotAllowed before anything is written
    writer = _WRITERS[fmt](output)
    try:
        counts = _write(writer, _Rows(disclosed, audience, parsed), tables)
        asked = parsed.sources(Source.objects.filter(organisation=organisation_of(user)))
        withheld = _withheld(disclosed, asked, audience, role.value)
        manifest = _manifest(user, role, audience, tables, counts, parsed, withheld)
        export = Export.objects.create(
            created_by=user,
            role=role.value,
            audience=audience.value,
            format=fmt,
            tables=list(tables),
            filters=parsed.as_json(),
            counts=counts,
            sha256=writer.finish(manifest),
        )
    except BaseException:
        # Whatever stopped it (an error, Ctrl-C): no file is left that the record of exports does not know of.
        writer.discard()
        raise
    export.manifest = manifest
    return export


def _write(writer: _Writer, rows: _Rows, tables: Sequence[str]) -> dict[str, int]:
    """Write each table; returns how many rows each had (the datasets come with the sources)."""
    counts = {}
    for table in tables:
        counts[table] = writer.table(table, COLUMNS[table], getattr(rows, table)())
        if table == "sources":
            counts[DATASETS] = writer.table(DATASETS, COLUMNS[DATASETS], rows.datasets())
    return counts


def _manifest(
    user: AbstractBaseUser,
    role: Role,
    audience: Audience,
    tables: Sequence[str],
    counts: dict[str, int],
    filters: Filters,
    withheld: list[str],
) -> dict[str, Any]:
    """What, when, by whom, for whom, filtered how, and what was kept back: counts and words, never a name."""
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "reunite_version": version("reunite"),
        "created_at": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "created_by": {"username": user.get_username(), "role": role.value},
        "audience": audience.value,
        "tables": list(tables),
        "counts": counts,
        "filters": filters.as_json(),
        "withheld": withheld,
    }


def _tables(tables: Sequence[str]) -> tuple[str, ...]:
    """The tables asked for, in the order of `TABLES`, so that every export of them has one shape."""
    if isinstance(tables, str):
        tables = [tables]
    if unknown := sorted(set(tables) - set(TABLES)):
        raise ValueError(f"unknown table {', '.join(unknown)}: the tables are {', '.join(TABLES)}")
    if not tables:
        raise ValueError(f"no table asked for: the tables are {', '.join(TABLES)}")
    return tuple(table for table in TABLES if table in tables)


def _withheld(disclosed: QuerySet[Source], asked: QuerySet[Source], audience: Audience, role: str) -> list[str]:
    """What the manifest says was kept back: counts of sources, never what they hold."""
    names = words = raw = 0
    for source in disclosed.defer("text", "raw").iterator(chunk_size=CHUNK):
        parts = disclosure(source, audience)
        names += not parts.names
        words += not parts.testimony
        raw += not parts.raw and source.kind == Source.Kind.LIST_ROW
    notes = []
    if left_out := asked.count() - disclosed.count():
        notes.append(
            f"{_sources(left_out)} left out: more sensitive than the {role} role may take out, or without consent "
            f"to go to {audience.value}"
        )
    if names:
        notes.append(f"names and ID numbers withheld for {_sources(names)} without consent to be named")
    if words:
        notes.append(
            "testimony text, free-text descriptions and notes, and who recorded the testimony withheld for "
            f"{_sources(words)}"
        )
    if raw:
        notes.append(f"the imported row as it was, and its row key, withheld for {raw} list row{'s' * (raw != 1)}")
    return notes


def _sources(count: int) -> str:
    return f"{count} source{'s' * (count != 1)}"


# ------------------------------------------------------------------------------------------------- rows


COLUMNS = {
    "persons": ("id", "source", "description", "names", "statements", "id_numbers", "relationships"),
    "cases": ("id", "source", "seeker", "sought", "status", "status_reason", "opened_at", "status_changes")
    + ("applications",),
    "events": ("id", "kind", "date", "place", "description", "persons", "source"),
    "sources": ("id", "kind", "dataset", "row_key", "version", "created_at", "given_on", "language", "recorded_by")
    + ("sensitivity", *CONSENT, "testifier", "text", "raw", "withheld"),
    DATASETS: ("name", "description", "created_at"),
}


class _Rows:
    """Each table's rows, as dicts whose keys are its `COLUMNS` (nested lists and dicts for repeated facts)."""

    def __init__(self, disclosed: QuerySet[Source], audience: Audience, filters: Filters):
        self.disclosed, self.audience, self.filters = disclosed, audience, filters
        self.ids = disclosed.values("pk")
        self.applications = Application.objects.filter(case__source__in=self.ids).filter(
            Q(source=None) | self.stated_by_disclosed()
        )

    def stated_by_disclosed(self) -> Exists:
        """A row's source is disclosed, asked row by row: the facts of a chunk's persons are then found from the
        persons (`source__in` made SQLite read every disclosed source's facts for each chunk)."""
        return Exists(self.disclosed.filter(pk=OuterRef("source")))

    def parts(self, fact: Any) -> Disclosure:
        return disclosure(fact.source, self.audience)

    def persons(self) -> Iterator[dict[str, Any]]:
        disclosed = self.stated_by_disclosed()
        facts = (
            Prefetch("names", _with_source(PersonName.objects.filter(disclosed))),
            Prefetch("identity_numbers", _with_source(IdentityNumber.objects.filter(disclosed).order_by("pk"))),
            Prefetch(
                "statements",
                _with_source(Statement.objects.filter(disclosed)).select_related(
                    "birthplace__parent", "status_place__parent"
                ),
            ),
            Prefetch("relationships", _with_source(Relationship.objects.filter(disclosed).order_by("pk"))),
        )
        persons = _with_source(self._mentioned()).annotate(introduced=disclosed).order_by("pk").prefetch_related(*facts)
        for person in persons.iterator(chunk_size=CHUNK):
            yield self._person(person)

    def _mentioned(self) -> QuerySet[Person]:
        """Everyone a disclosed source says anything of: whom it introduced, named, described, related, or made
        part of an event, a case or an application."""
        ids = self.ids
        mentions = (
            PersonName.objects.filter(source__in=ids).values("person"),
            IdentityNumber.objects.filter(source__in=ids).values("person"),
            Statement.objects.filter(source__in=ids).values("person"),
            Relationship.objects.filter(source__in=ids).values("person"),
            Relationship.objects.filter(source__in=ids).values("relative"),
            EventPerson.objects.filter(event__source__in=ids).values("person"),
            self.disclosed.values("testifier"),
            Case.objects.filter(source__in=ids).values("seeker"),
            SoughtPerson.objects.filter(case__source__in=ids).values("person"),
            Application.applicants.through.objects.filter(application__in=self.applications).values("person"),
        )
        return Person.objects.filter(reduce(operator.or_, (Q(pk__in=m) for m in mentions), Q(source__in=ids)))

    def _person(self, person: Person) -> dict[str, Any]:
        introduced = self.parts(person) if person.introduced else None
        return {
            "id": person.pk,
            "source": person.source_id if introduced else None,
            "description": person.description if introduced and introduced.notes else None,
            "names": [
                {"text": n.text, "script": n.script, "kind": n.kind, "position": n.position, "source": n.source_id}
                for n in person.names.all()
                if self.parts(n).names
            ],
            "statements": [
                {
                    "source": s.source_id,
                    "sex": s.sex,
                    "birth_date": _date(s.birth_date),
                    "birthplace": _place(s.birthplace),
                    "ethnicity": s.ethnicity,
                    "status": s.status,
                    "status_place": _place(s.status_place),
                }
                for s in person.statements.all()
            ],
            "id_numbers": [
                {"kind": i.kind, "value": i.value, "source": i.source_id}
                for i in person.identity_numbers.all()
                if self.parts(i).names
            ],
            "relationships": [
                {"kind": r.kind, "relative": r.relative_id, "source": r.source_id} for r in person.relationships.all()
            ],
        }

    def events(self) -> Iterator[dict[str, Any]]:
        events = (
            _with_source(Event.objects.filter(source__in=self.ids))
            .select_related("place__parent")
            .order_by("pk")
            .prefetch_related(Prefetch("eventperson_set", EventPerson.objects.order_by("pk")))
        )
        for event in events.iterator(chunk_size=CHUNK):
            yield {
                "id": event.pk,
                "kind": event.kind,
                "date": _date(event.date),
                "place": _place(event.place),
                "description": event.description if self.parts(event).notes else None,
                "persons": [link.person_id for link in event.eventperson_set.all()],
                "source": event.source_id,
            }

    def cases(self) -> Iterator[dict[str, Any]]:
        applications = self.applications.order_by("pk").prefetch_related(
            Prefetch("applicants", Person.objects.only("pk")),
            Prefetch("updates", ApplicationUpdate.objects.order_by("pk")),
        )
        cases = (
            _with_source(self.filters.cases(Case.objects.filter(source__in=self.ids)))
            .order_by("pk")
            .prefetch_related(
                Prefetch("sought_persons", SoughtPerson.objects.order_by("pk")),
                Prefetch("status_changes", CaseStatusChange.objects.order_by("pk")),
                Prefetch("applications", applications),
            )
        )
        for case in cases.iterator(chunk_size=CHUNK):
            yield self._case(case, notes=self.parts(case).notes)

    @staticmethod
    def _case(case: Case, notes: bool) -> dict[str, Any]:
        def note(text: str) -> str | None:
            return text if notes else None

        return {
            "id": case.pk,
            "source": case.source_id,
            "seeker": case.seeker_id,
            "sought": [sought.person_id for sought in case.sought_persons.all()],
            "status": case.status,
            "status_reason": note(case.status_reason),
            "opened_at": _moment(case.opened_at),
            "status_changes": [
                {"status": c.status, "reason": note(c.reason), "changed_at": _moment(c.changed_at)}
                for c in case.status_changes.all()
            ],
            "applications": [
                {
                    "country": a.country,
                    "authority": a.authority,
                    "kind": a.kind,
                    "status": a.status,
                    "filed_on": _date(a.filed_on),
                    "obstacles": note(a.obstacles),
                    "source": a.source_id,
                    "applicants": sorted(p.pk for p in a.applicants.all()),
                    "steps": [
                        {
                            "date": _date(u.date),
                            "status": u.status,
                            "note": note(u.note),
                            "recorded_at": _moment(u.recorded_at),
                        }
                        for u in a.updates.all()
                    ],
                }
                for a in case.applications.all()
            ],
        }

    def sources(self) -> Iterator[dict[str, Any]]:
        for source in self.disclosed.select_related("dataset").order_by("pk").iterator(chunk_size=CHUNK):
            parts = disclosure(source, self.audience)
            withheld = [part.name for part in fields(parts) if not getattr(parts, part.name)]
            yield {
                "id": source.pk,
                "kind": source.kind,
                "dataset": source.dataset.name if source.dataset else None,
                "row_key": _row_key(source, parts),
                "version": source.version,
                "created_at": _moment(source.created_at),
                "given_on": _date(source.given_on),
                "language": source.language,
                "recorded_by": source.recorded_by if parts.notes else None,
                "sensitivity": source.sensitivity,
                **{consent: getattr(source, consent) for consent in CONSENT},
                "testifier": source.testifier_id,
                "text": source.text if parts.testimony else None,
                "raw": source.raw if parts.raw else None,
                "withheld": withheld,
            }

    def datasets(self) -> Iterator[dict[str, Any]]:
        # A list's description belongs to no one source: it goes where the words of a source that agreed to nothing
        # would.
        described = disclosure(Source(), self.audience).notes
        for dataset in Dataset.objects.filter(pk__in=self.disclosed.values("dataset")).order_by("pk"):
            yield {
                "name": dataset.name,
                "description": dataset.description if described else None,
                "created_at": _moment(dataset.created_at),
            }


def _row_key(source: Source, parts: Disclosure) -> str:
    """A list row's key is made of the row's own values (an ID number, say): it leaves with the row as it was. For
    others a keyed digest stands in for it, the same in every export of this reunite (while its secret key stays),
    so that a restore still finds the row again, and telling nothing of the key."""
    if parts.raw or not source.row_key:
        return source.row_key
    return salted_hmac(ROW_KEY_SALT, f"{source.dataset.name}\0{source.row_key}", algorithm="sha256").hexdigest()[:32]


def _with_source(facts: QuerySet) -> QuerySet:
    """Facts with their source, for `disclosure`, without its text and raw row (the largest columns)."""
    return facts.select_related("source").defer("source__text", "source__raw")


def _date(value: PartialDate | None) -> str | None:
    """A partial date as its canonical text (`reunite.dates`), which reads back as the same date."""
    return None if value is None else str(value)


def _moment(value: datetime) -> str:
    # To the microsecond: a restore finds a testimony again by the moment it was recorded.
    return value.astimezone(UTC).isoformat()


def _place(place: Place | None) -> dict[str, Any] | None:
    """A place as the registry holds it: a division by its code, a country by its ISO code, or text as written
    (with the place it lies within)."""
    if place is None:
        return None
    within = _place(place.parent) if place.level == Place.Level.WRITTEN else None
    return {"name": place.name, "level": place.level, "code": place.code, "country": place.country, "within": within}


# ---------------------------------------------------------------------------------------------- formats


class _Json:
    """One JSON object: the manifest first (a reader knows what it holds before the rows), then each table as a
    list, one row a line. The tables go to a temporary file beside the output until the manifest's counts are
    known."""

    def __init__(self, output: Path):
        self.output = output
        # Closed in `finish`; unlinked at once, so nothing is left behind if the export fails.
        self.body: IO[str] = tempfile.TemporaryFile("w+", encoding="utf-8", dir=output.parent)  # noqa: SIM115

    def table(self, name: str, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> int:
        count = 0
        self.body.write(f",\n{json.dumps(name)}: [")
        for count, row in enumerate(rows, start=1):
            self.body.write(("\n" if count == 1 else ",\n") + json.dumps(row, ensure_ascii=False))
        self.body.write("\n]")
        return count

    def finish(self, manifest: dict[str, Any]) -> str:
        self.body.seek(0)
        with open(self.output, "w", encoding="utf-8") as out:
            out.write('{"manifest": ' + json.dumps(manifest, ensure_ascii=False))
            shutil.copyfileobj(self.body, out)
            out.write("}\n")
        self.body.close()
        return _sha256([self.output])

    def discard(self) -> None:
        self.body.close()
        self.output.unlink(missing_ok=True)


class _Csv:
    """A CSV file per table (UTF-8 with a byte order mark, so spreadsheet programs read it as UTF-8) and
    `manifest.json`, in a directory or a zip. Repeated facts are JSON lists in their cell."""

    def __init__(self, output: Path):
        self.output = output
        self.zip = zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) if output.suffix.lower() == ".zip" else None
        if self.zip is None:
            output.mkdir(parents=True, exist_ok=True)
        self.files: list[str] = []

    def _open(self, name: str, encoding: str) -> IO[str]:
        self.files.append(name)
        if self.zip is not None:
            return io.TextIOWrapper(self.zip.open(name, "w"), encoding=encoding, newline="")
        return open(self.output / name, "w", encoding=encoding, newline="")

    def table(self, name: str, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> int:
        count = 0
        with self._open(f"{name}.csv", "utf-8-sig") as file:
            writer = csv.writer(file)
            writer.writerow(columns)
            for row in rows:
                writer.writerow([_text(row[column]) for column in columns])
                count += 1
        return count

    def finish(self, manifest: dict[str, Any]) -> str:
        with self._open(MANIFEST_FILE, "utf-8") as file:
            json.dump(manifest, file, ensure_ascii=False, indent=2)
        if self.zip is not None:
            self.zip.close()
            return _sha256([self.output])
        # A directory's digest: its files in the order of their names, as `cat $(ls) | sha256sum` reads them.
        return _sha256(sorted(self.output / name for name in self.files))

    def discard(self) -> None:
        if self.zip is not None:
            self.zip.close()
            self.output.unlink(missing_ok=True)
            return
        for name in self.files:
            (self.output / name).unlink(missing_ok=True)
        with suppress(OSError):  # the directory, when the export made it and nothing else is in it
            self.output.rmdir()


class _Xlsx:
    """A sheet per table, the manifest's sheet first (filled last, once the counts are known). Every text is a
    text cell: a value starting with "=" is never taken for a formula."""

    def __init__(self, output: Path):
        self.output = output
        self.book = Workbook(write_only=True)
        self.manifest = self.book.create_sheet("manifest")

    def table(self, name: str, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> int:
        sheet = self.book.create_sheet(name)
        sheet.append(list(columns))
        count = 0
        for row in rows:
            sheet.append([self._cell(sheet, row[column]) for column in columns])
            count += 1
        return count

    def finish(self, manifest: dict[str, Any]) -> str:
        for key, value in manifest.items():
            self.manifest.append([key, self._cell(self.manifest, value)])
        self.book.save(self.output)
        return _sha256([self.output])

    def discard(self) -> None:
        # openpyxl keeps each sheet in a file of the system's temporary folder until `save`, and removes those of an
        # unsaved book only when the process ends: a server's would stay for days.
        for sheet in self.book.worksheets:
            if not sheet.closed:
                sheet.close()
                sheet._writer.cleanup()
        self.output.unlink(missing_ok=True)

    @staticmethod
    def _cell(sheet: Any, value: Any) -> Any:
        if value is None or isinstance(value, bool | int):
            return value
        # Characters a spreadsheet cannot hold (control characters) are dropped.
        text = ILLEGAL_CHARACTERS_RE.sub("", _text(value))
        if len(text) > XLSX_CELL:
            text = text[: XLSX_CELL - len(XLSX_CUT)] + XLSX_CUT
        cell = WriteOnlyCell(sheet, text)
        cell.data_type = "s"
        return cell


_Writer = _Json | _Csv | _Xlsx
_WRITERS: dict[str, Callable[[Path], _Writer]] = {"json": _Json, "csv": _Csv, "xlsx": _Xlsx}


def _text(value: Any) -> str:
    """A cell's text: text as it is, nothing as empty, anything else (lists, dicts, numbers, true/false) as JSON."""
    if isinstance(value, str):
        return value
    return "" if value is None else json.dumps(value, ensure_ascii=False)


def _sha256(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        with open(path, "rb") as file:
            while block := file.read(1 << 20):
                digest.update(block)
    return digest.hexdigest()
