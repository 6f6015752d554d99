"""Phonetic keys: a ULY reading folded into classes of sounds that sources write interchangeably."""

from __future__ import annotations

import re
from functools import lru_cache

from reunite.names.tables import mapping

VOWEL_CLASSES = frozenset("aiu")
_CLASSES = mapping("phonetic_classes.tsv", "grapheme", "class")
# The skeleton drops the vowel classes and applies its own merges.
_SKELETON = str.maketrans(mapping("skeleton_merges.tsv", "class", "skeleton") | dict.fromkeys(VOWEL_CLASSES))
_GRAPHEME = re.compile("|".join(sorted(map(re.escape, _CLASSES), key=len, reverse=True)))


_ARABIC_ARTICLE = re.compile(r"^abd[uü]l(?=[^aeiouéöüäı])")


@lru_cache(maxsize=262144)
def phonetic_key(reading: str) -> str:
    """The canonical key of one name part's reading: "mehmet" and "memet" → "mamat"."""
    # Uyghur drops the l of Arabic Abd-al- before a consonant (Abduqadir, 阿不都卡德尔); Turkish and Arabic
    # spellings keep it (Abdülkadir).
    reading = _ARABIC_ARTICLE.sub("abdu", reading)
    classes = [_CLASSES[g] for g in _GRAPHEME.findall(reading)]
    kept: list[str] = []
    for i, cls in enumerate(classes):
        # An h closing a syllable is written by some conventions only (Turkish Mehmet, Uyghur Memet).
        if (
            cls == "h"
            and kept
            and kept[-1] in VOWEL_CLASSES
            and i + 1 < len(classes)
            and classes[i + 1] not in VOWEL_CLASSES
        ):
            continue
        if kept and kept[-1] == cls:  # doubled letters: Muhemmet / Muhemet
            continue
        kept.append(cls)
    return "".join(kept)


def skeleton(key: str) -> str:
    """The consonants of a key, coarser still: what survives every script's conventions.

    An initial h goes too: Chinese forms often leave it out (艾山 for Hesen).
    """
    bones = key.translate(_SKELETON)
    return bones[1:] if bones.startswith("h") else bones


# Glides and h come and go between a name's forms (Aysanm / Aisanm, Abdurehim / 阿不都热依木 Abduraim).
_GLIDES = str.maketrans(dict.fromkeys("ywh"))
COARSE_LENGTH = 3


@lru_cache(maxsize=262144)
def loose_skeleton(key: str) -> str:
    """A key's skeleton without glides and h."""
    return skeleton(key).translate(_GLIDES)


def coarse_key(key: str) -> str:
    """The first three consonants of the loose skeleton: a blocking key that survives most of what
    transliteration does to a name, coarse enough to be combined with a second fact."""
    return loose_skeleton(key)[:COARSE_LENGTH]


def blocking_keys(key: str) -> tuple[str, ...]:
    """Coarse keys under which a part is filed, so that candidates are found without comparing all.

    Two per part, so one misspelt consonant still leaves a shared key: the first three consonants and the
    first two with the last (Mihriban / Mirzeban); for three consonants or fewer, the first three and the
    first two (Reshit / Rashid). A part with one consonant or none is filed under it alone (Éli / Ali).
    """
    if not key:
        return ()
    bones = skeleton(key)
    if len(bones) < 2:
        return ("_" + bones,)
    if len(bones) <= 3:
        return (bones[:3], bones[:2])
    return tuple(dict.fromkeys((bones[:3], bones[:2] + bones[-1])))
