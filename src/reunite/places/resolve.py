"""Text as sources write a place → the places it can mean, ranked, with ambiguity reported.

A text is cut into segments ("Toksu (Xinhe), Aksu prefecture" → Toksu · Xinhe · Aksu prefecture). Each
segment loses the words that only say what kind of division it is (county, 县, ناھىيىسى), keeping them as a
hint of the level meant, and is matched against every name of every place: exactly, then by the names
engine's phonetic keys, then by its similarity. A place named by one segment is confirmed by the others when
they name it too or name one of its ancestors; the best confirmed, most specific place comes first.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache

from reunite.names import compare, fold, parse_name
from reunite.places.countries import Country, country_named
from reunite.places.gazetteer import Place, gazetteer, pinyin_of, rows

# Below this a segment does not name the place.
MATCHED = 0.75
# Two places this close at the top are both plausible: the resolution is ambiguous.
AMBIGUOUS_WITHIN = 0.02
# A place of another level than the text's hint ("Kashgar prefecture" is not the city).
OTHER_LEVEL = 0.85
# A full name or a listed spelling; a name's core once the kind-of-division words are gone; the same key.
EXACT, CORE, SAME_KEY = 1.0, 0.97, 0.95
# A name found only by similarity is weaker evidence than one spelled as listed.
SIMILAR = 0.9
# Each segment short of the best-confirmed place's count costs this factor.
UNCONFIRMED = 0.9
_SEGMENTS = re.compile(r"[(),;/\[\]（），；、]|\s+-\s+")
# Where a Chinese address runs on into the next division: after 区 县 市 州 (地区, 自治州 …) or 新疆 followed by a
# name of two characters or more ("新市区" is one name).
_CHINESE_DIVISION_END = re.compile(r"(?<=[区县市州])(?=[\u4e00-\u9fff]{2})|(?<=^新疆)(?=[\u4e00-\u9fff]{2})(?!维吾尔)")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{4}")
# A place is written in a few words: longer text is cut here, and only its first segments are read, so that
# a pasted paragraph costs no more than an address.
MAX_CHARS, MAX_SEGMENTS = 200, 6


@dataclass(frozen=True, slots=True)
class Candidate:
    place: Place | None  # a division of Xinjiang, or None for a country
    country: Country | None
    score: float
    matched: str  # the name that matched
    locality: str = ""  # for a country: the part of the text naming a place within it ("Istanbul")

    @property
    def code(self) -> str:
        return self.place.code if self.place else self.country.alpha_2 if self.country else ""

    @property
    def label(self) -> str:
        if self.place:
            return self.place.label
        return f"{self.locality}, {self.country.name}" if self.locality else self.country.name


@dataclass(frozen=True, slots=True)
class Resolution:
    text: str
    candidates: tuple[Candidate, ...]  # best first; below MATCHED they are only the closest

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates and self.candidates[0].score >= MATCHED else None

    @property
    def ambiguous(self) -> bool:
        top = [c for c in self.candidates if c.score >= MATCHED]
        return len(top) > 1 and top[0].score - top[1].score <= AMBIGUOUS_WITHIN


@cache
def _generic_words() -> dict[str, str]:
    return {fold(row["word"]): row["level"] for row in rows("generic_words.tsv")}


@cache
def _chinese_suffixes() -> list[tuple[str, str]]:
    words = [(w, level) for w, level in _generic_words().items() if any("\u4e00" <= c <= "\u9fff" for c in w)]
    return sorted(words, key=lambda item: -len(item[0]))


def strip_generic(text: str) -> tuple[str, str]:
    """The place name without the words saying what kind of division it is, and the level they hint at."""
    folded = fold(text)
    hint = ""
    words = folded.split()
    kept = [w for w in words if w not in _generic_words()]
    for w in words:
        hint = hint or _generic_words().get(w, "")
    core = " ".join(kept) if kept else words[0] if words else folded  # "Ili prefecture": ili is also a word
    changed = True
    while changed:  # Chinese suffixes: 伊犁哈萨克自治州 → 伊犁; a name keeps two characters (新市区 → 新市, 克州)
        changed = False
        for suffix, level in _chinese_suffixes():
            if core.endswith(suffix) and len(core) >= len(suffix) + 2:
                core, hint, changed = core[: -len(suffix)], hint or level, True
    return core, hint


def _key(text: str) -> str:
    return "".join(part.key for part in parse_name(text).parts)


@cache
def _index() -> tuple[dict[str, dict[Place, float]], dict[str, set[Place]], list[tuple[Place, str]]]:
    exact: dict[str, dict[Place, float]] = defaultdict(dict)
    keys: dict[str, set[Place]] = defaultdict(set)
    names: list[tuple[Place, str]] = []
    for place in gazetteer().places:
        for name in place.names:
            core, _ = strip_generic(name)
            exact[fold(name)][place] = EXACT
            exact[core].setdefault(place, CORE)
            if key := _key(core):
                keys[key].add(place)
            names.append((place, core))
        # Pinyin of the Chinese name without its suffix (伊宁 → yining), as sources write it.
        exact[pinyin_of(strip_generic(place.name_zh)[0])].setdefault(place, CORE)
    return exact, keys, names


@cache
def _same_chinese_core() -> dict[str, list[Place]]:
    """Places by their Chinese name without its suffix: 伊宁 → 伊宁市, 伊宁县; 喀什 → 喀什市, 喀什地区."""
    found: dict[str, list[Place]] = defaultdict(list)
    for place in gazetteer().places:
        found[strip_generic(place.name_zh)[0]].append(place)
    return found


def _level_fits(place: Place, hint: str) -> bool:
    """Whether a place is of the kind the text's words name; a city may be county- or prefecture-level."""
    is_city = place.name_zh.endswith("市")
    if hint == "city":
        return is_city
    if hint == "county":
        return place.level == "county" and not is_city
    return not hint or hint == place.level


