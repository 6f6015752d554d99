"""Restoring a reunite export: `reunite import EXPORT.json` brings back what a reunite (this one or another)
exported as JSON, as it was: sources with their kinds, dates, consent, sensitivity, raw rows, versions, datasets and
row keys, and the persons, names, ID numbers, statements, relationships, events and cases they state.

Importing the same export again adds nothing. What keys a source across databases:
- an imported list row: its dataset (by name), row key and version, the registry's own key of a row;
- a source of no dataset (a testimony): the moment it was recorded, to the microsecond, with its kind and date
  given. The export carries `created_at` and the restore keeps it, so the key holds through any chain of exports
  (A to B, then B to C, finds in C what A sent it directly).
A source already present is left as it is, with everything it states (nothing in reunite is overwritten). Everything
else comes with its source: persons with the source that introduced them, each fact with the source that states it.
Places are found (or created) through `Place.objects`: a division by its code, a country by its ISO code, text as
written within its place.

Everything is written in one transaction: a restore is stored whole or not at all. The file is read whole (about
1 GB of memory for an export of 100,000 persons).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry
from django.contrib.auth.models import AbstractBaseUser
from django.db import models, transaction
from django.utils.dateparse import parse_datetime

from reunite.accounts.models import organisation_writing
from reunite.audit.record import record_restore
from reunite.cases.models import Application, ApplicationUpdate, Case, CaseStatusChange, SoughtPerson
from reunite.dates import PartialDate, parse
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
)
from reunite.registry.withdrawal import withdrawn_row_keys
from reunite.transfer.export import FORMAT_NAME, FORMAT_VERSION
from reunite.transfer.mapping import CONSENT
from reunite.transfer.reading import ReadError

BATCH = 2000
# The manifest is the export's first key, and small: it is looked for in this much of the file.
MANIFEST_CHARS = 64 * 1024
_MANIFEST_KEY = re.compile(r'\s*\{\s*"manifest"\s*:\s*')
# A restore needs these tables: every other row refers to a source or a person.
NEEDED = ("sources", "persons")


@dataclass
class Restored:
    """What a restore did (or, in a dry run, would do)."""

    dry_run: bool
    made: str  # when the export was made, and for whom
    sources: int = 0
    present: int = 0  # sources already here, left as they are
    added: dict[str, int] = field(default_factory=dict)  # rows added, by what they are
    skipped: int = 0  # facts of a restored source about a person this restore does not add

    def lines(self) -> list[str]:
        would = "would be " if self.dry_run else ""
        lines = [
            f"reunite export {self.made}",
            f"  {self.sources} sources {would}restored",
            f"  {self.present} sources already here (left as they are)",
        ]
        if added := ", ".join(f"{count} {what}" for what, count in self.added.items() if count):
            lines.append(f"  {would}added: {added}")
        if self.skipped:
            lines.append(f"  {self.skipped} facts not restored: they concern persons already here under another source")
        if self.added.get("persons") and not self.dry_run:
            lines.append("run `reunite link run` to find the restored persons' matches")
        return lines


def read_manifest(path: str | Path) -> dict[str, Any] | None:
    """The manifest of a reunite export (a JSON object whose first key is "manifest"), else None."""
    try:
        with open(path, encoding="utf-8-sig") as file:
            head = file.read(MANIFEST_CHARS)
    except (OSError, UnicodeDecodeError):
        return None
    if not (start := _MANIFEST_KEY.match(head)):
        return None
    try:
        manifest, _ = json.JSONDecoder().raw_decode(head, start.end())
    except json.JSONDecodeError:
        return None
    return manifest if isinstance(manifest, dict) and manifest.get("format") == FORMAT_NAME else None


def restore(path: str | Path, *, user: AbstractBaseUser | None = None, dry_run: bool = False) -> Restored:
    """Restore a reunite export in one transaction (rolled back in a dry run). Raises `ReadError` for a file that
    is not a complete export this reunite reads; nothing is written then."""
    data = _load(Path(path))
    manifest = data["manifest"]
    creator = user if user is not None and user.is_authenticated else None
    summary = Restored(dry_run, made=f"made {manifest.get('created_at', '')} for {manifest.get('audience', '')}")
    try:
        with transaction.atomic():
            _Restoration(data, creator, summary).run()
            record_restore(summary, creator)
            if dry_run:
                transaction.set_rollback(True)
    except (KeyError, TypeError, ValueError) as error:
        # The kind of error and the key only: a value may be personal.
        what = error.args[0] if isinstance(error, KeyError) else type(error).__name__
        raise ReadError(f"is not a complete reunite export ({what})") from None
    return summary


def _load(path: Path) -> dict[str, Any]:
    manifest = read_manifest(path)
    if manifest is None:
        raise ReadError("is not a reunite export (a JSON file whose first key is its manifest)")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise ReadError(
            f"is a reunite export of format version {manifest.get('format_version')}; "
            f"this reunite reads version {FORMAT_VERSION}"
        )
    if missing := [table for table in NEEDED if table not in manifest.get("tables", ())]:
        raise ReadError(f"is an export without the {' and '.join(missing)} table: it cannot be restored")
    try:
        with open(path, encoding="utf-8-sig") as file:
            return json.load(file)
    except json.JSONDecodeError as error:
        raise ReadError(f"is not valid JSON (line {error.lineno}, column {error.colno})") from None


class _Restoration:
    """One restore. Ids in the file are the exporting database's; `sources` and `persons` say what each became."""

    def __init__(self, data: dict[str, Any], creator: AbstractBaseUser | None, summary: Restored):
        self.data, self.creator, self.summary = data, creator, summary
        self.organisation = organisation_writing(creator)
        self.sources: dict[int, int] = {}  # every source of the export → its id here
        self.new: set[int] = set()  # the sources this restore adds
        self.persons: dict[int, int] = {}  # the persons this restore adds → their id here
        self.places: dict[str, int | None] = {}

    def run(self) -> None:
        self._sources(self._datasets())
        persons = self.data["persons"]
        self._persons(persons)
        self._names(persons)
        self._person_facts(persons)
        self._testifiers()
        self._events()
        self._cases()

    def _added(self, model: type[models.Model], rows: Sequence[models.Model]) -> None:
        model.objects.bulk_create(rows, batch_size=BATCH)
        what = str(model._meta.verbose_name_plural)
        self.summary.added[what] = self.summary.added.get(what, 0) + len(rows)

    def _datasets(self) -> dict[str, Dataset]:
        """The datasets the export's list rows belong to, by name; those missing here are created."""
        names = {row["dataset"] for row in self.data["sources"] if row["dataset"]}
        here = {
            dataset.name: dataset for dataset in Dataset.objects.filter(name__in=names, organisation=self.organisation)
        }
        described = {row["name"]: row for row in self.data.get("datasets", ())}
        created = [
            Dataset(
                name=name, description=described.get(name, {}).get("description") or "", organisation=self.organisation
            )
            for name in sorted(names - here.keys())
        ]
        self._added(Dataset, created)
        _keep_moments(created, [described.get(d.name, {}).get("created_at") for d in created], "created_at")
        return here | {dataset.name: dataset for dataset in created}

    # ------------------------------------------------------------------------------------------ sources

    def _sources(self, datasets: dict[str, Dataset]) -> None:
        rows = self.data["sources"]
        self.sources = self._present(rows)
        self.summary.present = len(self.sources)
        rows = [row for row in rows if row["id"] not in self.sources]
        sources = [
            Source(
                kind=row["kind"],
                sensitivity=row["sensitivity"],
                given_on=_date(row["given_on"]),
                recorded_by=row["recorded_by"] or "",
                language=row["language"],
                text=row["text"] or "",
                dataset=datasets[row["dataset"]] if row["dataset"] else None,
                row_key=row["row_key"],
                version=row["version"],
                raw=row["raw"],
                organisation=self.organisation,
                created_by=self.creator,
                **{consent: row[consent] for consent in CONSENT},
            )
            for row in rows
        ]
        Source.objects.bulk_create(sources, batch_size=BATCH)
        _keep_moments(sources, [row["created_at"] for row in rows], "created_at")
        for row, source in zip(rows, sources, strict=True):
            self.sources[row["id"]] = source.pk
            self.new.add(row["id"])
        self.summary.sources = len(sources)

    def _present(self, rows: list[dict[str, Any]]) -> dict[int, int]:
        """The export's sources already here (see the module's docstring), export id → id here."""
        present: dict[int, int] = {}
        for chunk in _chunks([row for row in rows if row["dataset"]]):
            here = Source.objects.filter(
                organisation=self.organisation,
                dataset__name__in={row["dataset"] for row in chunk},
                row_key__in={row["row_key"] for row in chunk},
            ).values_list("dataset__name", "row_key", "version", "pk")
            keys = {(name, key, version): pk for name, key, version, pk in here}
            present |= {
                row["id"]: keys[row["dataset"], row["row_key"], row["version"]]
                for row in chunk
                if (row["dataset"], row["row_key"], row["version"]) in keys
            }
            present |= self._withdrawn(chunk)
        for chunk in _chunks([row for row in rows if not row["dataset"]]):
            here = Source.objects.filter(
                organisation=self.organisation,
                dataset=None,
                created_at__in=[parse_datetime(row["created_at"]) for row in chunk],
            ).values_list("kind", "created_at", "given_on", "pk")
            keys = {(kind, moment, _date_text(given)): pk for kind, moment, given, pk in here}
            present |= {
                row["id"]: keys[found]
                for row in chunk
                if (found := (row["kind"], parse_datetime(row["created_at"]), row["given_on"])) in keys
            }
        return present

    def _withdrawn(self, rows: list[dict[str, Any]]) -> dict[int, int]:
        """The export's list rows whose consent was withdrawn here (their key kept as a digest): export id → the
        withdrawn source, so that nothing of them comes back."""
        datasets = dict(
            Dataset.objects.filter(
                organisation=self.organisation, name__in={row["dataset"] for row in rows}
            ).values_list("name", "pk")
        )
        digests = {
            digest: row["id"]
            for row in rows
            if row["dataset"] in datasets
            for digest in withdrawn_row_keys(datasets[row["dataset"]], row["row_key"])
        }
        if not digests:
            return {}
        here = Source.objects.filter(dataset__in=datasets.values(), row_key__in=list(digests))
        return {digests[key]: pk for key, pk in here.values_list("row_key", "pk")}

    # ------------------------------------------------------------------------------------------ persons

    def _persons(self, rows: list[dict[str, Any]]) -> None:
        """Persons come with the source that introduced them; one whose source is not in the export, with the first
        source of the export that says something of them."""
        taken = [(row, source) for row in rows if (source := self._introducer(row)) is not None]
        persons = [Person(description=row["description"] or "", source_id=self.sources[s]) for row, s in taken]
        self._added(Person, persons)
        self.persons = {row["id"]: person.pk for (row, _), person in zip(taken, persons, strict=True)}

    def _introducer(self, row: dict[str, Any]) -> int | None:
        if row["source"] is not None:
            return row["source"] if row["source"] in self.new else None
        stating = [fact["source"] for facts in FACTS for fact in row[facts]]
        return min((source for source in stating if source in self.new), default=None)

    def _restores(self, source: int, *persons: int) -> bool:
        """Whether a fact is restored: its source is added now, and so is every person it concerns."""
        if source not in self.new:
            return False  # here already, with its source
        if all(person in self.persons for person in persons):
            return True
        self.summary.skipped += 1
        return False

    def _names(self, rows: list[dict[str, Any]]) -> None:
        names = []
        for row in rows:
            for name in row["names"]:
                if self._restores(name["source"], row["id"]):
                    names.append(self._name(self.persons[row["id"]], name))
        self._added(PersonName, names)
        NameKey.objects.bulk_create([key for name in names for key in name.key_rows()], batch_size=BATCH)

    def _name(self, person: int, name: dict[str, Any]) -> PersonName:
        restored = PersonName(
            person_id=person,
            text=name["text"],
            kind=name["kind"],
            position=name["position"],
            source_id=self.sources[name["source"]],
        )
        restored.derive()
        # As exported: a script declared for a name mixing scripts is kept.
        restored.script = name["script"]
        return restored

    def _person_facts(self, rows: list[dict[str, Any]]) -> None:
        numbers, statements, relations = [], [], []
        for row in rows:
            person = self.persons.get(row["id"])
            for number in row["id_numbers"]:
                if self._restores(number["source"], row["id"]):
                    restored = IdentityNumber(
                        person_id=person,
                        kind=number["kind"],
                        value=number["value"],
                        source_id=self.sources[number["source"]],
                    )
                    restored.derive()
                    numbers.append(restored)
            statements += [
                self._statement(person, s) for s in row["statements"] if self._restores(s["source"], row["id"])
            ]
            relations += [
                Relationship(
                    person_id=person,
                    kind=relation["kind"],
                    relative_id=self.persons[relation["relative"]],
                    source_id=self.sources[relation["source"]],
                )
                for relation in row["relationships"]
                if self._restores(relation["source"], row["id"], relation["relative"])
            ]
        self._added(IdentityNumber, numbers)
        self._added(Statement, statements)
        self._added(Relationship, relations)

    def _statement(self, person: int, statement: dict[str, Any]) -> Statement:
        return Statement(
            person_id=person,
            source_id=self.sources[statement["source"]],
            sex=statement["sex"],
            birth_date=_date(statement["birth_date"]),
            birthplace_id=self._place(statement["birthplace"]),
            ethnicity=statement["ethnicity"],
            status=statement["status"],
            status_place_id=self._place(statement["status_place"]),
        )

    def _testifiers(self) -> None:
        restored = [
            Source(pk=self.sources[row["id"]], testifier_id=self.persons[row["testifier"]])
            for row in self.data["sources"]
            if row["testifier"] is not None and self._restores(row["id"], row["testifier"])
        ]
        Source.objects.bulk_update(restored, ["testifier"], batch_size=BATCH)

    # ------------------------------------------------------------------------------------ events, cases

    def _events(self) -> None:
        rows = [row for row in self.data.get("events", ()) if row["source"] in self.new]
        events = [
            Event(
                kind=row["kind"],
                date=_date(row["date"]),
                place_id=self._place(row["place"]),
                description=row["description"] or "",
                source_id=self.sources[row["source"]],
            )
            for row in rows
        ]
        self._added(Event, events)
        links = [
            EventPerson(event=event, person_id=self.persons[person])
            for row, event in zip(rows, events, strict=True)
            for person in row["persons"]
            if self._restores(row["source"], person)
        ]
        EventPerson.objects.bulk_create(links, batch_size=BATCH)

    def _cases(self) -> None:
        rows = [row for row in self.data.get("cases", ()) if self._restores(row["source"], row["seeker"])]
        cases = [
            Case(
                seeker_id=self.persons[row["seeker"]],
                status=row["status"],
                status_reason=row["status_reason"] or "",
                source_id=self.sources[row["source"]],
                created_by=self.creator,
            )
            for row in rows
        ]
        self._added(Case, cases)
        _keep_moments(cases, [row["opened_at"] for row in rows], "opened_at")
        SoughtPerson.objects.bulk_create(
            [
                SoughtPerson(case=case, person_id=self.persons[person])
                for row, case in zip(rows, cases, strict=True)
                for person in row["sought"]
                if self._restores(row["source"], person)
            ],
            batch_size=BATCH,
        )
        changes = [
            (CaseStatusChange(case=case, status=change["status"], reason=change["reason"] or ""), change["changed_at"])
            for row, case in zip(rows, cases, strict=True)
            for change in row["status_changes"]
        ]
        self._added(CaseStatusChange, [change for change, _ in changes])
        _keep_moments([change for change, _ in changes], [moment for _, moment in changes], "changed_at")
        self._applications([(row, case) for row, case in zip(rows, cases, strict=True)])

    def _applications(self, cases: list[tuple[dict[str, Any], Case]]) -> None:
        taken = [(row, case, application) for row, case in cases for application in row["applications"]]
        applications = [
            Application(
                case=case,
                country=a["country"],
                authority=a["authority"],
                kind=a["kind"],
                status=a["status"],
                filed_on=_date(a["filed_on"]),
                obstacles=a["obstacles"] or "",
                source_id=self.sources.get(a["source"]),
            )
            for _, case, a in taken
        ]
        self._added(Application, applications)
        Application.applicants.through.objects.bulk_create(
            [
                Application.applicants.through(application=application, person_id=self.persons[person])
                for (row, _, a), application in zip(taken, applications, strict=True)
                for person in a["applicants"]
                if self._restores(row["source"], person)
            ],
            batch_size=BATCH,
        )
        steps = [
            (
                ApplicationUpdate(
                    application=application, date=_date(s["date"]), status=s["status"], note=s["note"] or ""
                ),
                s,
            )
            for (_, _, a), application in zip(taken, applications, strict=True)
            for s in a["steps"]
        ]
        self._added(ApplicationUpdate, [update for update, _ in steps])
        _keep_moments([update for update, _ in steps], [s["recorded_at"] for _, s in steps], "recorded_at")

    # ------------------------------------------------------------------------------------------- places

    def _place(self, place: dict[str, Any] | None) -> int | None:
        if place is None:
            return None
        key = json.dumps(place, sort_keys=True)
        if key not in self.places:
            self.places[key] = _find_place(place).pk
        return self.places[key]


