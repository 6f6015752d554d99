"""Seedable generator of invented separated Uyghur families.

Every family is built from its own ``random.Random`` seeded by (seed, index): a family never depends on
how many families come before it, so ``generate_families(k, s)`` is always a prefix of
``generate_families(n, s)`` and one family can be regenerated alone for a failing benchmark.

The people are invented: names are drawn independently from a table of common given names and stories are
assembled from generic event patterns, so no real person's name is tied to a real story.
"""

from __future__ import annotations

import bisect
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Generic, TypeVar

from .model import Application, Event, Family, NameForm, Person, Relation, Testimony

T = TypeVar("T")

# The seed article's date: nothing happens after it, and "days since last contact" count to it.
TODAY = date(2021, 3, 19)

TYPO_RATE = 0.04
ALIAS_RATE = 0.22
ARABIC_RATE = 0.5
CHINESE_RATE = 0.55
PINYIN_RATE = 0.25


# ---------------------------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class GivenName:
    uly: str
    sex: str
    weight: int
    arabic: str
    cyrillic: str
    chinese: str
    pinyin: str
    spellings: dict[str, tuple[str, ...]]  # "tr" | "en" | "de" -> informal Latin spellings, usual first


@dataclass(frozen=True)
class Place:
    code: str
    weight: int
    prefecture: str
    uly: str
    arabic: str
    chinese: tuple[str, ...]
    spellings: dict[str, tuple[str, ...]]  # "en" | "tr" | "de" | "cyr"


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    prose: str  # the name inside a sentence: "the Netherlands"
    adjective: str
    spelling: str  # how the diaspora there writes names in Latin: "tr" | "en" | "de" | "uly"
    cyrillic: float  # share of records that also carry Cyrillic forms
    languages: Weighted[str]
    cities: Weighted[str]
    consulates: tuple[str, ...]


class Weighted(Generic[T]):
    """Items with integer weights; one draw costs a single random() and a bisect."""

    def __init__(self, pairs: Sequence[tuple[T, float]]) -> None:
        self.items: tuple[T, ...] = tuple(item for item, _ in pairs)
        total = 0.0
        cum = []
        for _, weight in pairs:
            total += weight
            cum.append(total)
        self.cum: tuple[float, ...] = tuple(cum)

    def pick(self, rng: random.Random) -> T:
        return self.items[bisect.bisect(self.cum, rng.random() * self.cum[-1])]


@dataclass(frozen=True)
class Tables:
    male: Weighted[GivenName]
    female: Weighted[GivenName]
    places: Weighted[Place]
    countries: Weighted[Country]
    phrases: dict[str, tuple[str, ...]]


def _read_tsv(name: str) -> list[dict[str, str]]:
    text = resources.files("reunite.synth").joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip()]
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(",") if part.strip())


def _pairs(cell: str) -> list[tuple[str, float]]:
    out = []
    for part in _split(cell):
        item, _, weight = part.rpartition(":")
        out.append((item, float(weight)))
    return out


def _given_name(row: dict[str, str]) -> GivenName:
    return GivenName(
        uly=row["uly"],
        sex=row["sex"],
        weight=int(row["weight"]),
        arabic=row["arabic"],
        cyrillic=row["cyrillic"],
        chinese=row["chinese"],
        pinyin=row["pinyin"],
        spellings={"tr": _split(row["turkish"]), "en": _split(row["english"]), "de": _split(row["german"])},
    )


def _place(row: dict[str, str]) -> Place:
    return Place(
        code=row["code"],
        weight=int(row["weight"]),
        prefecture=row["prefecture"],
        uly=row["uly"],
        arabic=row["arabic"],
        chinese=_split(row["chinese"]),
        spellings={
            "en": _split(row["english"]),
            "tr": _split(row["turkish"]),
            "de": _split(row["german"]),
            "cyr": _split(row["cyrillic"]),
        },
    )


def _country(row: dict[str, str]) -> Country:
    return Country(
        code=row["code"],
        name=row["name"],
        prose=row["prose"],
        adjective=row["adjective"],
        spelling=row["spelling"],
        cyrillic=float(row["cyrillic"]),
        languages=Weighted(_pairs(row["languages"])),
        cities=Weighted(_pairs(row["cities"])),
        consulates=_split(row["consulates"]),
    )


@lru_cache(maxsize=1)
def load_tables() -> Tables:
    names = [_given_name(row) for row in _read_tsv("names.tsv")]
    places = [_place(row) for row in _read_tsv("places.tsv")]
    countries = [(c, float(row["weight"])) for row in _read_tsv("countries.tsv") for c in [_country(row)]]
    phrases: dict[str, list[str]] = {}
    for row in _read_tsv("phrases.tsv"):
        phrases.setdefault(row["kind"], []).append(row["text"])
    return Tables(
        male=Weighted([(n, n.weight) for n in names if n.sex == "M"]),
        female=Weighted([(n, n.weight) for n in names if n.sex == "F"]),
        places=Weighted([(p, p.weight) for p in places]),
        countries=Weighted(countries),
        phrases={kind: tuple(texts) for kind, texts in phrases.items()},
    )


# ----------------------------------------------------------------------------------------------- dates


def _day_between(rng: random.Random, lo: date, hi: date) -> date:
    if hi <= lo:
        return lo
    return date.fromordinal(rng.randint(lo.toordinal(), hi.toordinal()))


def _years_before(day: date, years: int) -> date:
    # 29 February has no twin in most years; the 28th keeps the age arithmetic monotone.
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _birth_text(rng: random.Random, born: date, weights: tuple[int, int, int, int, int]) -> str | None:
    """Render a true birth date with the precision a source would give; the truth is always inside."""
    precision = rng.choices(("day", "month", "year", "years", "age"), weights)[0]
    if precision == "day":
        return born.isoformat()
    if precision == "month":
        return born.isoformat()[:7]
    if precision == "year":
        return str(born.year)
    if precision == "years":
        first = born.year - rng.randint(0, 2)
        last = min(born.year + rng.randint(0, 2), TODAY.year - 1)  # a range never reaches into the future
        return f"{first}/{last}" if first < last else str(born.year)
    # "aged N when asked": the source knows only an age on a day, which spans a year of birth dates.
    asked = _day_between(rng, max(born + timedelta(days=400), date(2018, 1, 1)), TODAY)
    age = _age_on(born, asked)
    start = _years_before(asked, age + 1) + timedelta(days=1)
    return f"{start.isoformat()}/{_years_before(asked, age).isoformat()}"


def _event_date_text(rng: random.Random, day: date, not_before: date) -> str:
    """Mostly exact; coarser only when the whole coarse period lies between ``not_before`` and TODAY."""
    roll = rng.random()
    if roll < 0.08 and date(day.year, 1, 1) >= not_before and day.year < TODAY.year:
        return str(day.year)
    if roll < 0.30 and day.replace(day=1) >= not_before and (day.year, day.month) < (TODAY.year, TODAY.month):
        return day.isoformat()[:7]
    return day.isoformat()