def _segment(text: str) -> tuple[dict[Place, tuple[float, str]], Country | None]:
    """Places one segment may name, with score and the name that matched; and the country it names."""
    core, hint = strip_generic(text)
    if not core:
        return {}, None
    exact, keys, names = _index()
    whole = fold(text)
    # Spaced pinyin and names written in two words ("wu su shi", "Kona Sheher") as the table joins them.
    listed = (
        exact.get(whole) or exact.get(core) or exact.get(whole.replace(" ", "")) or exact.get(core.replace(" ", ""), {})
    )
    found: dict[Place, tuple[float, str]] = {p: (weight, core) for p, weight in listed.items()}
    if not found and (key := _key(core)):
        found = {p: (SAME_KEY, core) for p in keys.get(key, ())}
    if not found:
        query = parse_name(core)
        for place, name in names:
            score = compare(query, name).score * SIMILAR
            if score > found.get(place, (0.0, ""))[0]:
                found[place] = (score, name)
    if hint and not any(_level_fits(p, hint) for p in found):
        # A spelling listed for the city names its county or prefecture too: "Kulja county" is 伊宁县.
        for place, (score, name) in list(found.items()):
            for other in _same_chinese_core().get(strip_generic(place.name_zh)[0], ()) if score >= MATCHED else ():
                if _level_fits(other, hint) and other not in found:
                    found[other] = (min(score, SAME_KEY), name)
    if hint:
        found = {p: (s if _level_fits(p, hint) else s * OTHER_LEVEL, n) for p, (s, n) in found.items()}
    return found, country_named(core)


@lru_cache(maxsize=65536)
def resolve(text: str, limit: int = 5) -> Resolution:
    """The places `text` can mean, best first. Unknown places give the closest candidates below MATCHED."""
    # Turkish İ would fold to i + a combining dot ("İli").
    text = unicodedata.normalize("NFKC", text[: MAX_CHARS * 2])[:MAX_CHARS].replace("İ", "I")
    segments = [p for s in _SEGMENTS.split(text) if s.strip() for p in _chinese_parts(s.strip())][:MAX_SEGMENTS]
    if not segments:
        return Resolution(text, ())
    per_segment = [_segment(s) for s in segments]
    candidates = _places(per_segment) + _countries(segments, per_segment)
    candidates.sort(key=lambda c: -c.score)  # stable: equal scores keep the order _places chose
    return Resolution(text, tuple(candidates[:limit]))


def _chinese_parts(segment: str) -> list[str]:
    """A Chinese address written in one run, 新疆喀什地区疏附县 → 新疆 · 喀什地区 · 疏附县; a name stays whole."""
    if not _HAN_RUN.search(segment) or fold(segment) in _index()[0]:
        return [segment]
    return [part for part in _CHINESE_DIVISION_END.split(segment) if part]


def _places(per_segment: list[tuple[dict[Place, tuple[float, str]], Country | None]]) -> list[Candidate]:
    g = gazetteer()
    named = [{p for p, (score, _) in found.items() if score >= MATCHED} for found, _ in per_segment]
    best: dict[Place, tuple[float, str]] = {}
    for found, _ in per_segment:
        for place, (score, name) in found.items():
            if score > best.get(place, (0.0, ""))[0]:
                best[place] = (score, name)
    confirmed = {place: sum(1 for seg in named if seg & {place, *g.ancestors(place)}) for place in best}
    most = max(confirmed.values(), default=0)
    candidates = [
        Candidate(place, None, round(score * UNCONFIRMED ** (most - confirmed[place]), 4), name)
        for place, (score, name) in best.items()
    ]
    # Of equal scores, the city (乌鲁木齐 is the city before the county of that name, 克拉玛依 before its district),
    # then the most specific place: a county named with its prefecture is the county.
    candidates.sort(key=lambda c: (-c.score, not c.place.name_zh.endswith("市"), c.place.level != "county"))
    return candidates


def _countries(segments: list[str], per_segment) -> list[Candidate]:
    """A country a segment names, with the other, unresolved segments as the place within it."""
    found = []
    for i, (_, country) in enumerate(per_segment):
        if country is None:
            continue
        others = [
            s for j, s in enumerate(segments) if j != i and not any(v[0] >= MATCHED for v in per_segment[j][0].values())
        ]
        if country.alpha_2 == "CN" and len(others) < len(segments) - 1:
            continue  # "Kashgar, China": China only places the named division, it is not a second answer
        found.append(Candidate(None, country, EXACT, segments[i], ", ".join(others)))
    return found
