"""Which writing system a name is in, by ISO 15924 code."""

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


# Unicode character names start with the script's name; that is stable across Unicode versions.
_NAME_PREFIXES = (
    ("ARABIC", Script.ARABIC),
    ("CYRILLIC", Script.CYRILLIC),
    ("CJK", Script.HAN),
    ("LATIN", Script.LATIN),
)


def _letter_script(char: str) -> Script | None:
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    for prefix, script in _NAME_PREFIXES:
        if name.startswith(prefix):
            return script
    return None


def detect_script(text: str) -> Script:
    """The script of the letters in `text`; MIXED when they are in several, or there are none."""
    counts = Counter(s for s in map(_letter_script, text) if s is not None)
    if len(counts) == 1:
        return next(iter(counts))
    return Script.MIXED


def fold(text: str) -> str:
    """Case- and width-insensitive form for plain matching; keeps every letter of every script."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())
