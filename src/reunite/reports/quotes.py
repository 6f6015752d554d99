"""Quotes for a report: only from testimonies that `registry.disclosure` says may be quoted, with every name, number,
exact date and small place of the testimony taken out.

What is quoted is the witness's own words: the passages the text sets in quotation marks, else the whole text. A
word is a name when the names engine reads it to the key of a part of any name the testimony gives (so "Mirzeban"
goes with "Mihriban"'s record, whatever the script); a place is small when it is below a prefecture (a county, a
village as written): countries, Xinjiang and its prefectures stay, since many families share them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import QuerySet

from reunite.names import parse_name
from reunite.names.structure import make_part
from reunite.registry.disclosure import quotable_testimonies
from reunite.registry.models import Place, Source

NAME, NUMBER, DATE, PLACE, CONTACT = "[name]", "[number]", "[date]", "[place]", "[contact]"
DEFAULT_QUOTES = 6
LONGEST_QUOTE = 600

# Quotation marks of the languages testimonies come in: “…”, „…“, «…», 「…」, "…".
_QUOTED = re.compile(r"“([^”]{20,})”|„([^“”]{20,})[“”]|«([^»]{20,})»|「([^」]{10,})」|\"([^\"]{20,})\"")
_EMAIL = re.compile(r"\S+@\S+")
_MONTHS = (
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|(ocak|şubat|mart|nisan|mayıs|haziran|temmuz|ağustos"
    r"|eylül|ekim|kasım|aralık)"
)
_DATES = (
    re.compile(r"\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b"),
    re.compile(r"\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b"),
    re.compile(rf"\b\d{{1,2}}\.?\s+({_MONTHS})\s+\d{{4}}\b", re.IGNORECASE),
    re.compile(rf"\b({_MONTHS})\s+\d{{1,2}},?\s+\d{{4}}\b", re.IGNORECASE),
    re.compile(r"\d{4}年\d{1,2}月\d{1,2}日"),
)
# An identity number, a telephone number: six digits or more, with the separators people write between them.
_LONG_NUMBER = re.compile(r"\+?\d[\d\s\-–()/]{4,}\d[\dXx]?")
# A mark already put in ("[name]") is a word of its own, so that it is never read as a name.
_WORD = re.compile(r"\[\w+\]|\w+")
_SMALL_PLACES = (Place.Level.COUNTY, Place.Level.WRITTEN)


@dataclass(frozen=True)
class Quote:
    text: str
    year: int | None  # the year the testimony was given, when known


def quotes(sources: QuerySet[Source], limit: int = DEFAULT_QUOTES) -> list[Quote]:
    """Up to `limit` anonymised quotes, in the order the testimonies were recorded."""
    chosen = quotable_testimonies(sources).order_by("pk").prefetch_related("names")[:limit]
    return [Quote(anonymise(source), source.given_on.latest.year if source.given_on else None) for source in chosen]


def anonymise(source: Source) -> str:
    """The witness's words from `source`, with what could identify anyone taken out."""
    text = _own_words(source.text)
    text = _EMAIL.sub(CONTACT, text)
    for pattern in _DATES:
        text = pattern.sub(DATE, text)
    text = _LONG_NUMBER.sub(NUMBER, text)
    names = [name.text for name in source.names.all()]
    text = _without_texts(text, [*names, *(part for name in names for part in _parts(name))], NAME)
    text = _without_texts(text, _small_places(source), PLACE)
    keys = {part.key for name in names for part in parse_name(name).parts if len(part.key) > 1}
    text = _WORD.sub(lambda m: NAME if _is_name(m.group(), keys) else m.group(), text)
    return text if len(text) <= LONGEST_QUOTE else text[:LONGEST_QUOTE].rsplit(" ", 1)[0] + " …"


def _own_words(text: str) -> str:
    passages = [next(g for g in match.groups() if g) for match in _QUOTED.finditer(text)]
    return " … ".join(p.strip() for p in passages) if passages else " ".join(text.split())


def _parts(name: str) -> list[str]:
    return [part.text for part in parse_name(name).parts if len(part.text) > 1]


def _without_texts(text: str, found: list[str], mark: str) -> str:
    # Longest first, so that "Mihriban Kader" goes whole before "Kader" alone.
    for written in sorted(set(found), key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(written)}(?!\w)", mark, text, flags=re.IGNORECASE)
    return text


def _is_name(word: str, keys: set[str]) -> bool:
    if word.startswith("[") or not any(c.isalpha() for c in word):
        return False
    part = make_part(word)
    return part is not None and (part.key in keys or bool(keys.intersection(part.alternatives)))


def _small_places(source: Source) -> list[str]:
    """The names of the counties and villages the testimony's facts mention."""
    ids = {
        *source.events.exclude(place=None).values_list("place_id", flat=True),
        *source.statements.exclude(birthplace=None).values_list("birthplace_id", flat=True),
        *source.statements.exclude(status_place=None).values_list("status_place_id", flat=True),
    }
    return list(Place.objects.filter(pk__in=ids, level__in=_SMALL_PLACES).values_list("name", flat=True))
