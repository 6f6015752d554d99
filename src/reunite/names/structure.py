"""A name as sources write it → its parts, each with script, convention, ULY reading and keys.

Uyghur names are usually given name + father's given name; Chinese forms join the two with a middle dot.
Endings such as -gül or -jan are written joined or apart ("Hayrigul" / "Hayri Gul") and are joined here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from reunite.names.keys import blocking_keys, phonetic_key, skeleton
from reunite.names.readings import alternative_readings, reading
from reunite.names.scripts import Convention, Script, detect_script
from reunite.names.tables import rows

# Space, the middle dots that join Chinese name parts, and punctuation that is not part of a name.
_SEPARATORS = re.compile(r"[\s·‧．・•.,;:/\\|()\[\]{}\"“”«»_+=*&^%$#@!?<>~`]+")
_JOINERS = re.compile(r"[-‐‑–—'’ʼ`ʻ]")
_JOINABLE = frozenset(r["reading"] for r in rows("suffixes.tsv") if r["joinable"] == "yes")
_OPTIONAL = tuple(r["reading"] for r in rows("suffixes.tsv") if r["optional"] == "yes")
MAX_PARTS = 8
MAX_PART_LENGTH = 64


@dataclass(frozen=True, slots=True)
class Part:
    text: str
    script: Script
    convention: Convention
    reading: str
    key: str
    skeleton: str
    stem: str  # the key without an affectionate ending (-jan, -xan), or the key itself
    alternatives: tuple[str, ...]  # keys of other plausible readings ("Aisha" also as pinyin ai-sha)
    blocks: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Name:
    text: str
    parts: tuple[Part, ...]

    @property
    def given(self) -> Part | None:
        return self.parts[0] if self.parts else None

    @property
    def father(self) -> Part | None:
        return self.parts[1] if len(self.parts) > 1 else None

    @property
    def reading(self) -> str:
        return " ".join(p.reading for p in self.parts)


def parse_name(text: str) -> Name:
    """The parts of a name. A text with no letters gives a name with no parts, never an error."""
    return _parse(text[: MAX_PARTS * (MAX_PART_LENGTH + 1) * 4])


@lru_cache(maxsize=65536)
def _parse(text: str) -> Name:
    normalised = unicodedata.normalize("NFKC", text)
    words = [_JOINERS.sub("", w) for w in _SEPARATORS.split(normalised)]
    parts: list[Part] = []
    for word in words:
        part = make_part(word)
        if part is None:
            continue
        if parts and part.reading in _JOINABLE:
            parts[-1] = make_part(parts[-1].text + word) or parts[-1]
        else:
            parts.append(part)
    return Name(text, tuple(parts[:MAX_PARTS]))


@lru_cache(maxsize=262144)
def make_part(word: str) -> Part | None:
    """One word as a name part, or None when it holds no letters."""
    word = word[: MAX_PART_LENGTH * 2]
    uly, convention = reading(word)
    uly = uly[:MAX_PART_LENGTH]
    if not uly:
        return None
    key = phonetic_key(uly)
    others = (phonetic_key(other[:MAX_PART_LENGTH]) for other in alternative_readings(word))
    alternatives = tuple(k for k in dict.fromkeys(others) if k and k != key)
    return Part(
        text=word,
        script=detect_script(word),
        convention=convention,
        reading=uly,
        key=key,
        skeleton=skeleton(key),
        stem=_stem(uly, key),
        alternatives=alternatives,
        blocks=tuple(dict.fromkeys(b for k in (key, *alternatives) for b in blocking_keys(k))),
    )


def _stem(uly: str, key: str) -> str:
    for ending in _OPTIONAL:
        if uly.endswith(ending) and len(uly) - len(ending) >= 3:
            return phonetic_key(uly[: -len(ending)])
    return key
