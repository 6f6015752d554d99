"""A linkage test set of invented people: testimonies against an official list, from `reunite.synth`.

Testimony records carry each person's non-Chinese name forms, birth and birthplace as written and the parents'
names; the official list carries, for each person in China, the Chinese form of the name (or its pinyin), an
exact birth date, sex and an invented resident ID number (occasionally with a wrong check digit, or missing).
`truth` is the person's key. Everything here is invented.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from stdnum.cn import ric

from reunite.dates import PartialDateError, parse
from reunite.linkage.records import PersonRecord
from reunite.places import resolve
from reunite.synth import Family, Person, generate_families, uly_name
from reunite.synth.generate import GivenName, load_tables

TESTIMONY = "testimony"
OFFICIAL = "official"
NOT_IN_CHINA = {"abroad"}
WRONG_CHECK_DIGIT = 0.03
MISSING_ID = 0.05
PINYIN = 0.25


@dataclass(frozen=True)
class LinkageSet:
    testimony: list[PersonRecord]
    official: list[PersonRecord]

    @property
    def records(self) -> list[PersonRecord]:
        return self.testimony + self.official


@cache
def _given_names() -> dict[str, GivenName]:
    tables = load_tables()
    return {g.uly: g for g in (*tables.male.items, *tables.female.items)}


@cache
def _place(text: str) -> tuple[str, str] | None:
    """(code, Chinese name) of the division a birthplace text names, if any."""
    best = resolve(text).best
    return (best.place.code, best.place.name_zh) if best and best.place else None


def _non_chinese(person: Person) -> tuple[str, ...]:
    return tuple(n.text for n in person.names if n.kind != "chinese")


def _parents(family: Family) -> dict[str, tuple[Person | None, Person | None]]:
    by_key = {p.key: p for p in family.persons}
    found: dict[str, list[Person | None]] = {p.key: [None, None] for p in family.persons}
    for relation in family.relations:
        if relation.kind == "parent" and relation.a in by_key and relation.b in found:
            parent = by_key[relation.a]
            found[relation.b][0 if parent.sex == "M" else 1] = parent
    return {key: (father, mother) for key, (father, mother) in found.items()}


def testimony_record(person: Person, father: Person | None, mother: Person | None) -> PersonRecord:
    return PersonRecord(
        record_id=f"t:{person.key}",
        source=TESTIMONY,
        names=_non_chinese(person),
        sex=person.sex,
        birth=person.birth,
        birthplace=person.birthplace,
        father_names=_non_chinese(father) if father else (),
        mother_names=_non_chinese(mother) if mother else (),
        truth=person.key,
    )


def _official_name(rng: random.Random, person: Person) -> str:
    chinese = next((n.text for n in person.names if n.kind == "chinese"), None)
    words = uly_name(person).split()
    known = [_given_names().get(w) for w in words]
    if chinese and rng.random() >= PINYIN:
        return chinese
    if known and all(known):
        if rng.random() < PINYIN:
            return " ".join(g.pinyin.capitalize() for g in known if g)
        return "·".join(g.chinese for g in known if g)
    return chinese or uly_name(person)


def _birth_day(rng: random.Random, text: str | None) -> datetime.date | None:
    if not text:
        return None
    try:
        birth = parse(text)
    except PartialDateError:
        return None
    span = (birth.latest - birth.earliest).days
    return birth.earliest + datetime.timedelta(days=rng.randint(0, span))


def resident_id(rng: random.Random, county: str, born: datetime.date, sex: str) -> str:
    """An invented 18-digit number: area code, birth date, sequence (odd for men), check digit; sometimes wrong."""
    sequence = rng.randrange(0, 500) * 2 + (1 if sex == "M" else 0)
    body = f"{county}{born:%Y%m%d}{sequence:03d}"
    digit = ric.calc_check_digit(body + "0")  # it ignores the last character, where the check digit goes
    if rng.random() < WRONG_CHECK_DIGIT:
        digit = rng.choice([d for d in "0123456789X" if d != digit])
    return body + digit


def official_record(rng: random.Random, person: Person) -> PersonRecord:
    born = _birth_day(rng, person.birth)
    place = _place(person.birthplace) if person.birthplace else None
    number = None
    if place and born and rng.random() >= MISSING_ID:
        number = resident_id(rng, place[0], born, person.sex)
    return PersonRecord(
        record_id=f"o:{person.key}",
        source=OFFICIAL,
        names=(_official_name(rng, person),),
        sex=person.sex,
        birth=born.isoformat() if born else None,
        birthplace=place[1] if place and number is None else None,
        id_number=number,
        truth=person.key,
    )


def records_of(rng: random.Random, family: Family) -> Iterator[tuple[str, PersonRecord]]:
    parents = _parents(family)
    for person in family.persons:
        yield TESTIMONY, testimony_record(person, *parents[person.key])
        if person.status not in NOT_IN_CHINA:
            yield OFFICIAL, official_record(rng, person)


def linkage_set(families: Iterable[Family], seed: int = 0) -> LinkageSet:
    rng = random.Random(seed)  # nosec B311 # reproducible invented records, nothing secret
    out: dict[str, list[PersonRecord]] = {TESTIMONY: [], OFFICIAL: []}
    for family in families:
        for source, record in records_of(rng, family):
            out[source].append(record)
    return LinkageSet(out[TESTIMONY], out[OFFICIAL])


def generate(families: int, seed: int = 1) -> LinkageSet:
    """Testimony and official-list records of `families` generated families."""
    return linkage_set(generate_families(families, seed), seed)
