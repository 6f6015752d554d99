"""The gazetteer of Xinjiang: every division with its codes, hierarchy and names in every script.

Built from `data/xinjiang_places.tsv` (the official codes with Chinese, pinyin, English and Uyghur names) and
`data/informal_spellings.tsv`. The official table holds several code generations: the same county may appear
under its current code and under the codes of a prefecture since reorganised, which ID numbers issued then
still carry. Rows with the same Chinese name are one place, shown under its current code.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from pypinyin import lazy_pinyin
from umsc import UgMultiScriptConverter

from reunite import datafiles

_ARABIC_TO_ULY = UgMultiScriptConverter("UAS", "ULS")
_ULY_TO_CYRILLIC = UgMultiScriptConverter("ULS", "UCS")
# Rows that group other rows and name no place of their own.
_NOT_PLACES = {"市辖区", "市区", "自治区直辖县级行政区划"}


@dataclass(frozen=True, slots=True)
class Place:
    code: str  # the current code (6 digits)
    codes: tuple[str, ...]  # every code the place has had in the table, current first
    level: str  # "region" | "prefecture" | "county" (county-level cities and districts included)
    parent: str | None  # the parent place's code
    name_zh: str
    pinyin: str
    name_en: str
    name_ug: str  # Uyghur Arabic script
    uly: str  # Uyghur Latin, derived from the Arabic script
    cyrillic: str  # Uyghur Cyrillic, derived from the Arabic script
    titles: tuple[str, ...] = field(default=())  # English and Russian Wikipedia titles
    spellings: tuple[str, ...] = field(default=())  # informal spellings, the usual one first

    @property
    def label(self) -> str:
        """How a caseworker recognises the place: the usual spelling with the Chinese name."""
        usual = self.spellings[0] if self.spellings else self.name_en
        return f"{usual} ({self.name_zh})"

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the place is written under."""
        return tuple(
            n
            for n in (
                self.name_zh,
                self.pinyin,
                self.name_en,
                self.name_ug,
                self.uly,
                self.cyrillic,
                *self.titles,
                *self.spellings,
            )
            if n
        )


def rows(filename: str) -> tuple[dict[str, str], ...]:
    return datafiles.rows("reunite.places", filename)


def level_of(code: str) -> str:
    if code.endswith("0000"):
        return "region"
    if code.endswith("00"):
        return "prefecture"
    return "county"


class Gazetteer:
    def __init__(self, places: list[Place], codes: dict[str, Place]):
        self.places = places
        self._by_code = codes
        self._children: dict[str, list[Place]] = defaultdict(list)
        for place in places:
            if place.parent:
                self._children[place.parent].append(place)

    def by_code(self, code: str) -> Place | None:
        """The place a code stands for, current or earlier; a county code's prefecture if the county is unknown."""
        return self._by_code.get(code) or self._by_code.get(code[:4] + "00")

    def parent(self, place: Place) -> Place | None:
        return self._by_code.get(place.parent) if place.parent else None

    def ancestors(self, place: Place) -> list[Place]:
        found, current = [], self.parent(place)
        while current is not None and current not in found:
            found.append(current)
            current = self.parent(current)
        return found

    def children(self, place: Place) -> list[Place]:
        return self._children.get(place.code, [])


@cache
def gazetteer() -> Gazetteer:
    current = set(datafiles.words("reunite.places", "current_prefixes.txt"))
    spellings: dict[str, list[str]] = defaultdict(list)
    for row in rows("informal_spellings.tsv"):
        spellings[row["code"]].append(row["spelling"])
    by_name: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows("xinjiang_places.tsv"):
        if row["name_zh"] in _NOT_PLACES:
            continue
        by_name[row["name_zh"]].append(row)

    def current_first(group: list[dict[str, str]]) -> list[dict[str, str]]:
        return sorted(group, key=lambda r: (r["code"][:4] in current, r["code"]), reverse=True)

    primary = {row["code"]: current_first(group)[0]["code"] for group in by_name.values() for row in group}
    places: list[Place] = []
    codes: dict[str, Place] = {}
    for group in by_name.values():
        ordered = current_first(group)
        main = ordered[0]
        ug = next((r["name_ug"] for r in ordered if r["name_ug"]), "")
        place = Place(
            code=main["code"],
            codes=tuple(r["code"] for r in ordered),
            level=level_of(main["code"]),
            parent=_parent_code(main["code"], primary),
            name_zh=main["name_zh"],
            pinyin="".join(main["pinyin"].split()),
            name_en=main["name_en"] if main["name_en"] != "XXX" else "",
            name_ug=ug,
            uly=_ARABIC_TO_ULY(ug) if ug else "",
            cyrillic=_ULY_TO_CYRILLIC(_ARABIC_TO_ULY(ug)).capitalize() if ug else "",
            titles=tuple(
                dict.fromkeys(_title(r[c]) for r in ordered for c in ("wikipedia_en", "wikipedia_ru") if r[c])
            ),
            spellings=tuple(dict.fromkeys(s for r in ordered for s in spellings.get(r["code"], []))),
        )
        places.append(place)
        codes.update(dict.fromkeys(place.codes, place))
    return Gazetteer(places, codes)


def _title(title: str) -> str:
    """A Wikipedia title as a name: "Кашгар (округ)" → "Кашгар округ", the kind of division a plain word."""
    return " ".join(title.replace("(", " ").replace(")", " ").split())


def _parent_code(code: str, primary: dict[str, str]) -> str | None:
    level = level_of(code)
    if level == "region":
        return None
    candidates = [code[:4] + "00", code[:2] + "0000"] if level == "county" else [code[:2] + "0000"]
    return next((primary[c] for c in candidates if c in primary and primary[c] != code), None)


def pinyin_of(chinese: str) -> str:
    return "".join(lazy_pinyin(chinese))
