"""The report's figures: what the registry says, counted, before any disclosure control.

Counting rules (the methodology section states them to the reader):
- A **family** is a case. Its period is its opening source's date: the day the testimony was given (the last day
  its date allows), else the day it was recorded.
- A **sought person** is counted once however many records describe them: records that reviewers confirmed as one
  person (`review.Identity`) are one person, and what they say is pooled. Where records disagree, the most recent
  source wins (by its date, then by the order of recording).
- A **child** is a sought person whose parent, by a recorded relationship, is the seeker or the seeker's spouse.
  Their **placement** is their status (a state orphanage, a boarding school, elsewhere, unknown), else the last
  placement event recorded for them.
- **Days since last contact** count, as of the report's last day, from the last day the latest last-contact date
  allows, for sought persons of cases still open.
- A **caregiver** is a person recorded as caregiver of a sought child; detained when any record states detention
  or imprisonment, or a detention event involves them.
- The **prefecture of origin** of a family is the seeker's birthplace, else a sought person's birthplace or the
  place where they are, when it lies in Xinjiang. The seeker's **country of residence** is where they are.
- **Applications** are counted by country, kind and status (the outcome so far); an application's obstacles are
  named by the categories of `data/obstacles.tsv` their text matches.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache

import pycountry
from django.db.models import Q
from django.utils import timezone

from reunite.accounts.models import Organisation
from reunite.cases.models import Application, Case, SoughtPerson
from reunite.datafiles import rows as data_rows
from reunite.places import gazetteer
from reunite.registry.models import Event, EventPerson, Person, Place, Relationship, Statement, Status
from reunite.review.models import IdentityMember
from reunite.statistics import OneWayTable, TwoWayTable

NOT_RECORDED = "not recorded"
ORPHANAGE, BOARDING_SCHOOL, ELSEWHERE, UNKNOWN = "state orphanage", "boarding school", "elsewhere, known", "unknown"
PLACEMENTS = (ORPHANAGE, BOARDING_SCHOOL, ELSEWHERE, UNKNOWN)
DETAINED, NOT_DETAINED = "detained or imprisoned", "not reported detained"
YEAR = 365
# Years since last contact at which each band starts: families count years, and the waits now run past ten.
CONTACT_BAND_STARTS = (0, 1, 2, 3, 4, 5, 7, 10)
CONTACT_BANDS = (
    "under 1 year",
    "1 to 2 years",
    "2 to 3 years",
    "3 to 4 years",
    "4 to 5 years",
    "5 to 7 years",
    "7 to 10 years",
    "10 years or more",
)
NO_CONTACT_DATE = "no date of last contact"
OTHER_OBSTACLE = "other obstacle"

_PLACEMENT_OF_STATUS = {
    Status.STATE_ORPHANAGE: ORPHANAGE,
    Status.BOARDING_SCHOOL: BOARDING_SCHOOL,
    Status.UNKNOWN: UNKNOWN,
    Status.DISAPPEARED: UNKNOWN,
    "": UNKNOWN,
}
_PLACEMENT_OF_EVENT = {Event.Kind.ORPHANAGE_PLACEMENT: ORPHANAGE, Event.Kind.BOARDING_SCHOOL_PLACEMENT: BOARDING_SCHOOL}
_DETENTION_STATUSES = {Status.DETAINED, Status.IMPRISONED}


@dataclass(frozen=True)
class Period:
    """The report's period: cases whose source is dated from `start` to `end` (either open). Days since last
    contact count as of `end`, else as of today."""

    start: date | None = None
    end: date | None = None

    @property
    def as_of(self) -> date:
        return self.end or timezone.localdate()

    def holds(self, day: date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Table:
    """One table of the report: its name (the CSV file's), what it counts, and the counts."""

    name: str
    title: str
    unit: str
    counts: OneWayTable | TwoWayTable
    chart: bool = True


@dataclass(frozen=True)
class Figures:
    period: Period
    as_of: date
    tables: tuple[Table, ...]
    days: tuple[int, ...]  # days since last contact of each sought person who has a date, in order
    obstacles: tuple[tuple[str, int], ...]  # (category, applications naming it), categories in the data's order
    applications: int
    sources: frozenset[int]  # the testimonies that opened the period's cases
    counting: dict[str, int] = field(default_factory=dict)  # what was read and merged, for the methodology

    def table(self, name: str) -> Table:
        return next(t for t in self.tables if t.name == name)


def count_figures(organisation: Organisation, period: Period) -> Figures:
    return _Counter(organisation, period).figures()


@dataclass
class _Facts:
    """What the records of one person (or of one identity: confirmed records pooled) say."""

    statements: list[tuple[tuple, str, int | None, int | None]] = field(default_factory=list)
    last_contact: date | None = None
    placements: list[tuple[date | None, int, str]] = field(default_factory=list)
    detained: bool = False

    @property
    def status(self) -> str:
        stated = [(order, status) for order, status, _, _ in self.statements if status]
        return max(stated)[1] if stated else ""

    @property
    def status_place(self) -> int | None:
        stated = [(order, place) for order, _, place, _ in self.statements if place]
        return max(stated)[1] if stated else None

    @property
    def birthplace(self) -> int | None:
        stated = [(order, place) for order, _, _, place in self.statements if place]
        return max(stated)[1] if stated else None


class _Counter:
    def __init__(self, organisation: Organisation, period: Period):
        self.organisation = organisation
        self.period = period
        self.as_of = period.as_of
        mine = Q(source__organisation=organisation)
        cases = Case.objects.filter(mine).values_list(
            "id", "status", "seeker_id", "source_id", "source__given_on_latest", "source__created_at"
        )
        self.cases = {
            case_id: (status, seeker, source)
            for case_id, status, seeker, source, given, recorded in cases.iterator(chunk_size=5000)
            if period.holds(given or timezone.localdate(recorded))
        }
        self.sought: dict[int, list[int]] = defaultdict(list)
        for case_id, person_id in SoughtPerson.objects.filter(case__source__organisation=organisation).values_list(
            "case_id", "person_id"
        ):
            if case_id in self.cases:
                self.sought[case_id].append(person_id)
        seekers = {seeker for _, seeker, _ in self.cases.values()}
        self.interest = seekers | {p for persons in self.sought.values() for p in persons}
        self.identity = self._identities()
        self.facts: dict[object, _Facts] = defaultdict(_Facts)
        self._read_statements()
        self._read_events()
        self.parents, self.spouses, self.caregivers = self._relationships()

    def _identities(self) -> dict[int, object]:
        """Person id → the key it is counted under: its identity's, when reviewers joined it to other records."""
        members = IdentityMember.objects.filter(person__source__organisation=self.organisation).values_list(
            "person_id", "identity_id"
        )
        return {person: ("identity", identity) for person, identity in members.iterator(chunk_size=5000)}

    def key(self, person_id: int) -> object:
        return self.identity.get(person_id, person_id)

    def _relevant(self) -> Q:
        """The persons of the organisation's cases, the records joined to them (their identities), and the
        caregivers of the sought persons."""
        mine = self.organisation
        return (
            Q(sought_in__case__source__organisation=mine)
            | Q(cases_as_seeker__source__organisation=mine)
            | Q(identity_membership__identity__members__person__sought_in__case__source__organisation=mine)
            | Q(relationships__kind=Relationship.Kind.CAREGIVER, relationships__relative__sought_in__isnull=False)
        ) & Q(source__organisation=mine)

    def _read_statements(self) -> None:
        persons = self._persons()
        rows = Statement.objects.filter(person_id__in=persons).values_list(
            "person_id", "status", "status_place_id", "birthplace_id", "source__given_on_latest", "source_id"
        )
        for person, status, place, birthplace, given, source in rows.iterator(chunk_size=5000):
            facts = self.facts[self.key(person)]
            facts.statements.append(((given or date.min, source), status, place, birthplace))
            if status in _DETENTION_STATUSES:
                facts.detained = True

    def _persons(self):
        return Person.objects.filter(self._relevant()).values("pk").distinct()

    def _read_events(self) -> None:
        kinds = [Event.Kind.LAST_CONTACT, Event.Kind.DETENTION, *_PLACEMENT_OF_EVENT]
        rows = EventPerson.objects.filter(person_id__in=self._persons(), event__kind__in=kinds).values_list(
            "person_id", "event__kind", "event__date_latest", "event_id"
        )
        for person, kind, latest, event in rows.iterator(chunk_size=5000):
            facts = self.facts[self.key(person)]
            if kind == Event.Kind.LAST_CONTACT:
                if latest is not None and (facts.last_contact is None or latest > facts.last_contact):
                    facts.last_contact = latest
            elif kind == Event.Kind.DETENTION:
                facts.detained = True
            else:
                facts.placements.append((latest, event, _PLACEMENT_OF_EVENT[kind]))

    def _relationships(self) -> tuple[dict[int, set[int]], dict[int, set[int]], dict[int, set[int]]]:
        """Parents of each sought person, spouses of each seeker, caregivers of each sought person (person ids)."""
        parents: dict[int, set[int]] = defaultdict(set)
        spouses: dict[int, set[int]] = defaultdict(set)
        caregivers: dict[int, set[int]] = defaultdict(set)
        kinds = [Relationship.Kind.PARENT, Relationship.Kind.SPOUSE, Relationship.Kind.CAREGIVER]
        rows = Relationship.objects.filter(source__organisation=self.organisation, kind__in=kinds).filter(
            Q(relative__sought_in__case__source__organisation=self.organisation)
            | Q(person__cases_as_seeker__source__organisation=self.organisation)
            | Q(relative__cases_as_seeker__source__organisation=self.organisation)
        )
        for person, kind, relative in rows.values_list("person_id", "kind", "relative_id").distinct().iterator():
            if kind == Relationship.Kind.PARENT:
                parents[relative].add(person)
            elif kind == Relationship.Kind.CAREGIVER:
                caregivers[relative].add(person)
            else:
                spouses[person].add(relative)
                spouses[relative].add(person)
        return parents, spouses, caregivers

    # ------------------------------------------------------------------------------------------- the tables

    def figures(self) -> Figures:
        sought = self._sought_once()
        children = {key: case for key, (case, person) in sought.items() if self._is_child(person, case)}
        places = _Places()
        origin = {case: self._origin(case, places) for case in self.cases}
        applications = list(
            Application.objects.filter(case__source__organisation=self.organisation).values_list(
                "case_id", "country", "kind", "status", "obstacles"
            )
        )
        applications = [a for a in applications if a[0] in self.cases]
        days = sorted(
            (self.as_of - last).days
            for key, (case, _) in sought.items()
            if self.cases[case][0] not in Case.FINISHED and (last := self.facts[key].last_contact) is not None
        )
        active_sought = [k for k, (case, _) in sought.items() if self.cases[case][0] not in Case.FINISHED]
        obstacles = _obstacle_counts(text for *_, text in applications)
        tables = (
            Table(
                "families_by_status",
                "Separated families by status of their case",
                "families",
                _one_way(Case.Status.labels, (Case.Status(status).label for status, *_ in self.cases.values())),
            ),
            Table(
                "sought_persons_by_status",
                "Sought persons by their status",
                "persons",
                _one_way(
                    [*(str(label) for label in Status.labels), NOT_RECORDED],
                    (_status_label(self.facts[key].status) for key in sought),
                ),
            ),
            Table(
                "children_by_placement",
                "Children sought, by where they are",
                "children",
                _one_way(PLACEMENTS, (self._placement(key) for key in children)),
            ),
            Table(
                "children_by_prefecture_and_placement",
                "Children sought, by prefecture of origin of the family and where they are",
                "children",
                _two_way(
                    places.prefecture_labels(origin[case] for case in children.values()),
                    PLACEMENTS,
                    ((places.label(origin[case]), self._placement(key)) for key, case in children.items()),
                ),
                chart=False,
            ),
            Table(
                "days_since_last_contact",
                "Sought persons of open cases, by time since their last contact",
                "persons",
                _one_way(
                    [*CONTACT_BANDS, NO_CONTACT_DATE],
                    (_contact_band(self.facts[key].last_contact, self.as_of) for key in active_sought),
                ),
            ),
            Table(
                "caregivers_detained",
                "Caregivers of sought children, by detention",
                "caregivers",
                _one_way(
                    (DETAINED, NOT_DETAINED), (self._detention(key) for key in self._caregivers(sought, children))
                ),
            ),
            Table(
                "families_by_prefecture",
                "Separated families by prefecture of origin",
                "families",
                _one_way(places.prefecture_labels(origin.values()), (places.label(code) for code in origin.values())),
                # Its labels are in three scripts, which the table sets in type and a chart cannot.
                chart=False,
            ),
            Table(
                "families_by_country_of_residence",
                "Separated families by the seeker's country of residence",
                "families",
                self._by_residence(places),
            ),
            Table(
                "applications_by_country_and_outcome",
                "Reunification applications by country and outcome so far",
                "applications",
                _two_way(
                    sorted({_country(country) for _, country, *_ in applications}) or [NOT_RECORDED],
                    [str(label) for label in Application.Status.labels],
                    (
                        (_country(country), str(Application.Status(status).label))
                        for _, country, _, status, _ in applications
                    ),
                ),
                chart=False,
            ),
            Table(
                "applications_by_kind",
                "Reunification applications by kind",
                "applications",
                _one_way(
                    [str(label) for label in Application.Kind.labels],
                    (str(Application.Kind(kind).label) for _, _, kind, _, _ in applications),
                ),
            ),
        )
        return Figures(
            period=self.period,
            as_of=self.as_of,
            tables=tables,
            days=tuple(days),
            obstacles=obstacles,
            applications=len(applications),
            sources=frozenset(source for *_, source in self.cases.values()),
            counting={
                "cases": len(self.cases),
                "sought_records": sum(len(p) for p in self.sought.values()),
                "sought_persons": len(sought),
                "identities_joined": len({key for key in sought if isinstance(key, tuple)}),
                "children": len(children),
            },
        )

    def _sought_once(self) -> dict[object, tuple[int, int]]:
        """Each sought person once (by identity), with the first case and record that seeks them."""
        sought: dict[object, tuple[int, int]] = {}
        for case in sorted(self.sought):
            for person in self.sought[case]:
                sought.setdefault(self.key(person), (case, person))
        return sought

    def _is_child(self, person: int, case: int) -> bool:
        seeker = self.cases[case][1]
        return bool(self.parents.get(person, set()) & {seeker, *self.spouses.get(seeker, ())})

    def _placement(self, key: object) -> str:
        facts = self.facts[key]
        placement = _PLACEMENT_OF_STATUS.get(facts.status, ELSEWHERE)
        if placement == UNKNOWN and facts.placements:
            return max(facts.placements, key=lambda p: (p[0] or date.min, p[1]))[2]
        return placement

    def _caregivers(self, sought: dict[object, tuple[int, int]], children: dict[object, int]) -> set[object]:
        persons = {person for key, (_, person) in sought.items() if key in children}
        return {self.key(c) for person in persons for c in self.caregivers.get(person, ())}

    def _detention(self, key: object) -> str:
        return DETAINED if self.facts[key].detained else NOT_DETAINED

    def _origin(self, case: int, places: _Places) -> str | None:
        """The prefecture code of the family's origin, or None."""
        seeker = self.facts[self.key(self.cases[case][1])]
        candidates = [seeker.birthplace]
        for person in self.sought.get(case, []):
            facts = self.facts[self.key(person)]
            candidates += [facts.birthplace, facts.status_place]
        return next((code for place in candidates if (code := places.prefecture(place))), None)

    def _by_residence(self, places: _Places) -> OneWayTable:
        residences = []
        for _, seeker, _ in self.cases.values():
            code = places.country(self.facts[self.key(seeker)].status_place)
            residences.append(_country(code) if code and code != "CN" else NOT_RECORDED)
        labels = sorted(set(residences) - {NOT_RECORDED})
        return _one_way([*labels, NOT_RECORDED], residences)


class _Places:
    """Places by id, read once: the prefecture and the country each lies in."""

    def __init__(self):
        self.rows = {
            pk: (code, level, parent, country)
            for pk, code, level, parent, country in Place.objects.values_list(
                "pk", "code", "level", "parent_id", "country"
            )
        }

    def prefecture(self, place: int | None) -> str | None:
        while place is not None:
            code, level, parent, _ = self.rows[place]
            if level == Place.Level.PREFECTURE:
                return code
            place = parent
        return None

    def country(self, place: int | None) -> str:
        return self.rows[place][3] if place is not None else ""

    @staticmethod
    def label(code: str | None) -> str:
        return _prefecture_label(code) if code else NOT_RECORDED

    def prefecture_labels(self, codes: Iterable[str | None]) -> list[str]:
        """The labels of these prefectures in the gazetteer's order (by code), then "not recorded"."""
        found = sorted({code for code in codes if code})
        return [*(_prefecture_label(code) for code in found), NOT_RECORDED]


@cache
def _prefecture_label(code: str) -> str:
    """A prefecture as a reader anywhere recognises it: its usual spelling, its Chinese and its Uyghur name."""
    place = gazetteer().by_code(code)
    if place is None:
        return code
    usual = place.spellings[0] if place.spellings else place.name_en
    return f"{usual} · {place.name_zh} · {place.name_ug}"


def _country(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code) if code else None
    return country.name if country else (code or NOT_RECORDED)


def _status_label(status: str) -> str:
    return str(Status(status).label) if status else NOT_RECORDED


def _contact_band(last: date | None, as_of: date) -> str:
    if last is None:
        return NO_CONTACT_DATE
    years = max((as_of - last).days, 0) // YEAR
    return CONTACT_BANDS[bisect_right(CONTACT_BAND_STARTS, years) - 1]


def _one_way(categories: Iterable[str], values: Iterable[str]) -> OneWayTable:
    labels = [str(c) for c in categories]
    counted = Counter(str(v) for v in values)
    return OneWayTable(tuple(labels), tuple(counted.get(label, 0) for label in labels))


def _two_way(rows: Iterable[str], columns: Iterable[str], pairs: Iterable[tuple[str, str]]) -> TwoWayTable:
    rows, columns = [str(r) for r in rows], [str(c) for c in columns]
    counted = Counter(pairs)
    return TwoWayTable(tuple(rows), tuple(columns), tuple(tuple(counted.get((r, c), 0) for c in columns) for r in rows))


@cache
def obstacle_categories() -> tuple[tuple[str, re.Pattern], ...]:
    """The categories obstacles are counted under, each with the pattern of the words that name it."""
    return tuple(
        (row["category"], re.compile(row["pattern"], re.IGNORECASE))
        for row in data_rows("reunite.reports", "obstacles.tsv")
    )


def _obstacle_counts(texts: Iterable[str]) -> tuple[tuple[str, int], ...]:
    counted: Counter[str] = Counter()
    for text in texts:
        if not text.strip():
            continue
        named = {category for category, pattern in obstacle_categories() if pattern.search(text)}
        counted.update(named or {OTHER_OBSTACLE})
    return tuple((category, counted[category]) for category in [*(c for c, _ in obstacle_categories()), OTHER_OBSTACLE])
