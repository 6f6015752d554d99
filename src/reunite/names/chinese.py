"""Chinese forms of Uyghur names → a Uyghur reading in ULY Latin.

Pinyin alone is far from the Uyghur name ("abulikemu" for Ablikim): Chinese writes each Uyghur consonant
cluster with an added vowel and renders sounds it lacks with neighbours (q for ch, x for sh, f for p).
Conventional renderings of common name parts are read from a table first; the rest goes syllable by
syllable, dropping the added vowels.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from pypinyin import lazy_pinyin

from reunite.names.tables import mapping, words

_PARTS = mapping("chinese_parts.tsv", "chinese", "uly")
_LONGEST_PART = max(map(len, _PARTS))
_INITIALS = mapping("pinyin_initials.tsv", "initial", "uly")
_FINALS = mapping("pinyin_finals.tsv", "final", "uly")
_FINALS_AFTER_PALATAL = mapping("pinyin_finals.tsv", "final", "after_palatal")
_ZERO_INITIAL = mapping("pinyin_zero_initial.tsv", "syllable", "uly")
_EPENTHETIC = words("pinyin_epenthetic.txt")
_SYLLABLES = words("pinyin_syllables.txt")
_LONGEST_SYLLABLE = max(map(len, _SYLLABLES))
_PALATALS = {"j", "q", "x"}
_VOWELS = set("aeéiouöü")
_INITIAL = re.compile(r"^(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(.*)$")


@lru_cache(maxsize=65536)
def han_reading(text: str) -> str:
    """The Uyghur reading of Chinese characters forming one name part, e.g. 阿布力克木 → "ablikm"."""
    pieces: list[str] = []
    syllables: list[str] = []
    i = 0
    while i < len(text):
        for size in range(min(_LONGEST_PART, len(text) - i), 0, -1):
            chunk = text[i : i + size]
            if chunk in _PARTS:
                pieces.append(_syllables_reading(syllables, first=not pieces))
                pieces.append(_PARTS[chunk])
                syllables = []
                i += size
                break
        else:
            syllables += lazy_pinyin(text[i], errors="ignore", v_to_u=False)
            i += 1
    pieces.append(_syllables_reading(syllables, first=not any(pieces)))
    return "".join(pieces)


def pinyin_syllables(token: str) -> list[str] | None:
    """`token` split into pinyin syllables (longest first, backtracking), or None if it is not pinyin."""
    token = token.lower()

    @cache
    def split(start: int) -> tuple[str, ...] | None:
        if start == len(token):
            return ()
        for end in range(min(len(token), start + _LONGEST_SYLLABLE), start, -1):
            if token[start:end] in _SYLLABLES and (rest := split(end)) is not None:
                return (token[start:end], *rest)
        return None

    found = split(0)
    return list(found) if found else None


# Diphthongs and codas that Uyghur Latin spellings rarely have but pinyin always does.
_PINYIN_MARKS = re.compile(r"[^aeiou]ai|ei|ao|ou|iu|ui|ng|zh|x[iu]|er$|yi|wu|ia")


@lru_cache(maxsize=65536)
def pinyin_reading(token: str, strict: bool = True) -> str | None:
    """The Uyghur reading of a Latin token written in pinyin ("Maimaitiming"), or None if it is not pinyin.

    Strict, a token must look like pinyin beyond splitting into syllables: Uyghur spellings often split by
    chance ("Aisha" as ai-sha). Not strict, any split of two syllables or more is read.
    """
    lowered = token.lower()
    syllables = pinyin_syllables(lowered)
    if syllables is None or len(syllables) < 2:
        return None
    if strict and (len(syllables) < 3 or (len(syllables) < 4 and not _PINYIN_MARKS.search(lowered))):
        return None
    return _syllables_reading(syllables, first=True)


def _syllables_reading(syllables: list[str] | tuple[str, ...], first: bool) -> str:
    readings = [_syllable_reading(s) for s in syllables]
    out: list[str] = []
    for n, (syllable, reading) in enumerate(zip(syllables, readings, strict=True)):
        following = readings[n + 1] if n + 1 < len(readings) else ""
        if _vowel_added(syllable, reading, following, first=first and n == 0):
            reading = reading[:-1]
            # A closing m is written -n + 木 (阿依仙木 a-yi-xian-mu for Ayshem): the n only announces the m.
            if reading == "m" and out and out[-1].endswith("n"):
                out[-1] = out[-1][:-1]
        out.append(reading)
    return "".join(out)


def _vowel_added(syllable: str, reading: str, following: str, first: bool) -> bool:
    """Whether Chinese added this syllable's vowel only to spell a bare consonant.

    Not when the next syllable opens with the same consonant: Chinese writes a doubled consonant once (哈帕尔 for
    Ghappar), so 孜再 zi-zai is z-vowel-z (艾孜再 for Ezize).
    """
    if syllable not in _EPENTHETIC or first:
        return False
    return not following or (following[0] not in _VOWELS and following[0] != reading[0])


@lru_cache(maxsize=4096)
def _syllable_reading(syllable: str) -> str:
    if syllable in _ZERO_INITIAL:
        return _ZERO_INITIAL[syllable]
    match = _INITIAL.match(syllable)
    initial, final = (match.group(1) or ""), match.group(2) if match else ""
    finals = _FINALS_AFTER_PALATAL if initial in _PALATALS else _FINALS
    if initial == "y" or initial == "w" or initial not in _INITIALS:
        return syllable
    return _INITIALS[initial] + finals.get(final, final)
