"""The audit of a suppression pattern: can a reader work out a hidden count exactly?

The reader is assumed to know every published count and total, how they add up, and that every hidden count is at
least 1 (zeros are always shown, and the method text says so). A hidden count is exposed when no other value fits
all of that. This is the audit step of cell suppression in the ESSnet/Eurostat "Handbook on Statistical Disclosure
Control" and in τ-ARGUS, which solve a linear programme per hidden cell; for tables whose lines are the rows and
columns of a 2-D table with its margins (or the single line of a list), it reduces to a search in a graph, exact and
without a solver:

Multiply each count by its sign (`Frame.signs`): every line then sums to zero and every position lies on two nodes,
a row side and a column side. Any other set of counts that fits differs from the true one by a sum of closed loops
through hidden positions, raising and lowering them in turn. So a hidden count can take another value exactly when
one such loop through it can move one step without taking any hidden count below 1. Crossing a position from its
row side to its column side adds its sign to its count, crossing back takes it away; a loop is a directed cycle
among the crossings allowed, found by one breadth-first search per hidden position. For an exposed count, the
cheapest loop through shown counts (Dijkstra, a shown count costing its value) says what else to hide.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict, deque
from collections.abc import Collection

from reunite.statistics.tables import Frame

Arcs = dict[int, list[tuple[int, int]]]
"""Per node, the steps a loop can take from it: (next node, position crossed)."""


def first_exposed(frame: Frame, hidden: Collection[int]) -> int | None:
    """The first hidden position (in frame order) whose count the published figures determine, or None."""
    arcs = _arcs(frame, hidden)
    return next((p for p in sorted(hidden) if not _can_move(frame, arcs, p)), None)


def cheapest_release(frame: Frame, hidden: Collection[int], exposed: int) -> tuple[int, ...]:
    """The shown positions to hide so that a loop frees the exposed position: the loop hiding the fewest people.

    Hiding every non-zero position frees every count (doubling them all fits), so such a loop always exists.
    """
    row_side, column_side = frame.ends[exposed]
    routes = []
    if _can_cross(frame, exposed):
        routes.append(_cheapest_path(frame, hidden, column_side, row_side, exposed))
    if _can_cross_back(frame, exposed):
        routes.append(_cheapest_path(frame, hidden, row_side, column_side, exposed))
    _, path = min(route for route in routes if route is not None)
    return tuple(p for p in path if p not in hidden)


def _cheapest_path(
    frame: Frame, hidden: Collection[int], start: int, goal: int, avoiding: int
) -> tuple[int, tuple[int, ...]] | None:
    """Dijkstra over every non-zero position but one, a hidden one free and a shown one costing its count."""
    arcs = _arcs(frame, [p for p, value in enumerate(frame.values) if value and p != avoiding])
    best = {start: 0}
    queue: list[tuple[int, int, tuple[int, ...]]] = [(0, start, ())]
    while queue:
        cost, node, path = heapq.heappop(queue)
        if node == goal:
            return cost, path
        if cost > best[node]:
            continue
        for following, position in arcs.get(node, ()):
            step = cost + (0 if position in hidden else frame.values[position])
            if step < best.get(following, math.inf):
                best[following] = step
                heapq.heappush(queue, (step, following, (*path, position)))
    return None


def _can_cross(frame: Frame, p: int) -> bool:
    """Whether a loop may cross position p from its row side to its column side, adding its sign to its count."""
    return frame.signs[p] > 0 or frame.values[p] >= 2


def _can_cross_back(frame: Frame, p: int) -> bool:
    """Whether a loop may cross position p from its column side to its row side, taking its sign from its count."""
    return frame.signs[p] < 0 or frame.values[p] >= 2


def _arcs(frame: Frame, positions: Collection[int]) -> Arcs:
    arcs: Arcs = defaultdict(list)
    for p in positions:
        row_side, column_side = frame.ends[p]
        if _can_cross(frame, p):
            arcs[row_side].append((column_side, p))
        if _can_cross_back(frame, p):
            arcs[column_side].append((row_side, p))
    return arcs


def _can_move(frame: Frame, arcs: Arcs, p: int) -> bool:
    row_side, column_side = frame.ends[p]
    return (_can_cross(frame, p) and _reaches(arcs, column_side, row_side, p)) or (
        _can_cross_back(frame, p) and _reaches(arcs, row_side, column_side, p)
    )


def _reaches(arcs: Arcs, start: int, goal: int, avoiding: int) -> bool:
    """Whether a path leads from start to goal without crossing position `avoiding` (which closes the loop)."""
    seen, queue = {start}, deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            return True
        for following, position in arcs.get(node, ()):
            if position != avoiding and following not in seen:
                seen.add(following)
                queue.append(following)
    return False
