"""Which writing system a name, or each of its words, is in (ISO 15924 codes), and which Latin convention."""

from __future__ import annotations

import unicodedata
from collections import Counter
from enum import StrEnum


class Script(StrEnum):
    ARABIC = "Arab"
    CYRILLIC = "Cyrl"
    HAN = "Hani"
    LATIN = "Latn"
    MIXED = "Zyyy"


class Convention(StrEnum):
    """How a word is spelled within its script."""

    UYGHUR_ARABIC = "uyghur-arabic"
    UYGHUR_CYRILLIC = "uyghur-cyrillic"
    RUSSIAN = "russian"
    CHINESE = "chinese"
    ULY = "uly"
    TURKISH = "turkish"
    GERMAN = "german"
    ENGLISH = "english"
    PINYIN = "pinyin"
    NONE = "none"


# Unicode character names start with the script's name; that is stable across Unicode versions.
_NAME_PREFIXES = (
    ("ARABIC", Script.ARABIC),
    ("CYRILLIC", Script.CYRILLIC),
    ("CJK", Script.HAN),
    ("LATIN", Script.LATIN),
)
_UYGHUR_CYRILLIC = set("әөүҗқғңһӘӨҮҖҚҒҢҺ")
_TURKISH = set("şçğıŞÇĞİ")
_ULY = set("éÉ")


def letter_script(char: str) -> Script | None:
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    for prefix, script in _NAME_PREFIXES:
        if name.startswith(prefix):
            return script
    return None


def detect_script(text: str) -> Script:
    """The script of the letters in `text`; MIXED when they are in several, or there are none."""
    counts = Counter(s for s in map(letter_script, text) if s is not None)
    if len(counts) == 1:
        return next(iter(counts))
    return Script.MIXED


def latin_convention(word: str) -> Convention:
    """The spelling convention a Latin word most likely follows (pinyin is told apart by `chinese`)."""
    letters = set(word)
    lowered = word.lower()
    # ULY has no c but in ch; Turkish writes c for j (Alimcan, Mecit).
    if letters & _TURKISH or ("c" in lowered and "ch" not in lowered):
        return Convention.TURKISH
    if letters & _ULY:
        return Convention.ULY
    if "sch" in lowered or "ß" in letters or "ä" in lowered:
        return Convention.GERMAN
    if "kh" in lowered or "zh" in lowered:
        return Convention.ENGLISH
    return Convention.ULY


def cyrillic_convention(word: str) -> Convention:
    return Convention.UYGHUR_CYRILLIC if set(word) & _UYGHUR_CYRILLIC else Convention.RUSSIAN


def fold(text: str) -> str:
    """Case- and width-insensitive form for plain matching; keeps every letter of every script."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())
