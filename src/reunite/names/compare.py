"""How alike two names are, whatever their scripts, with an explanation a reviewer can check.

Parts are aligned one to one, in whichever order fits best: a swapped order costs a little, a part with no
counterpart costs less than a contradicting one, and a contradicting part (Ablikim Memtimin / Ablikim
Tursun) weighs as nothing agreed. Rare parts count more than common ones when frequencies are known.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import permutations

from rapidfuzz.distance import Levenshtein

from reunite.names.keys import skeleton
from reunite.names.structure import Name, Part, make_part, parse_name

# Below this part similarity two parts are different names, not two spellings of one.
SAME_NAME_FLOOR = 0.45
# The consonants carry a Uyghur name across scripts; the vowels vary with every convention.
SKELETON_WEIGHT = 0.6
SWAPPED_ORDER = 0.95
# A part only one side has: weighs this share of a contradicting part.
MISSING_PART = 0.3
OPTIONAL_ENDING = 0.97
ALIGNED_PARTS = 5
# One agreeing part and one contradicting part score 0.5 exactly; above this, the names can be one person's.
POSSIBLY_SAME = 0.6


class Frequencies:
    """How often each part key occurs in some population, to weigh rare parts above common ones."""

    def __init__(self, counts: Mapping[str, int], total: int):
        self.counts, self.total = counts, max(total, 1)

    @classmethod
    def of(cls, names: list[Name]) -> Frequencies:
        counts: dict[str, int] = {}
        for name in names:
            for key in {p.key for p in name.parts}:
                counts[key] = counts.get(key, 0) + 1
        return cls(counts, len(names))

    def weight(self, part: Part) -> float:
        """Inverse document frequency, scaled so a part seen in 1 name of 10 weighs 1."""
        count = self.counts.get(part.key, 0)
        return max(0.25, math.log((self.total + 1) / (count + 1)) / math.log(11))


@dataclass(frozen=True, slots=True)
class Pair:
    a: Part
    b: Part
    similarity: float
    weight: float


@dataclass(frozen=True, slots=True)
class Comparison:
    score: float
    pairs: tuple[Pair, ...]
    unmatched_a: tuple[Part, ...]
    unmatched_b: tuple[Part, ...]
    swapped: bool
    joined: bool = False

    def explain(self) -> str:
        if not self.pairs:
            return "no name parts to compare"
        lines = [
            f"{p.a.text} ({p.a.reading}, {p.a.key}) ~ {p.b.text} ({p.b.reading}, {p.b.key}): "
            f"{p.similarity:.2f}" + (f", weight {p.weight:.2f}" if p.weight != 1 else "")
            for p in self.pairs
        ]
        if self.joined:
            lines.append("one side writes the parts as a single word")
        if self.swapped:
            lines.append(f"parts in swapped order (x{SWAPPED_ORDER})")
        lines += [f"{p.text}: no counterpart in the second name" for p in self.unmatched_a]
        lines += [f"{p.text}: no counterpart in the first name" for p in self.unmatched_b]
        lines.append(f"score {self.score:.2f}")
        return "\n".join(lines)


def compare(a: str | Name, b: str | Name, frequencies: Frequencies | None = None) -> Comparison:
    """Score from 0 (different people's names) to 1 (the same name), with the alignment behind it."""
    left = a if isinstance(a, Name) else parse_name(a)
    right = b if isinstance(b, Name) else parse_name(b)
    if not left.parts or not right.parts:
        return Comparison(0.0, (), left.parts, right.parts, False)
    best = _aligned(left.parts, right.parts, frequencies)
    if len(left.parts) != len(right.parts):
        joined = _joined(left.parts, right.parts, frequencies)
        if joined is not None and joined.score > best.score:
            return joined
    return best


@lru_cache(maxsize=1 << 20)
def part_similarity(a: Part, b: Part) -> float:
    """How alike two parts sound, 0 to 1, forgiving an affectionate ending on either."""
    score = _similarity(a.key, a.skeleton, b.key, b.skeleton)
    if a.stem != a.key or b.stem != b.key:
        stems = _similarity(a.stem, skeleton(a.stem), b.stem, skeleton(b.stem))
        score = max(score, OPTIONAL_ENDING * stems)
    return score


def _similarity(key_a: str, bones_a: str, key_b: str, bones_b: str) -> float:
    full = Levenshtein.normalized_similarity(key_a, key_b)
    if not (bones_a or bones_b):
        return full
    bones = Levenshtein.normalized_similarity(bones_a, bones_b)
    return SKELETON_WEIGHT * bones + (1 - SKELETON_WEIGHT) * full


def _agreement(similarity: float) -> float:
    return max(0.0, (similarity - SAME_NAME_FLOOR) / (1 - SAME_NAME_FLOOR))


def _aligned(left: tuple[Part, ...], right: tuple[Part, ...], frequencies: Frequencies | None) -> Comparison:
    a, b = left[:ALIGNED_PARTS], right[:ALIGNED_PARTS]
    flip = len(a) > len(b)
    short, long_ = (b, a) if flip else (a, b)
    weight = (lambda p: frequencies.weight(p)) if frequencies else (lambda p: 1.0)
    best: tuple[float, tuple[int, ...]] = (-1.0, ())
    for chosen in permutations(range(len(long_)), len(short)):
        agreed = total = 0.0
        for i, j in enumerate(chosen):
            w = (weight(short[i]) + weight(long_[j])) / 2
            agreed += w * _agreement(part_similarity(short[i], long_[j]))
            total += w
        total += MISSING_PART * sum(weight(long_[j]) for j in range(len(long_)) if j not in chosen)
        score = agreed / total * (1.0 if list(chosen) == sorted(chosen) else SWAPPED_ORDER)
        if score > best[0]:
            best = (score, chosen)
    score, chosen = best
    pairs = []
    for i, j in enumerate(chosen):
        x, y = (long_[j], short[i]) if flip else (short[i], long_[j])
        pairs.append(Pair(x, y, part_similarity(x, y), (weight(x) + weight(y)) / 2))
    unmatched = tuple(long_[j] for j in range(len(long_)) if j not in chosen)
    return Comparison(
        score=round(score, 4),
        pairs=tuple(pairs),
        unmatched_a=unmatched if flip else left[ALIGNED_PARTS:],
        unmatched_b=() if flip else unmatched,
        swapped=list(chosen) != sorted(chosen),
    )


def _joined(left: tuple[Part, ...], right: tuple[Part, ...], frequencies: Frequencies | None) -> Comparison | None:
    """Compare a one-word name with the other name's parts written together (阿布力克木买买提明)."""
    single, several, flip = (left, right, False) if len(left) == 1 else (right, left, True)
    if len(single) != 1:
        return None
    together = make_part("".join(p.reading for p in several))
    if together is None:
        return None
    similarity = part_similarity(single[0], together)
    pair = Pair(together, single[0], similarity, 1.0) if flip else Pair(single[0], together, similarity, 1.0)
    return Comparison(round(_agreement(similarity), 4), (pair,), (), (), False, joined=True)