# The facts a person's row lists, each with its source.
FACTS = ("names", "statements", "id_numbers", "relationships")


def _find_place(place: dict[str, Any]) -> Place:
    if place["code"] and (division := gazetteer().by_code(place["code"])):
        return Place.objects.division(division)
    if place["level"] == Place.Level.COUNTRY and (country := pycountry.countries.get(alpha_2=place["country"])):
        return Place.objects.country(country)
    within = _find_place(place["within"]) if place["within"] else None
    # The registry's own find-or-create of text as written within a place, which `PlaceQuerySet.named` ends in:
    # resolving the text again could place it elsewhere.
    return Place.objects.all()._written(place["name"], within)


def _keep_moments(rows: Sequence[models.Model], moments: Sequence[str | None], name: str) -> None:
    """Put back when each row was made, as exported: creating it stamped it with now (`auto_now_add`), which
    `bulk_update` does not."""
    kept = []
    for row, moment in zip(rows, moments, strict=True):
        if moment:
            setattr(row, name, parse_datetime(moment))
            kept.append(row)
    if kept:
        type(kept[0]).objects.bulk_update(kept, [name], batch_size=BATCH)


def _date(text: str | None) -> PartialDate | None:
    return parse(text) if text else None


def _date_text(value: PartialDate | None) -> str | None:
    return None if value is None else str(value)


def _chunks(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), BATCH):
        yield rows[start : start + BATCH]
