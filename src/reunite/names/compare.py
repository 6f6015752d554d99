"""How alike two names are, whatever their scripts, with an explanation a reviewer can check.

Parts are aligned one to one, in whichever order fits best: a swapped order costs a little, a part with no
counterpart costs less than a contradicting one, and a contradicting part (Ablikim Memtimin / Ablikim
Tursun) weighs as nothing agreed. Rare parts count more than common ones when frequencies are known.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import permutations

from rapidfuzz.distance import Indel

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
        self._weights: dict[str, float] = {}

    @classmethod
    def of(cls, names: list[Name]) -> Frequencies:
        counts: dict[str, int] = {}
        for name in names:
            for key in {p.key for p in name.parts}:
                counts[key] = counts.get(key, 0) + 1
        return cls(counts, len(names))

    def weight(self, part: Part) -> float:
        """Inverse document frequency, scaled so a part seen in 1 name of 10 weighs 1."""
        if (known := self._weights.get(part.key)) is not None:
            return known
        count = self.counts.get(part.key, 0)
        self._weights[part.key] = found = max(0.25, math.log((self.total + 1) / (count + 1)) / math.log(11))
        return found


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


class Scorer:
    """`compare(name, other, frequencies).score` for one name against many others, by the same arithmetic but
    without building explanations; remembers how its parts agree with each part reading it has met."""

    def __init__(self, name: Name, frequencies: Frequencies | None = None):
        self.name = name
        self._weight = frequencies.weight if frequencies else _unweighted
        self._parts = name.parts[:ALIGNED_PARTS]
        self._weights = [self._weight(p) for p in self._parts]
        # A part's similarity depends on its reading and alternatives only (the keys are read from them), and
        # part_similarity is symmetric, so one column per reading serves whichever name is the shorter.
        self._agreements: dict[tuple[str, tuple[str, ...]], list[float]] = {}

    def score(self, other: Name) -> float:
        if not self._parts or not other.parts:
            return 0.0
        theirs = other.parts[:ALIGNED_PARTS]
        known = self._agreements
        columns = [known.get((p.reading, p.alternatives)) or self._column(p) for p in theirs]
        their_weights = [self._weight(p) for p in theirs]
        if len(self._parts) > len(theirs):
            best = round(_best_alignment(their_weights, self._weights, columns)[0], 4)
        else:
            rows = list(zip(*columns, strict=True))
            best = round(_best_alignment(self._weights, their_weights, rows)[0], 4)
        if len(self.name.parts) != len(other.parts):
            joined = _joined_similarity(self.name.parts, other.parts)
            if joined is not None:
                return max(best, round(_agreement(joined[0]), 4))
        return best

    def _column(self, part: Part) -> list[float]:
        """How far each of this name's parts agrees with `part`."""
        column = self._agreements[part.reading, part.alternatives] = [
            _agreement(part_similarity(p, part)) for p in self._parts
        ]
        return column


def _unweighted(part: Part) -> float:
    return 1.0


@lru_cache(maxsize=1 << 20)
def part_similarity(a: Part, b: Part) -> float:
    """How alike two parts sound, 0 to 1, forgiving an affectionate ending on either."""
    score = _similarity(a.key, a.skeleton, b.key, b.skeleton)
    if a.stem != a.key or b.stem != b.key:
        stems = _similarity(a.stem, skeleton(a.stem), b.stem, skeleton(b.stem))
        score = max(score, OPTIONAL_ENDING * stems)
    if a.alternatives or b.alternatives:
        for x in (a.key, *a.alternatives):
            for y in (b.key, *b.alternatives):
                score = max(score, _similarity(x, skeleton(x), y, skeleton(y)))
    return score


def _similarity(key_a: str, bones_a: str, key_b: str, bones_b: str) -> float:
    # Indel, not Levenshtein: transliteration drops or adds sounds (阿布力克木 for Ablikim), while a different
    # name substitutes them (Mamut / Memet); a substitution costs two edits here.
    full = Indel.normalized_similarity(key_a, key_b)
    if not (bones_a or bones_b):
        return full
    bones = Indel.normalized_similarity(bones_a, bones_b)
    return SKELETON_WEIGHT * bones + (1 - SKELETON_WEIGHT) * full


def _agreement(similarity: float) -> float:
    return max(0.0, (similarity - SAME_NAME_FLOOR) / (1 - SAME_NAME_FLOOR))


def _aligned(left: tuple[Part, ...], right: tuple[Part, ...], frequencies: Frequencies | None) -> Comparison:
    a, b = left[:ALIGNED_PARTS], right[:ALIGNED_PARTS]
    flip = len(a) > len(b)
    short, long_ = (b, a) if flip else (a, b)
    weight = (lambda p: frequencies.weight(p)) if frequencies else (lambda p: 1.0)
    agreements = [[_agreement(part_similarity(s, p)) for p in long_] for s in short]
    score, chosen = _best_alignment([weight(p) for p in short], [weight(p) for p in long_], agreements)
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


def _best_alignment(
    short_weights: Sequence[float], long_weights: Sequence[float], agreements: Sequence[Sequence[float]]
) -> tuple[float, tuple[int, ...]]:
    """The best one-to-one alignment of the shorter name's parts with the longer's: (score, long index per
    short part). `agreements[i][j]` is how far short part i agrees with long part j."""
    best: tuple[float, tuple[int, ...]] = (-1.0, ())
    missing = len(long_weights) > len(short_weights)
    for chosen in permutations(range(len(long_weights)), len(short_weights)):
        agreed = total = 0.0
        for i, j in enumerate(chosen):
            w = (short_weights[i] + long_weights[j]) / 2
            agreed += w * agreements[i][j]
            total += w
        if missing:
            total += MISSING_PART * sum(long_weights[j] for j in range(len(long_weights)) if j not in chosen)
        score = agreed / total * (1.0 if list(chosen) == sorted(chosen) else SWAPPED_ORDER)
        if score > best[0]:
            best = (score, chosen)
    return best


def _joined_similarity(left: tuple[Part, ...], right: tuple[Part, ...]) -> tuple[float, Part, bool] | None:
    """How alike a one-word name is to the other name's parts written together, that joined part, and
    whether the one word is on the right."""
    single, several, flip = (left, right, False) if len(left) == 1 else (right, left, True)
    if len(single) != 1:
        return None
    together = make_part("".join(p.reading for p in several))
    if together is None:
        return None
    return part_similarity(single[0], together), together, flip


def _joined(left: tuple[Part, ...], right: tuple[Part, ...], frequencies: Frequencies | None) -> Comparison | None:
    """Compare a one-word name with the other name's parts written together (阿布力克木买买提明)."""
    found = _joined_similarity(left, right)
    if found is None:
        return None
    similarity, together, flip = found
    single = right if flip else left
    pair = Pair(together, single[0], similarity, 1.0) if flip else Pair(single[0], together, similarity, 1.0)
    return Comparison(round(_agreement(similarity), 4), (pair,), (), (), False, joined=True)
