"""Small-cell protection by suppression: hide small counts, then enough others that none can be worked out.

The method is the threshold rule with cell suppression for frequency tables, as described in the ESSnet/Eurostat
"Handbook on Statistical Disclosure Control" (Hundepool et al., 2010; the book "Statistical Disclosure Control",
Wiley 2012) and in the Government Statistical Service (ONS) "Disclosure Control Guidance for Tables Produced from
Administrative Sources" (2014):

- Primary suppression: every count from 1 to threshold - 1 is hidden, and so is every total in that range (a total
  is a count of people too).
- Zeros are always shown: a zero describes no one. The reader then knows that every hidden count is at least 1, and
  the checks below assume so. (A zero can still say something about others, e.g. that everyone in a row shares a
  status; that is a matter of choosing the categories of a report, not of this module.)
- Secondary (complementary) suppression, repeated until nothing changes:
  1. the attack a reader can do by hand: in every line (row, column, the list, the totals row and column) with a
     hidden position, at least two are hidden, or the line's sum gives it away; and when the line's total is shown,
     its hidden counts add up to at least the threshold, or their sum would be a small count published by
     subtraction. The position hidden next is the line's smallest shown non-zero count, the first in table order
     among equals (the total only when no count is left), so the least information is lost;
  2. the exact audit (`reunite.statistics.audit`): a hidden count that the published figures still determine
     although every line hides two (a square of ones, which a reader knows cannot be zeros) gets the cheapest loop
     of shown counts that frees it hidden too, the fewest people, as in the network-flow heuristics for cell
     suppression (Kelly, Golden and Assad 1992; Castro 2002); then step 1 again.
  Each round hides at least one more position, and hiding every non-zero position is always safe, so this ends;
  the same table and threshold always give the same result.

`reunite.statistics.banding` is the alternative that shows every count as a band instead of hiding some.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import overload

from reunite.statistics.audit import cheapest_release, first_exposed
from reunite.statistics.tables import Frame, Line, OneWayTable, PublishedOneWay, PublishedTwoWay, TwoWayTable

DEFAULT_THRESHOLD = 5


def check_threshold(threshold: int) -> None:
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 2:
        raise ValueError(f"the threshold is the smallest count that may be shown, 2 or more, not {threshold!r}")


def suppression_method(threshold: int) -> str:
    """The plain-language account of the method, for the methodology section of a report."""
    return (
        f"Counts below {threshold} are not shown, nor is any total below {threshold} (primary suppression). "
        "Further counts, and where needed totals, are hidden so that no hidden count can be worked out from the "
        "totals and the counts that are shown (secondary suppression): a row, column or list with a hidden count "
        f"has at least two, and where its total is shown they add up to at least {threshold}. "
        "Zeros are shown, since they describe no one."
    )


@overload
def suppress(table: OneWayTable, threshold: int = DEFAULT_THRESHOLD) -> PublishedOneWay: ...
@overload
def suppress(table: TwoWayTable, threshold: int = DEFAULT_THRESHOLD) -> PublishedTwoWay: ...
def suppress(table: OneWayTable | TwoWayTable, threshold: int = DEFAULT_THRESHOLD) -> PublishedOneWay | PublishedTwoWay:
    """The table as it may be published: small counts and totals hidden, and enough others that none can be derived."""
    check_threshold(threshold)
    frame = table.frame()
    primary = frozenset(p for p, value in enumerate(frame.values) if 0 < value < threshold)
    hidden = _complement(frame, primary, threshold)
    shown = [None if p in hidden else value for p, value in enumerate(frame.values)]
    return table.publish(shown, primary, hidden - primary, suppression_method(threshold))


def _complement(frame: Frame, primary: frozenset[int], threshold: int) -> frozenset[int]:
    hidden = set(primary)
    while more := _next_to_hide(frame, hidden, threshold):
        hidden.update(more)
    return frozenset(hidden)


def _next_to_hide(frame: Frame, hidden: Collection[int], threshold: int) -> tuple[int, ...]:
    """The positions to hide next: one for the first line that gives something away, else the audit's; or none."""
    for line in frame.lines:
        if _gives_away(frame, line, hidden, threshold):
            return (_smallest_shown(frame, line, hidden),)
    exposed = first_exposed(frame, hidden)
    return () if exposed is None else cheapest_release(frame, hidden, exposed)


def _gives_away(frame: Frame, line: Line, hidden: Collection[int], threshold: int) -> bool:
    """Whether a reader can, from this line alone, work out a hidden count or a small sum of hidden counts."""
    inside = [p for p in line.members if p in hidden]
    if len(inside) == 1:
        return True
    return bool(inside) and line.total not in hidden and sum(frame.values[p] for p in inside) < threshold


def _smallest_shown(frame: Frame, line: Line, hidden: Collection[int]) -> int:
    """The line's smallest shown non-zero count, the first among equals (its total comes last).

    A line that gives a count away always has one: its total when that is shown and not zero, else a count making
    up the rest of the total.
    """
    shown = [(frame.values[p], order, p) for order, p in enumerate(line.members) if p not in hidden and frame.values[p]]
    return min(shown)[2]
