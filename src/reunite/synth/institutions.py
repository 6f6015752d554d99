"""An invented official list of children placed in state institutions in Xinjiang, written in Chinese.

Each row is what such a list would hold: the child's name in Chinese characters, "given·father" (a Uyghur name's
second part is the father's given name), sex, an exact birth date, a birthplace in Xinjiang in Chinese, the
institution and the day of placement. Names are drawn by weight from the generator's name table, places from its
place table, institutions are invented; every child was a minor when placed. Same (count, seed), same list.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from .generate import GivenName, Place, load_tables

# Placements in the years the seed article and similar reports describe.
FIRST_PLACEMENT = date(2017, 1, 1)
LAST_PLACEMENT = date(2020, 12, 31)
OLDEST_AGE = 17
YOUNGEST_AGE_DAYS = 90
# Invented institution kinds, as such lists name them: a child welfare home or a boarding school, and a boarding
# kindergarten for the youngest.
_INSTITUTIONS = ("儿童福利院", "寄宿制学校")
_KINDERGARTEN = "寄宿制幼儿园"
SCHOOL_AGE = 6
_NUMBERS = "一二三四五六七八九十"


@dataclass(frozen=True)
class PlacedChild:
    key: str  # "i<seed>-<index>"
    name: str  # "阿依古丽·阿布力克木"
    sex: str  # "F" | "M"
    born: date
    birthplace: str  # "喀什市", or its short form "喀什"
    institution: str  # "喀什市第三儿童福利院"
    placed_on: date


def chinese_name(given: GivenName, father: GivenName) -> str:
    return f"{given.chinese}·{father.chinese}"


def institution(rng: random.Random, place: Place, age: int) -> str:
    """An invented institution of a city or county: "喀什市第三儿童福利院"."""
    kind = rng.choice(_INSTITUTIONS) if age >= SCHOOL_AGE else _KINDERGARTEN
    return f"{place.chinese[0]}第{rng.choice(_NUMBERS)}{kind}"


def _day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def placed_child(rng: random.Random, key: str) -> PlacedChild:
    tables = load_tables()
    sex = rng.choice("FM")
    given = (tables.female if sex == "F" else tables.male).pick(rng)
    father = tables.male.pick(rng)
    placed_on = _day(rng, FIRST_PLACEMENT, LAST_PLACEMENT)
    # Born after the day 18 years before placement (the 28th stands in for later days: never a day too old).
    oldest = date(placed_on.year - OLDEST_AGE - 1, placed_on.month, min(placed_on.day, 28)) + timedelta(days=1)
    born = _day(rng, oldest, placed_on - timedelta(days=YOUNGEST_AGE_DAYS))
    birthplace = tables.places.pick(rng)
    home = tables.places.pick(rng) if rng.random() < 0.3 else birthplace  # some are placed away from home
    return PlacedChild(
        key=key,
        name=chinese_name(given, father),
        sex=sex,
        born=born,
        birthplace=rng.choice(birthplace.chinese),
        institution=institution(rng, home, (placed_on - born).days // 365),
        placed_on=placed_on,
    )


def placed_children(count: int, seed: int = 0) -> list[PlacedChild]:
    """`count` invented children in state institutions; the same (count, seed) gives the same list."""
    if count < 0:
        raise ValueError("count must not be negative")
    rng = random.Random(f"institutions-{seed}")  # nosec B311 # a reproducible invented list, nothing secret
    return [placed_child(rng, f"i{seed}-{index:06d}") for index in range(count)]
