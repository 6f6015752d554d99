"""Any word of a name, in any script, → its reading in Uyghur Latin (ULY), the engine's common ground."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import groupby

from umsc import UgMultiScriptConverter

from reunite.names.chinese import han_reading, pinyin_reading, pinyin_syllables
from reunite.names.scripts import Convention, Script, cyrillic_convention, latin_convention, letter_script
from reunite.names.tables import mapping, rows

_ARABIC_TO_ULY = UgMultiScriptConverter("UAS", "ULS")
_CYRILLIC_TO_ULY = UgMultiScriptConverter("UCS", "ULS")
_ULY_TO_ARABIC = UgMultiScriptConverter("ULS", "UAS")
_ARABIC_EXTRA = str.maketrans(mapping("arabic_extra.tsv", "arabic", "uyghur"))
_CYRILLIC_EXTRA = str.maketrans(mapping("cyrillic_extra.tsv", "cyrillic", "uly"))
_LATIN_RULES: dict[str, dict[str, str]] = {}
for _row in rows("latin_conventions.tsv"):
    _LATIN_RULES.setdefault(_row["convention"], {})[_row["written"]] = _row["uly"]
# One pass, longest spelling first, so that a rule's output is never rewritten by another (ç → ch, not jh).
_LATIN_PATTERNS = {
    convention: re.compile("|".join(sorted(map(re.escape, rules), key=len, reverse=True)))
    for convention, rules in _LATIN_RULES.items()
}
_ULY_LETTERS = set("abcdeéfghijklmnoöpqrstuüvwxyz")


def reading(word: str) -> tuple[str, Convention]:
    """The ULY reading of one word (NFKC-normalised, no spaces) and the convention it was read by.

    A word mixing scripts ("Abliкim" with a Cyrillic к) is read run by run.
    """
    runs = [(script, "".join(chars)) for script, chars in groupby(word, key=letter_script) if script]
    if not runs:
        return "", Convention.NONE
    if len(runs) == 1:
        return _run_reading(runs[0][1], runs[0][0])
    return "".join(_run_reading(text, script)[0] for script, text in runs), Convention.NONE


@lru_cache(maxsize=131072)
def _run_reading(text: str, script: Script) -> tuple[str, Convention]:
    if script is Script.HAN:
        return han_reading(text), Convention.CHINESE
    if script is Script.ARABIC:
        return _keep_uly(_ARABIC_TO_ULY(text.translate(_ARABIC_EXTRA))), Convention.UYGHUR_ARABIC
    if script is Script.CYRILLIC:
        convention = cyrillic_convention(text)
        return _keep_uly(_CYRILLIC_TO_ULY(text.lower().translate(_CYRILLIC_EXTRA))), convention
    if (pinyin := pinyin_reading(text)) is not None:
        return pinyin, Convention.PINYIN
    convention = latin_convention(text)
    return _latin_reading(text, convention), convention


# Letters German spelling uses for other sounds than ULY does (j for y, ch for x, w for v, ss for s).
_GERMAN_HINTS = ("ch", "j", "w", "ss", "z")


@lru_cache(maxsize=131072)
def alternative_readings(word: str) -> tuple[str, ...]:
    """Other plausible readings of a Latin word whose convention is uncertain: its pinyin reading if it
    also spells pinyin ("Aisha": ai-sha; or the Latin one when pinyin won), its German reading if it may be
    German ("Jussuf Machmut" has no letter only German uses). Empty for other words."""
    if letter_script(word[:1]) is not Script.LATIN:
        return ()
    main, convention = reading(word)
    others = []
    if len(pinyin_syllables(word) or ()) >= 2:
        if convention is Convention.PINYIN:
            others.append(_latin_reading(word, latin_convention(word)))
        else:
            others.append(pinyin_reading(word, strict=False) or "")
    lowered = word.lower()
    if convention is not Convention.GERMAN and any(hint in lowered for hint in _GERMAN_HINTS):
        others.append(_latin_reading(word, Convention.GERMAN))
    return tuple(r for r in dict.fromkeys(others) if r and r != main)


def _latin_reading(text: str, convention: Convention) -> str:
    # Turkish dotted capital İ lowercases to i + combining dot; fold it before anything else.
    lowered = text.replace("İ", "i").replace("I", "ı" if convention is Convention.TURKISH else "i").lower()
    if convention.value in _LATIN_RULES:
        rules = _LATIN_RULES[convention.value]
        lowered = _LATIN_PATTERNS[convention.value].sub(lambda m: rules[m.group(0)], lowered)
    return _keep_uly(lowered)


def _keep_uly(text: str) -> str:
    """Only ULY letters: drops apostrophes, leftover marks and letters no rule knew."""
    return "".join(ch for ch in text if ch in _ULY_LETTERS)


def to_arabic(uly: str) -> str:
    """A ULY reading written in Uyghur Arabic script, for display."""
    return _ULY_TO_ARABIC(uly)