def _last_day_meant(text: str) -> date:
    """The latest day a canonical event date can mean: "2017" reaches 31 December 2017."""
    bits = [int(b) for b in text.split("-")]
    if len(bits) == 3:
        return date(*bits)
    if len(bits) == 2:
        return date(bits[0] + bits[1] // 12, bits[1] % 12 + 1, 1) - timedelta(days=1)
    return date(bits[0], 12, 31)


def _month_year(day: date) -> str:
    return day.strftime("%B %Y")


def _long_date(day: date) -> str:
    return f"{day.day} {day.strftime('%B %Y')}"


# ------------------------------------------------------------------------------------------- spellings


_ASCII_FOLD = str.maketrans({"é": "e", "É": "E", "ö": "o", "Ö": "O", "ü": "u", "Ü": "U"})
_VOWELS = "aeiouöüéı"


def _spell_given(rng: random.Random, name: GivenName, style: str) -> str:
    variants = name.spellings.get(style)
    if not variants:
        # ULY users often drop the diacritics when typing on a foreign keyboard.
        return name.uly.translate(_ASCII_FOLD) if rng.random() < 0.3 else name.uly
    if len(variants) == 1 or rng.random() < 0.75:
        return variants[0]
    return rng.choice(variants[1:])


def _spell_place(
    rng: random.Random, place: Place, style: str, cyrillic: float, chinese: bool, latin: bool = False
) -> str:
    roll = rng.random()
    if chinese and not latin and roll < 0.1:
        return place.chinese[0] if rng.random() < 0.7 else place.chinese[-1]
    if not latin and rng.random() < cyrillic * 0.8:
        return place.spellings["cyr"][0]
    variants = place.spellings.get(style)
    if not variants:
        if roll < 0.35:
            return place.uly
        variants = place.spellings["en"]
    if len(variants) == 1 or rng.random() < 0.7:
        return variants[0]
    return rng.choice(variants[1:])


def _typo(rng: random.Random, text: str) -> str:
    """One keyboard slip inside a word, never on its first letter (people rarely get that wrong)."""
    positions = [i for i in range(1, len(text) - 1) if text[i].isalpha() and text[i + 1].isalpha()]
    if not positions:
        return text
    i = rng.choice(positions)
    slip = rng.randrange(4)
    if slip == 0:
        return text[:i] + text[i + 1 :]
    if slip == 1:
        return text[:i] + text[i] + text[i:]
    if slip == 2:
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    swap = {"a": "e", "e": "a", "i": "e", "u": "o", "o": "u", "é": "e", "ü": "u", "ö": "o"}
    return text[:i] + swap.get(text[i], text[i]) + text[i + 1 :]


def _alias(rng: random.Random, spelled: str, sex: str) -> str:
    """A pet name or a variant a relative would write: suffixes joined or apart, a dropped vowel..."""
    lower = spelled.lower()
    for suffix in ("jan", "can", "gül", "gul"):
        if lower.endswith(suffix) and len(spelled) > len(suffix) + 2 and rng.random() < 0.6:
            return spelled[: -len(suffix)]
    kind = rng.randrange(4)
    if kind == 0:
        suffix = "jan" if sex == "M" else rng.choice(("xan", "han", "jan"))
        return spelled + (suffix if rng.random() < 0.6 else " " + suffix)
    if kind == 1 and sex == "F" and not lower.endswith(("gül", "gul")):
        return spelled + rng.choice(("gül", "gul", " gul"))
    if kind == 2:
        inner = [i for i in range(1, len(spelled) - 1) if spelled[i] in _VOWELS]
        if inner:
            i = rng.choice(inner)
            return spelled[:i] + spelled[i + 1 :]
    consonants = [i for i in range(1, len(spelled)) if spelled[i].isalpha() and spelled[i] not in _VOWELS]
    if consonants:
        i = rng.choice(consonants)
        return spelled[:i] + spelled[i] + spelled[i:]
    return spelled + "jan"


def _chinese_form(rng: random.Random, given: GivenName, father: GivenName) -> str:
    roll = rng.random()
    if roll < 0.06:
        return given.chinese
    sep = rng.choices(("·", "‧", "．"), (85, 8, 7))[0]
    if roll < 0.10:
        return f"{father.chinese}{sep}{given.chinese}"
    return f"{given.chinese}{sep}{father.chinese}"


def _consulate_city(authority: str) -> str | None:
    return authority.rpartition(" in ")[2] or None if " in " in authority else None


def _is_latin(text: str) -> bool:
    return all(ord(ch) < 0x250 for ch in text)


def uly_name(person: Person) -> str:
    """The exact ULY full name "Given Father" that every generated person carries.

    It is ``names[0]`` when the primary form already is exact ULY, otherwise ``names[1]``: the generator
    never puts another Latin full form in second place.
    """
    if len(person.names) > 1:
        second = person.names[1]
        if second.kind == "full" and _is_latin(second.text):
            return second.text
    return person.names[0].text


# ---------------------------------------------------------------------------------------------- drafts


@dataclass(eq=False)
class _Draft:
    """A person while the family is being built; statuses change as the story unfolds."""

    key: str
    role: str
    sex: str
    given: GivenName
    father: GivenName
    born: date
    birth: str | None
    birthplace: str | None
    in_china: bool
    home: Place
    status: str = "unknown"
    status_place: str | None = None
    description: str = ""


@dataclass(eq=False)
class _Event:
    kind: str
    day: date
    text: str
    place: str | None
    persons: tuple[_Draft, ...]
    description: str


@dataclass
class _Story:
    """Facts later steps need: who looked after whom, and when the family lost them."""

    caregivers: list[_Draft] = field(default_factory=list)
    caregiver_side: str = "maternal"
    first_detention: date | None = None
    detained_caregiver: _Draft | None = None
    interrogated_caregiver: _Draft | None = None
    placed: list[tuple[_Draft, str]] = field(default_factory=list)
    last_contacts: dict[str, date] = field(default_factory=dict)
    no_contact: bool = False
    harassed: bool = False
    guardian: _Draft | None = None
    reunified: list[_Draft] = field(default_factory=list)
    detained: list[_Draft] = field(default_factory=list)
    reunified_on: date | None = None


# --------------------------------------------------------------------------------------------- builder


class _FamilyBuilder:
    def __init__(self, seed: int, index: int, tables: Tables) -> None:
        self.rng = random.Random(f"reunite-synth:{seed}:{index}")  # nosec B311 # reproducible, nothing secret
        self.tables = tables
        self.key = f"s{seed}-f{index:06d}"
        self.persons: list[_Draft] = []
        self.relations: list[tuple[_Draft, str, _Draft]] = []
        self.events: list[_Event] = []
        self.story = _Story()
        self.country = tables.countries.pick(self.rng)
        self.city = self.country.cities.pick(self.rng)
        self.style = self.country.spelling
        self.hometown = tables.places.pick(self.rng)
        self.mothers_home = self.hometown if self.rng.random() < 0.7 else tables.places.pick(self.rng)
        self.flight = self._flight_date()
        self.story.caregiver_side = "maternal" if self.rng.random() < 0.6 else "paternal"
        self.care_home = self.mothers_home if self.story.caregiver_side == "maternal" else self.hometown

    # -- small helpers ---------------------------------------------------------------------------

    def _phrase(self, kind: str) -> str:
        return self.rng.choice(self.tables.phrases[kind])

    def _pick_name(self, sex: str, avoid: Sequence[GivenName] = ()) -> GivenName:
        table = self.tables.male if sex == "M" else self.tables.female
        for _ in range(20):
            name = table.pick(self.rng)
            if name not in avoid:
                return name
        return name

    def _where(self, place: Place, chinese: bool = True, latin: bool = False) -> str:
        return _spell_place(self.rng, place, self.style, self.country.cyrillic, chinese, latin)

    def _abroad(self) -> str:
        return f"{self.city}, {self.country.name}"

    def _add(
        self,
        role: str,
        sex: str,
        given: GivenName,
        father: GivenName,
        born: date,
        *,
        birth: str | None,
        birthplace: str | None,
        in_china: bool = True,
        home: Place | None = None,
    ) -> _Draft:
        draft = _Draft(
            key=f"{self.key}-p{len(self.persons):02d}",
            role=role,
            sex=sex,
            given=given,
            father=father,
            born=born,
            birth=birth,
            birthplace=birthplace,
            in_china=in_china,
            home=home or self.hometown,
        )
        self.persons.append(draft)
        return draft

    def _event(
        self,
        kind: str,
        day: date,
        persons: Sequence[_Draft],
        place: str | None = None,
        not_before: date | None = None,
        phrase: str | None = None,
        **fmt: str,
    ) -> None:
        if not_before is not None:
            # A coarse date must not seem to precede what already happened to the same people.
            earlier = [e.day for e in self.events if e.day <= day and set(e.persons) & set(persons)]
            not_before = max([not_before, *earlier])
        text = _event_date_text(self.rng, day, not_before) if not_before else day.isoformat()
        phrase = phrase or f"ev_{kind}"
        description = self._phrase(phrase).format(**fmt) if phrase in self.tables.phrases else ""
        self.events.append(_Event(kind, day, text, place, tuple(persons), description))

    def _relate(self, a: _Draft, kind: str, b: _Draft) -> None:
        self.relations.append((a, kind, b))

    # -- people ----------------------------------------------------------------------------------

    def _flight_date(self) -> date:
        year = self.rng.choices((2013, 2014, 2015, 2016, 2017, 2018), (1, 2, 3, 5, 3, 1))[0]
        end = date(2018, 10, 31) if year == 2018 else date(year, 12, 31)
        return _day_between(self.rng, date(year, 1, 1), end)

    def _born_in(self, lo_year: int, hi_year: int) -> date:
        return _day_between(self.rng, date(lo_year, 1, 1), date(hi_year, 12, 31))

    def _birthplace(self, place: Place, missing: float) -> str | None:
        return None if self.rng.random() < missing else self._where(place)

    def build_parents(self) -> tuple[_Draft, _Draft, int]:
        rng = self.rng
        married = self.flight.year - rng.randint(2, 17)
        mother_born = self._born_in(married - 27, married - 19)
        father_born = self._born_in(mother_born.year - 7, mother_born.year + (2 if rng.random() < 0.1 else 0))
        paternal_grandfather = self._pick_name("M")
        maternal_grandfather = self._pick_name("M")
        seeker_is_father = rng.random() < 0.55
        parent_weights = (60, 5, 30, 5, 0)

        def add_father() -> _Draft:
            return self._add(
                "father",
                "M",
                self._pick_name("M"),
                paternal_grandfather,
                father_born,
                birth=_birth_text(rng, father_born, parent_weights),
                birthplace=self._birthplace(self.hometown, 0.1),
            )

        def add_mother() -> _Draft:
            return self._add(
                "mother",
                "F",
                self._pick_name("F"),
                maternal_grandfather,
                mother_born,
                birth=_birth_text(rng, mother_born, parent_weights),
                birthplace=self._birthplace(self.mothers_home, 0.1),
                home=self.mothers_home,
            )

        # The seeker is always person 0, so keys read the same way in every family.
        if seeker_is_father:
            father = add_father()
            mother = add_mother()
            seeker, spouse = father, mother
        else:
            mother = add_mother()
            father = add_father()
            seeker, spouse = mother, father
        seeker.in_china = False
        seeker.status, seeker.status_place = "abroad", self._abroad()
        self._relate(seeker, "spouse", spouse)
        return father, mother, married

    def build_children(self, father: _Draft, mother: _Draft, married: int, latest: date) -> list[_Draft]:
        rng = self.rng
        wanted = rng.choices((1, 2, 3, 4, 5), (22, 32, 25, 13, 8))[0]
        born = _day_between(
            rng,
            date(married, 1, 1) + timedelta(days=270),
            min(date(married + 3, 12, 31), self.flight - timedelta(days=60)),
        )
        children: list[_Draft] = []
        names: list[GivenName] = [father.given]
        while len(children) < wanted and born <= latest:
            sex = "M" if rng.random() < 0.51 else "F"
            given = self._pick_name(sex, names)
            names.append(given)
            abroad_born = born > self.flight
            child = self._add(
                "child",
                sex,
                given,
                father.given,
                born,
                birth=_birth_text(rng, born, (75, 10, 8, 2, 5)),
                birthplace=(self.city if abroad_born else self._birthplace(self.hometown, 0.05)),
                in_china=not abroad_born,
                home=self.care_home,
            )
            children.append(child)
            self._relate(father, "parent", child)
            self._relate(mother, "parent", child)
            born += timedelta(days=rng.randint(400, 1500))
        for i, elder in enumerate(children):
            for younger in children[i + 1 :]:
                self._relate(elder, "sibling", younger)
        return children

    def choose_left_behind(self, children: list[_Draft], spouse_abroad: bool) -> list[_Draft]:
        """Parents took some of the youngest with them; at least one child stayed in Xinjiang."""
        before = [c for c in children if c.in_china]
        left: list[_Draft] = []
        for child in before:
            youngest = child is before[-1]
            taken = spouse_abroad and self.rng.random() < (0.2 if youngest else 0.08)
            if taken:
                child.in_china = False
                child.status, child.status_place = "abroad", self._abroad()
            else:
                left.append(child)
        if not left:
            eldest = before[0]
            eldest.in_china, eldest.status, eldest.status_place = True, "unknown", None
            left.append(eldest)
        for child in children:
            if not child.in_china and child.status != "abroad":
                child.status, child.status_place = "abroad", self._abroad()
        return left

    def build_grandparents(self, father: _Draft, mother: _Draft, children: list[_Draft]) -> None:
        rng = self.rng
        for side, parent, home in (
            ("paternal", father, self.hometown),
            ("maternal", mother, self.mothers_home),
        ):
            caring = side == self.story.caregiver_side
            count = (2 if rng.random() < 0.85 else 1) if caring else rng.choices((0, 1, 2), (62, 18, 20))[0]
            members = ("M", "F") if count == 2 else (rng.choice(("M", "F")),) if count == 1 else ()
            couple: list[_Draft] = []
            for sex in members:
                age_gap = rng.randint(20, 34) if sex == "M" else rng.randint(18, 30)
                born = self._born_in(max(1925, parent.born.year - age_gap - 2), parent.born.year - age_gap)
                given = parent.father if sex == "M" else self._pick_name("F")
                grandparent = self._add(
                    f"{side}_grand{'father' if sex == 'M' else 'mother'}",
                    sex,
                    given,
                    self._pick_name("M"),
                    born,
                    birth=_birth_text(rng, born, (15, 3, 50, 25, 2)) if rng.random() > 0.05 else None,
                    birthplace=self._birthplace(home, 0.25),
                    home=home,
                )
                couple.append(grandparent)
                self._relate(grandparent, "parent", parent)
                for child in children:
                    self._relate(grandparent, "grandparent", child)
            if len(couple) == 2:
                self._relate(couple[0], "spouse", couple[1])
            if caring:
                self.story.caregivers = couple

    def build_sibling(self, seeker: _Draft) -> _Draft | None:
        if self.rng.random() >= 0.2:
            return None
        sex = "M" if self.rng.random() < 0.5 else "F"
        born = self._born_in(seeker.born.year - 10, min(seeker.born.year + 10, 2000))
        home = self.hometown if seeker.role == "father" else self.mothers_home
        sibling = self._add(
            "sibling",
            sex,
            self._pick_name(sex, [seeker.given]),
            seeker.father,
            born,
            birth=_birth_text(self.rng, born, (50, 5, 40, 5, 0)),
            birthplace=self._birthplace(home, 0.15),
            home=home,
        )
        self._relate(sibling, "sibling", seeker)
        for a, kind, b in list(self.relations):
            if kind == "parent" and b is seeker:
                self._relate(a, "parent", sibling)
        return sibling

    # -- what happened ---------------------------------------------------------------------------

    def spouse_fate(self) -> str:
        return self.rng.choices(("abroad", "china", "deceased"), (70, 22, 8))[0]

    def tell_departure(self, seeker: _Draft, spouse: _Draft, fate: str, left: list[_Draft]) -> None:
        rng = self.rng
        together = fate == "abroad" and rng.random() < 0.8
        leavers = [seeker, spouse] if together else [seeker]
        if rng.random() < 0.45:
            self.story.harassed = True
            day = _day_between(
                rng, max(date(2012, 1, 1), self.flight - timedelta(days=540)), self.flight - timedelta(days=7)
            )
            self._event(
                "harassment",
                day,
                leavers if fate == "abroad" else [seeker],
                self._where(self.hometown),
                not_before=date(2012, 1, 1),
            )
        who = "The parents" if together else f"The {seeker.role}"
        young = "the child" if len(left) == 1 else "the children"
        carers = self._caregivers_words()
        self._event(
            "separation",
            self.flight,
            [*leavers, *left],
            self._where(self.hometown),
            seekers=who,
            country=self.country.prose,
            children=young,
            caregivers=carers,
        )
        if rng.random() < 0.5:
            self._event("travel", self.flight, leavers, self.city, city=self.city)
        if fate == "abroad" and not together:
            joined = _day_between(
                rng,
                self.flight + timedelta(days=30),
                max(self.flight + timedelta(days=30), date(2018, 12, 31)),
            )
            self._event("travel", joined, [spouse], self.city, city=self.city)

    def tell_spouse_death(self, spouse: _Draft, children: list[_Draft]) -> None:
        after = max(c.born for c in children) + timedelta(days=30)
        died = _day_between(self.rng, after, max(after, self.flight - timedelta(days=30)))
        self._event("death", died, [spouse], self._where(spouse.home), not_before=spouse.born)
        spouse.status = "deceased"

    def _caregivers_words(self) -> str:
        cgs = self.story.caregivers
        side = self.story.caregiver_side
        if len(cgs) == 2:
            return f"the {side} grandparents"
        if len(cgs) == 1:
            return f"the {side} grand{'father' if cgs[0].sex == 'M' else 'mother'}"
        return "relatives"

    def tell_caregivers(self) -> None:
        rng = self.rng
        taken = rng.random() < 0.62
        lo = max(self.flight + timedelta(days=20), date(2017, 1, 1))
        hi = date(2018, 12, 31)
        for n, carer in enumerate(self.story.caregivers):
            last = n == len(self.story.caregivers) - 1
            if taken and lo <= hi and (rng.random() < 0.75 or (last and self.story.detained_caregiver is None)):
                self._detain(carer, _day_between(rng, lo, hi))
            else:
                self._spare(carer)

    def _detain(self, person: _Draft, day: date) -> None:
        rng = self.rng
        self.story.detained.append(person)
        self._event("detention", day, [person], self._where(person.home), not_before=person.born)
        if person in self.story.caregivers:
            if self.story.first_detention is None or day < self.story.first_detention:
                self.story.first_detention = day
            self.story.detained_caregiver = self.story.detained_caregiver or person
        fate = rng.choices(("detained", "imprisoned", "released", "hospitalised", "deceased"), (45, 15, 25, 5, 10))[0]
        person.status = fate
        if fate == "released":
            out = _day_between(rng, day + timedelta(days=120), max(day + timedelta(days=120), date(2020, 12, 31)))
            self._event("release", out, [person], self._where(person.home), not_before=person.born)
            person.status = "at_liberty"
        elif fate == "hospitalised":
            ill = _day_between(rng, day + timedelta(days=30), day + timedelta(days=400))
            self._event("hospitalisation", ill, [person], self._where(person.home), not_before=person.born)
        elif fate == "deceased":
            died = _day_between(rng, day + timedelta(days=60), min(day + timedelta(days=900), TODAY))
            self._event("death", died, [person], None, not_before=person.born, phrase="ev_death_in_custody")

    def _spare(self, person: _Draft) -> None:
        """A caregiver left at home: often questioned, sometimes ill from it, rarely heard from."""
        rng = self.rng
        person.status = "at_liberty" if rng.random() < 0.55 else "unknown"
        last_seen = max(self.flight, date(2017, 1, 1))
        if rng.random() < 0.4:
            day = _day_between(rng, max(self.flight + timedelta(days=10), date(2017, 1, 1)), date(2019, 6, 30))
            self._event("interrogation", day, [person], self._where(person.home), not_before=person.born)
            self.story.interrogated_caregiver = self.story.interrogated_caregiver or person
            if rng.random() < 0.35:
                ill = day + timedelta(days=rng.randint(3, 120))
                self._event("hospitalisation", ill, [person], self._where(person.home), not_before=person.born)
                if rng.random() < 0.4:
                    person.status = "hospitalised"
                day = ill
            last_seen = day + timedelta(days=10)
        if rng.random() < 0.05:
            died = _day_between(rng, last_seen, max(last_seen, date(2020, 12, 31)))
            self._event("death", died, [person], None, not_before=person.born)
            person.status = "deceased"

    def tell_relatives(self, spouse: _Draft, fate: str, sibling: _Draft | None) -> None:
        rng = self.rng
        lo = max(self.flight + timedelta(days=20), date(2017, 1, 1))
        if fate == "china":
            roll = rng.random()
            detained = roll < 0.7 and lo <= date(2018, 12, 31)
            taken = _day_between(rng, lo, date(2018, 12, 31)) if detained else date(2018, 12, 31)
            if rng.random() < 0.25:
                day = _day_between(rng, max(self.flight, date(2016, 6, 1)), min(taken, date(2018, 6, 30)))
                self._event("passport_confiscation", day, [spouse], self._where(spouse.home), not_before=spouse.born)
            if detained:
                self._detain(spouse, taken)
            else:
                spouse.status = "at_liberty" if roll < 0.85 else "unknown"
        if sibling is not None:
            roll = rng.random()
            if roll < 0.3 and lo <= date(2018, 12, 31):
                self._detain(sibling, _day_between(rng, lo, date(2018, 12, 31)))
            else:
                sibling.status = "at_liberty" if roll < 0.8 else "unknown"
            if sibling.status == "at_liberty" and self.story.first_detention and rng.random() < 0.4:
                self.story.guardian = sibling
        for person in self.persons:
            if person.role.endswith(("grandfather", "grandmother")) and person not in self.story.caregivers:
                self._fate_of_other_grandparent(person)

    def _fate_of_other_grandparent(self, person: _Draft) -> None:
        rng = self.rng
        roll = rng.random()
        if roll < 0.2 and self.flight < date(2018, 12, 1):
            self._detain(
                person,
                _day_between(rng, max(self.flight + timedelta(days=20), date(2017, 1, 1)), date(2018, 12, 31)),
            )
        elif roll < 0.45:
            person.status = "deceased"
            if rng.random() < 0.5:
                self._event(
                    "death",
                    _day_between(rng, date(2014, 1, 1), date(2020, 12, 31)),
                    [person],
                    None,
                    not_before=person.born,
                )
        else:
            person.status = "at_liberty" if roll < 0.75 else "unknown"

    def tell_children(self, left: list[_Draft]) -> None:
        rng = self.rng
        first = self.story.first_detention
        helpless = all(c in self.story.detained for c in self.story.caregivers)
        for child in left:
            if _age_on(child.born, date(2018, 1, 1)) >= 18:
                self._adult_child(child)
            elif first is not None and (helpless or rng.random() < 0.35) and self.story.guardian is None:
                self._place(child, first + timedelta(days=rng.randint(5, 150)))
            elif self.story.guardian is not None:
                child.status = "with_relatives"
                self._relate(self.story.guardian, "guardian", child)
            else:
                self._stay_home(child)
            if rng.random() < 0.12:
                day = _day_between(rng, max(self.flight, date(2017, 1, 1)), date(2018, 12, 31))
                self._event("passport_confiscation", day, [child], self._where(child.home), not_before=child.born)
            if rng.random() < 0.05 and _age_on(child.born, date(2019, 1, 1)) >= 10:
                day = _day_between(rng, max(self.flight, date(2017, 6, 1)), date(2019, 12, 31))
                self._event("exit_ban", day, [child], self._where(child.home), not_before=child.born)
            if rng.random() < 0.04 and child.status != "deceased":
                child.status = "disappeared"

    def _adult_child(self, child: _Draft) -> None:
        roll = self.rng.random()
        if roll < 0.2:
            self._detain(
                child,
                _day_between(
                    self.rng,
                    max(self.flight + timedelta(days=20), date(2017, 1, 1)),
                    max(self.flight + timedelta(days=20), date(2018, 12, 31)),
                ),
            )
        else:
            child.status = "at_liberty" if roll < 0.6 else "unknown"

    def _place(self, child: _Draft, day: date, orphanage: bool = True) -> None:
        day = min(day, date(2019, 12, 31))
        age = _age_on(child.born, day)
        if age >= 17:
            child.status = "unknown"
            return
        if orphanage and (age < 6 or (age < 14 and self.rng.random() < 0.55)):
            kind, status = "orphanage_placement", "state_orphanage"
        else:
            kind, status = "boarding_school_placement", "boarding_school"
        self._event(kind, day, [child], self._where(child.home), not_before=child.born)
        child.status = status
        self.story.placed.append((child, status))

    def _stay_home(self, child: _Draft) -> None:
        rng = self.rng
        at_home = any(c.status == "at_liberty" for c in self.story.caregivers)
        roll = rng.random()
        if roll < 0.2 and _age_on(child.born, date(2018, 9, 1)) >= 6:
            # With the grandparents free, the state takes school-age children to boarding schools only.
            self._place(child, _day_between(rng, max(self.flight, date(2017, 3, 1)), date(2019, 9, 1)), False)
        elif roll < 0.65 and at_home:
            child.status = "with_relatives"
        else:
            child.status = "unknown"

    def tell_last_contacts(self, seeker: _Draft, left: list[_Draft], others: list[_Draft]) -> None:
        rng = self.rng
        if rng.random() < 0.15:
            self.story.no_contact = True
            return
        latest = date(2019, 12, 31)
        if self.story.first_detention is not None:
            latest = min(latest, self.story.first_detention + timedelta(days=45))
        for person, chance in [*((c, 0.92) for c in left), *((o, 0.5) for o in others)]:
            if rng.random() >= chance:
                continue
            lo = max(self.flight + timedelta(days=1), person.born + timedelta(days=60), date(2016, 1, 1))
            hi = min(latest, self._reachable_until(person))
            if hi < lo:
                continue
            day = _day_between(rng, lo, hi)
            place = self._where(person.home) if rng.random() < 0.3 else None
            self._event("last_contact", day, [person, seeker], place, not_before=person.born)
            self.story.last_contacts[person.key] = day
        if rng.random() < 0.08:
            day = _day_between(rng, max(self.flight, date(2017, 1, 1)), date(2019, 12, 31))
            target = rng.choice([*left, *others])
            self._event("other", day, [target], self._where(target.home), not_before=target.born)

    def _reachable_until(self, person: _Draft) -> date:
        """Nobody calls from a camp or a grave; an orphanage allows a few weeks of calls at most."""
        until = TODAY
        for event in self.events:
            if person in event.persons:
                if event.kind in ("detention", "death"):
                    until = min(until, event.day - timedelta(days=1))
                elif event.kind == "orphanage_placement":
                    until = min(until, event.day + timedelta(days=30))
        return until

    # -- the case --------------------------------------------------------------------------------

    def decide_case(self, left: list[_Draft]) -> str:
        known = any(c.status not in ("unknown", "disappeared") for c in left)
        statuses = ("open", "tracing", "located", "reunification_in_progress", "reunified", "closed")
        weights = (25, 25, 22, 17, 6, 5) if known else (55, 40, 0, 0, 0, 5)
        case = self.rng.choices(statuses, weights)[0]
        if case == "reunified" and not self.reunification_possible(left):
            return "reunification_in_progress"
        return case

    def build_applications(self, case: str, seeker: _Draft, spouse: _Draft, left: list[_Draft]) -> list[Application]:
        rng = self.rng
        if case == "reunified":
            return [self._reunify(seeker, left)]
        if case == "reunification_in_progress":
            status = rng.choices(("preparing", "submitted", "approved", "refused", "visa_issued"), (20, 35, 15, 25, 5))[
                0
            ]
        elif case == "located" and rng.random() < 0.35:
            status = rng.choice(("preparing", "submitted", "refused"))
        elif case == "closed" and rng.random() < 0.4:
            status = "withdrawn"
        elif case in ("open", "tracing") and rng.random() < 0.05:
            status = rng.choice(("preparing", "submitted"))
        else:
            return []
        kind = rng.choices(("family_reunification_visa", "humanitarian", "asylum"), (85, 10, 5))[0]
        applicants = self._applicants(kind, seeker, spouse, left)
        if not applicants:
            # Every child left behind has died: only the parents' own protection remains to ask for.
            kind = "asylum"
            applicants = self._applicants(kind, seeker, spouse, left)
        if status == "preparing":
            return [self._application(kind, status, None, None, applicants)]
        filed = _day_between(rng, max(self.flight + timedelta(days=180), date(2018, 1, 1)), TODAY - timedelta(days=60))
        decided: date | None = filed + timedelta(days=rng.randint(60, 420))
        if status == "submitted" or (decided is not None and decided > TODAY):
            status, decided = "submitted", None
        app = self._application(kind, status, filed, decided, applicants)
        self._event("visa_application", filed, [seeker, *applicants], None, authority=app.authority)
        if status == "refused" and decided is not None:
            self._event("refusal", decided, applicants, _consulate_city(app.authority), authority=app.authority)
        return [app]

    def _applicants(self, kind: str, seeker: _Draft, spouse: _Draft, left: list[_Draft]) -> list[_Draft]:
        if kind == "asylum":
            return [seeker, spouse] if spouse.status == "abroad" else [seeker]
        alive = [c for c in left if c.status != "deceased"]
        chosen = [c for c in alive if c.status not in ("detained", "imprisoned")] or alive
        if spouse.status in ("at_liberty", "unknown") and spouse.in_china and self.rng.random() < 0.5:
            chosen.append(spouse)
        return chosen

    def _authority(self, kind: str) -> str:
        adjective = self.country.adjective
        if kind == "asylum":
            return f"{adjective} immigration authority"
        if kind == "family_reunification_visa" and self.rng.random() < 0.55:
            return f"{adjective} consulate in {self.rng.choice(self.country.consulates)}"
        return f"{adjective} embassy in Beijing"

    def _obstacles(self, status: str) -> str:
        count = {"refused": self.rng.choice((1, 1, 2)), "withdrawn": 1}.get(status, 1 if self.rng.random() < 0.4 else 0)
        chosen = self.rng.sample(self.tables.phrases["obstacle"], count)
        text = "; ".join(chosen)
        return text[:1].upper() + text[1:]

    def _application(
        self, kind: str, status: str, filed: date | None, decided: date | None, applicants: list[_Draft]
    ) -> Application:
        return Application(
            country=self.country.code,
            authority=self._authority(kind),
            kind=kind,
            status=status,
            filed_on=filed.isoformat() if filed else None,
            decided_on=decided.isoformat() if decided else None,
            obstacles=self._obstacles(status),
            applicants=tuple(a.key for a in applicants),
        )

    def reunification_possible(self, left: list[_Draft]) -> bool:
        """Reunified cases need room after the children's last recorded event for a visa and a journey."""
        return self._reunification_window(self._coming(left)) is not None

    def _coming(self, left: list[_Draft]) -> list[_Draft]:
        alive = [c for c in left if c.status not in ("deceased", "detained", "imprisoned")]
        minors = [c for c in alive if _age_on(c.born, date(2019, 1, 1)) < 18]
        return minors or alive

    def _reunification_window(self, coming: list[_Draft]) -> tuple[date, date] | None:
        if not coming:
            return None
        before = max((e.day for e in self.events if any(p in coming for p in e.persons)), default=self.flight)
        lo = max(before + timedelta(days=200), date(2019, 3, 1))
        hi = TODAY - timedelta(days=10)
        return (before, lo) if lo <= hi else None

    def _reunify(self, seeker: _Draft, left: list[_Draft]) -> Application:
        rng = self.rng
        coming = self._coming(left)
        window = self._reunification_window(coming)
        if window is None:
            raise RuntimeError("decide_case only picks 'reunified' when a window exists")
        before, lo = window
        arrived = _day_between(rng, lo, TODAY - timedelta(days=10))
        filed = max(arrived - timedelta(days=rng.randint(200, 600)), before + timedelta(days=1))
        decided = _day_between(rng, filed + timedelta(days=30), arrived - timedelta(days=20))
        app = self._application("family_reunification_visa", "visa_issued", filed, decided, coming)
        self._event("visa_application", filed, [seeker, *coming], None, authority=app.authority)
        if rng.random() < 0.5:
            consulate = _consulate_city(app.authority)
            self._event("travel", _day_between(rng, decided, arrived), coming, consulate, city=consulate or "Beijing")
            self.events[-1].description = self._phrase("travel_to_authority").format(authority=app.authority)
        self._event("reunification", arrived, [seeker, *coming], self.city, city=self.city)
        for child in coming:
            child.status, child.status_place = "abroad", self._abroad()
        self.story.reunified = coming
        self.story.reunified_on = arrived
        return app

    # -- testimony -------------------------------------------------------------------------------

    def build_testimony(self, seeker: _Draft, spouse: _Draft, left: list[_Draft], apps: list[Application]) -> Testimony:
        rng = self.rng
        # Given after everything it tells, even events the source dates only by month or year.
        latest = max(_last_day_meant(e.text) for e in self.events)
        given_on = _day_between(rng, min(TODAY, max(latest + timedelta(days=1), date(2018, 6, 1))), TODAY)
        text = " ".join(self._testimony_sentences(seeker, spouse, left, apps, given_on))
        sensitivity = rng.choices(("public", "restricted", "confidential"), (8, 22, 70))[0]
        named = rng.random() < (0.8 if sensitivity == "public" else 0.1)
        return Testimony(
            testifier=seeker.key,
            given_on=given_on.isoformat(),
            recorded_by=self._phrase("recorder").format(city=self.city),
            language=self.country.languages.pick(rng),
            text=text,
            sensitivity=sensitivity,
            may_be_named=named,
            may_quote_anonymously=named or rng.random() < 0.65,
            may_share_with_partners=rng.random() < 0.5,
            may_share_with_governments=rng.random() < 0.35,
            may_contact=rng.random() < 0.85,
        )

    def _testimony_sentences(
        self, seeker: _Draft, spouse: _Draft, left: list[_Draft], apps: list[Application], given_on: date
    ) -> list[str]:
        rng = self.rng
        couple = spouse.status == "abroad"
        words = self._testimony_words(seeker, spouse, left, couple)
        opening = "t_flight_harassment" if self.story.harassed else "t_flight_couple" if couple else "t_flight_alone"
        fixed = [self._say(opening, words), self._say("t_children_left", words)]
        optional = self._optional_sentences(left, apps, given_on, words)
        keep = sorted(rng.sample(range(len(optional)), min(len(optional), rng.randint(0, 3))))
        return fixed + [optional[i] for i in keep]

    def _say(self, kind: str, words: dict[str, str]) -> str:
        return self._phrase(kind).format(**words)

    def _testimony_words(self, seeker: _Draft, spouse: _Draft, left: list[_Draft], couple: bool) -> dict[str, str]:
        spouse_word = "husband" if spouse.sex == "M" else "wife"
        children = self._children_words(left, "our" if couple else "my")
        return {
            "hometown": self._where(self.hometown, latin=True),
            "home": self._where(self.care_home, latin=True),
            "country": self.country.prose,
            "Country": self.country.prose[:1].upper() + self.country.prose[1:],
            "city": self.city,
            "flight_month": _month_year(self.flight),
            "flight_year": str(self.flight.year),
            "spouse_word": spouse_word,
            "children": children,
            "Children": children[:1].upper() + children[1:],
            "caregivers": self._carers_for(seeker, spouse_word, self.story.caregivers),
            "the_children": "the child" if len(left) == 1 else "the children",
            "them": ("him" if left[0].sex == "M" else "her") if len(left) == 1 else "them",
            "my_children": self._children_words(left, "my", named=False),
            "are": "is" if len(left) == 1 else "are",
            "We": "We" if couple else "I",
            "we": "we" if couple else "I",
            "us": "us" if couple else "me",
            "our": "our" if couple else "my",
        }

    def _children_words(self, left: list[_Draft], poss: str, named: bool = True) -> str:
        spelled = [_spell_given(self.rng, c.given, self.style) for c in left]
        sexes = {c.sex for c in left}
        noun = "children" if len(sexes) > 1 else "sons" if sexes == {"M"} else "daughters"
        if len(left) == 1:
            return f"{poss} {'son' if left[0].sex == 'M' else 'daughter'}" + (f" {spelled[0]}" if named else "")
        if not named:
            return f"{poss} {noun}"
        count = ("two", "three", "four", "five")[len(left) - 2]
        if len(left) <= 3 and self.rng.random() < 0.6:
            return f"{poss} {count} {noun} {', '.join(spelled[:-1])} and {spelled[-1]}"
        return f"{poss} {count} {noun}"

    def _carers_for(self, seeker: _Draft, spouse_word: str, carers: list[_Draft]) -> str:
        own = (self.story.caregiver_side == "maternal") == (seeker.sex == "F")
        whose = "my" if own else f"my {spouse_word}'s"
        if len(carers) == 2:
            return f"{whose} parents"
        if len(carers) == 1:
            return f"{whose} {'father' if carers[0].sex == 'M' else 'mother'}"
        return "relatives"

    def _optional_sentences(
        self, left: list[_Draft], apps: list[Application], given_on: date, words: dict[str, str]
    ) -> list[str]:
        seeker_words = dict(words)
        out: list[str] = []
        carer = self.story.detained_caregiver or self.story.interrogated_caregiver
        if carer is not None:
            one = self._carers_for(self.persons[0], words["spouse_word"], [carer])
            detention = next((e.day for e in self.events if e.kind == "detention" and carer in e.persons), None)
            kind = "t_caregiver_detained" if detention else "t_caregiver_interrogated"
            day = detention or self.flight
            out.append(
                self._say(
                    kind,
                    {
                        **seeker_words,
                        "caregiver": one,
                        "Caregiver": one[:1].upper() + one[1:],
                        "pronoun": "he" if carer.sex == "M" else "she",
                        "det_month": _month_year(day),
                        "det_year": str(day.year),
                    },
                )
            )
            if detention and all(c.status != "at_liberty" for c in self.story.caregivers):
                out.append(self._say("t_relatives_afraid", seeker_words))
        if self.story.placed:
            child, status = self.story.placed[0]
            name = _spell_given(self.rng, child.given, self.style)
            kind = "t_placement_orphanage" if status == "state_orphanage" else "t_placement_school"
            out.append(self._say(kind, {**seeker_words, "child": name, "Child": name}))
        out.extend(self._contact_sentences(left, given_on, seeker_words))
        out.extend(self._application_sentences(apps, seeker_words))
        abroad_kids = any(
            p.role == "child" and p.status == "abroad" and p not in self.story.reunified for p in self.persons
        )
        if not self.story.reunified:
            closing = "t_closing_with_kids" if abroad_kids and words["we"] == "we" else "t_closing"
            out.append(self._say(closing, seeker_words))
        return out

    def _contact_sentences(self, left: list[_Draft], given_on: date, words: dict[str, str]) -> list[str]:
        if self.story.no_contact:
            return [self._say("t_no_contact", words)]
        heard = [(self.story.last_contacts[c.key], c) for c in left if c.key in self.story.last_contacts]
        if not heard:
            return []
        day, child = max(heard, key=lambda pair: pair[0])
        name = _spell_given(self.rng, child.given, self.style)
        if self.rng.random() < 0.5 or self.story.reunified:
            return [self._say("t_last_contact", {**words, "child": name, "lc_date": _long_date(day)})]
        them = (
            name
            if len(left) == 1
            else "my daughters"
            if {c.sex for c in left} == {"F"}
            else "my sons"
            if {c.sex for c in left} == {"M"}
            else "my children"
        )
        return [self._say("t_days", {**words, "days": f"{(given_on - day).days:,}", "them": them})]

    def _application_sentences(self, apps: list[Application], words: dict[str, str]) -> list[str]:
        if self.story.reunified and self.story.reunified_on is not None:
            children = self._children_words(self.story.reunified, "our" if words["we"] == "we" else "my")
            return [
                self._say(
                    "t_reunified",
                    {**words, "children": children, "reun_month": _month_year(self.story.reunified_on)},
                )
            ]
        for app in apps:
            if app.filed_on is None or app.kind == "asylum":
                continue
            year = app.filed_on[:4]
            if app.status == "refused" and app.obstacles:
                obstacle = app.obstacles.split("; ")[0]
                return [
                    self._say(
                        "t_app_refused",
                        {**words, "app_year": year, "obstacle": obstacle[:1].lower() + obstacle[1:]},
                    )
                ]
            if app.status in ("submitted", "approved"):
                return [self._say("t_app_waiting", {**words, "app_year": year})]
        return []

    # -- output ----------------------------------------------------------------------------------

    def name_forms(self, d: _Draft) -> tuple[NameForm, ...]:
        rng = self.rng
        style = self.style
        uly = f"{d.given.uly} {d.father.uly}"
        primary = f"{_spell_given(rng, d.given, style)} {_spell_given(rng, d.father, style)}"
        if rng.random() < TYPO_RATE:
            primary = _typo(rng, primary)
        forms = [NameForm(primary, "full")]
        if primary != uly:
            # Second place is reserved for the exact ULY form: see uly_name().
            forms.append(NameForm(uly, "full"))
        if rng.random() < ARABIC_RATE:
            forms.append(NameForm(f"{d.given.arabic} {d.father.arabic}", "full"))
        if rng.random() < self.country.cyrillic:
            forms.append(NameForm(f"{d.given.cyrillic} {d.father.cyrillic}", "full"))
        registered_in_china = d.in_china or d.role != "child"
        if rng.random() < (CHINESE_RATE if d.in_china else 0.2 if registered_in_china else 0.0):
            forms.append(NameForm(_chinese_form(rng, d.given, d.father), "chinese"))
            if rng.random() < PINYIN_RATE:
                pinyin = f"{d.given.pinyin} {d.father.pinyin}"
                forms.append(NameForm(pinyin.upper() if rng.random() < 0.4 else pinyin, "full"))
        if rng.random() < (0.25 if d.role == "child" else 0.08):
            forms.append(NameForm(_spell_given(rng, d.given, style), "given"))
        if rng.random() < 0.04:
            forms.append(NameForm(_spell_given(rng, d.father, style), "father"))
        if rng.random() < ALIAS_RATE:
            forms.append(NameForm(_alias(rng, _spell_given(rng, d.given, style), d.sex), "alias"))
        seen: set[str] = set()
        unique = []
        for form in forms:
            if form.text not in seen:
                seen.add(form.text)
                unique.append(form)
        return tuple(unique)

    def describe(self, children: list[_Draft]) -> None:
        for sex, noun in (("M", "son"), ("F", "daughter")):
            same = [c for c in children if c.sex == sex]
            for i, child in enumerate(same):
                child.description = f"{_ordinal(i, len(same))} {noun}"
        for person in self.persons:
            if person.role in ("father", "mother") and person is not self.persons[0]:
                person.description = "husband" if person.sex == "M" else "wife"
            elif person.role.endswith(("grandfather", "grandmother")):
                person.description = person.role.replace("_", " ")
            elif person.role == "sibling":
                side = "paternal" if self.persons[0].role == "father" else "maternal"
                person.description = f"{side} {'uncle' if person.sex == 'M' else 'aunt'}"

    def place_statuses(self) -> None:
        rng = self.rng
        for p in self.persons:
            if p.status == "abroad":
                continue
            roll = rng.random()
            home = self._where(p.home, chinese=p.in_china)
            if p.status in ("detained", "imprisoned"):
                p.status_place = p.home.prefecture if roll < 0.35 else home if roll < 0.7 else None
            elif p.status in ("state_orphanage", "boarding_school"):
                p.status_place = home if roll < 0.6 else p.home.prefecture if roll < 0.85 else None
            elif p.status in ("with_relatives", "at_liberty", "hospitalised"):
                p.status_place = home if roll < 0.8 else p.home.prefecture
            elif p.status == "deceased":
                p.status_place = home if roll < 0.4 else None
            else:
                p.status_place = None

    def person(self, d: _Draft) -> Person:
        return Person(
            key=d.key,
            names=self.name_forms(d),
            sex=d.sex,
            birth=d.birth,
            birthplace=d.birthplace,
            status=d.status,
            status_place=d.status_place,
            description=d.description,
        )

    def build(self) -> Family:
        father, mother, married = self.build_parents()
        seeker, spouse = self.persons[0], self.persons[1]
        fate = self.spouse_fate()
        latest_birth = date(2020, 12, 31) if fate == "abroad" else self.flight - timedelta(days=60)
        children = self.build_children(father, mother, married, latest_birth)
        left = self.choose_left_behind(children, fate == "abroad")
        self.build_grandparents(father, mother, children)
        sibling = self.build_sibling(seeker)
        if fate == "abroad":
            spouse.in_china, spouse.status, spouse.status_place = False, "abroad", self._abroad()
        for carer in self.story.caregivers:
            for child in left:
                if _age_on(child.born, self.flight) < 18:
                    self._relate(carer, "caregiver", child)
        self.tell_departure(seeker, spouse, fate, left)
        if fate == "deceased":
            self.tell_spouse_death(spouse, children)
        self.tell_caregivers()
        self.tell_relatives(spouse, fate, sibling)
        self.tell_children(left)
        others = [
            p
            for p in (*self.story.caregivers, spouse, sibling)
            if p is not None and p.in_china and p.status != "deceased"
        ]
        self.tell_last_contacts(seeker, left, others)
        case = self.decide_case(left)
        apps = self.build_applications(case, seeker, spouse, left)
        testimony = self.build_testimony(seeker, spouse, left, apps)
        self.describe(children)
        self.place_statuses()
        sought = [*left, *(p for p in others if self.rng.random() < 0.4)]
        self.events.sort(key=lambda e: e.day)
        return Family(
            key=self.key,
            seeker=seeker.key,
            persons=tuple(self.person(d) for d in self.persons),
            relations=tuple(Relation(a.key, kind, b.key) for a, kind, b in self.relations),
            events=tuple(
                Event(e.kind, e.text, e.place, tuple(p.key for p in e.persons), e.description) for e in self.events
            ),
            sought=tuple(dict.fromkeys(p.key for p in sought)),
            case_status=case,
            testimony=testimony,
            applications=tuple(apps),
        )


def _ordinal(i: int, count: int) -> str:
    if count == 1:
        return "only"
    if count == 2:
        return ("elder", "younger")[i]
    if i == count - 1:
        return "youngest"
    return ("eldest", "second", "third", "fourth")[i]


def generate_family(index: int, seed: int = 0) -> Family:
    """The family at ``index`` of ``generate_families(n, seed)`` for any n > index."""
    return _FamilyBuilder(seed, index, load_tables()).build()


def generate_families(count: int, seed: int = 0) -> Iterator[Family]:
    """Yield ``count`` invented families; same (count, seed), same families, in the same order."""
    if count < 0:
        raise ValueError("count must not be negative")
    tables = load_tables()
    for index in range(count):
        yield _FamilyBuilder(seed, index, tables).build()
