"""Each left name's best right names, without comparing every pair: a blocking matcher over `compare`.

The right side is parsed once. Names that read alike (the same readings of every part) score alike, so
they form one group, scored once. An inverted index files each group under its parts' blocking keys
(`Part.blocks`). A left name's candidates are the groups sharing at least one of its blocks, ranked by how
many distinct blocks they share, a rare block worth a little more than a common one; only the first
`CANDIDATES` are scored, with part frequencies counted on the right side.

>>> list(match([("q1", "阿布力克木·买买提明")], [("r1", "Tursun Qadir"), ("r2", "Ablikim Memtimin")]))
[('q1', 'r2', 0.9391, 1)]
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from reunite.names.compare import Frequencies, Scorer
from reunite.names.structure import Name, parse_name

# Candidates below this score are never reported.
MIN_SCORE = 0.5
# Candidate groups scored per left name: recall against time (bench/names.py measures both).
CANDIDATES = 2000
# A shared block is worth 1 to 1 + RARITY (the rarer, the more), so one more shared block outweighs rarity.
RARITY = 0.5

Reading = tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True, slots=True)
class RightSide:
    """The right rows parsed once and indexed: the names that read alike form one group."""

    ids: list[str]
    names: list[Name]  # one name per group
    rows: list[list[int]]  # the row numbers (into ids) of each group, in input order
    postings: dict[str, list[int]]  # blocking key -> the groups filed under it
    worth: dict[str, float]  # blocking key -> what sharing it is worth when ranking candidates
    frequencies: Frequencies


def reading_of(name: Name) -> Reading:
    """What a name's scores depend on: each part's ULY reading and its other readings, if any."""
    return tuple((part.reading, part.alternatives) for part in name.parts)


def blocks_of(name: Name) -> list[str]:
    """The distinct blocking keys of a name's parts, in order."""
    return list(dict.fromkeys(block for part in name.parts for block in part.blocks))


def index(rows: Iterable[tuple[str, str]]) -> RightSide:
    """Parse and index the right side; rows whose name has no letters are left out."""
    ids: list[str] = []
    row_names: list[Name] = []
    groups: dict[Reading, int] = {}
    names: list[Name] = []
    members: list[list[int]] = []
    for row_id, text in rows:
        name = parse_name(text)
        if not name.parts:
            continue
        group = groups.setdefault(reading_of(name), len(names))
        if group == len(names):
            names.append(name)
            members.append([])
        members[group].append(len(ids))
        ids.append(row_id)
        row_names.append(name)
    postings = _postings(names)
    return RightSide(ids, names, members, postings, _worth(postings, len(names)), Frequencies.of(row_names))


def _postings(names: list[Name]) -> dict[str, list[int]]:
    postings: dict[str, list[int]] = {}
    for group, name in enumerate(names):
        for block in blocks_of(name):
            postings.setdefault(block, []).append(group)
    return postings


def _worth(postings: dict[str, list[int]], groups: int) -> dict[str, float]:
    """1 for a block every group holds, up to 1 + RARITY for a block only one holds."""
    scale = math.log(groups + 1)
    return {block: 1 + RARITY * math.log((groups + 1) / len(held)) / scale for block, held in postings.items()}


def candidates(right: RightSide, name: Name, limit: int = CANDIDATES) -> list[int]:
    """The groups sharing a block with `name`, most (and rarest) shared blocks first, at most `limit`."""
    shared: dict[int, float] = {}
    get = shared.get
    for block in sorted(blocks_of(name), key=lambda b: -right.worth.get(b, 0.0)):
        worth = right.worth.get(block)
        if worth is None:
            continue
        for group in right.postings[block]:
            shared[group] = get(group, 0.0) + worth
    ranked = sorted(shared, key=shared.__getitem__, reverse=True)
    return ranked[:limit]


def best(right: RightSide, name: Name, top: int = 1, limit: int = CANDIDATES) -> list[tuple[int, float]]:
    """The `top` right rows scoring highest against `name` (at least MIN_SCORE), as (row number, score).

    Ties keep the right side's order.
    """
    scorer = Scorer(name, right.frequencies)
    scored = [
        (score, group)
        for group in candidates(right, name, limit)
        if (score := scorer.score(right.names[group])) >= MIN_SCORE
    ]
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    found: list[tuple[int, float]] = []
    for score, group in scored:
        for row in right.rows[group]:
            if len(found) == top:
                return found
            found.append((row, score))
    return found


def match(
    left: Iterable[tuple[str, str]], right: Iterable[tuple[str, str]], top: int = 1, *, limit: int = CANDIDATES
) -> Iterator[tuple[str, str, float, int]]:
    """(left id, right id, score, rank) for each left row's best `top` right rows, best first.

    Right rows scoring below MIN_SCORE are skipped, so a left row may have fewer than `top` rows, or none.
    """
    indexed = index(right)
    seen: dict[Reading, list[tuple[int, float]]] = {}
    for left_id, text in left:
        name = parse_name(text)
        if not name.parts:
            continue
        key = reading_of(name)
        if key not in seen:
            seen[key] = best(indexed, name, top, limit)
        for rank, (row, score) in enumerate(seen[key], start=1):
            yield left_id, indexed.ids[row], score, rank
