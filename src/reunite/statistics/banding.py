"""Small-cell protection by banding: every count shown as the band it falls in ("1–4", "5–9", …), never exactly.

The alternative to suppression (`reunite.statistics.suppression`) when a report would rather give an order of size
for every cell than leave gaps; the ESSnet/Eurostat "Handbook on Statistical Disclosure Control" and the GSS (ONS)
"Disclosure Control Guidance for Tables Produced from Administrative Sources" (2014) list banding beside suppression
and rounding among the methods for frequency tables.

- Bands start at 1; `edges` are their lower ends, and past the last edge they go on with the last band's width. By
  default they are as wide as the threshold ("1–4", "5–9", "10–14", … for 5), and never narrower than 3 so that the
  first holds two counts even for a threshold of 2. Every band must hold at least two counts, and the first all those
  below the threshold, so no small count can be told from another.
- Zeros are shown as 0: a zero describes no one.
- A total is not banded on its own: it is shown as the range its banded counts add up to ("12–30"). A total banded
  separately would say more than the counts' bands together, and could pin them down: four counts in "1–4" with a
  total in "1–4" can only be four ones. Shown this way, the totals add nothing to the bands, so a reader can narrow no
  count below its band.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import overload

from reunite.statistics.suppression import DEFAULT_THRESHOLD, check_threshold
from reunite.statistics.tables import (
    Band,
    Frame,
    OneWayTable,
    PublishedOneWay,
    PublishedTwoWay,
    TwoWayTable,
)


@dataclass(frozen=True)
class BandScale:
    """Bands with these lower ends (the first 1), continuing past the last with the last band's width."""

    edges: tuple[int, ...]

    def __post_init__(self) -> None:
        edges = self.edges
        if len(edges) < 2 or edges[0] != 1:
            raise ValueError(f"band edges start at 1 and give at least two bands, not {edges!r}")
        if any(high - low < 2 for low, high in pairwise(edges)):
            raise ValueError(f"every band must hold at least two counts, so none is shown exactly: {edges!r}")

    @classmethod
    def for_threshold(cls, threshold: int) -> BandScale:
        # A threshold of 2 would make the first band "1–1", an exact count: two counts per band at the least.
        width = max(threshold, 3)
        return cls((1, width, 2 * width))

    def band(self, count: int) -> Band:
        """The band of a count of 1 or more."""
        edges = self.edges
        below = [low for low in edges if low <= count]
        if len(below) < len(edges):
            return Band(below[-1], edges[len(below)] - 1)
        width = edges[-1] - edges[-2]
        low = edges[-1] + (count - edges[-1]) // width * width
        return Band(low, low + width - 1)

    def labels(self, how_many: int) -> list[str]:
        """The first bands' labels, for the method text."""
        lows = [1]
        while len(lows) < how_many:
            lows.append(self.band(lows[-1]).high + 1)
        return [str(self.band(low)) for low in lows]


def banding_method(threshold: int, scale: BandScale) -> str:
    """The plain-language account of the method, for the methodology section of a report."""
    return (
        f"Counts are shown in bands ({', '.join(scale.labels(3))}, …) rather than exactly, so that no count "
        f"below {threshold} can be seen; zeros are shown, since they describe no one. Each total is shown as the "
        "range its banded counts add up to, so that the totals reveal nothing the bands do not."
    )


@overload
def band(
    table: OneWayTable, threshold: int = DEFAULT_THRESHOLD, edges: Sequence[int] | None = None
) -> PublishedOneWay: ...
@overload
def band(
    table: TwoWayTable, threshold: int = DEFAULT_THRESHOLD, edges: Sequence[int] | None = None
) -> PublishedTwoWay: ...
def band(
    table: OneWayTable | TwoWayTable, threshold: int = DEFAULT_THRESHOLD, edges: Sequence[int] | None = None
) -> PublishedOneWay | PublishedTwoWay:
    """The table with every non-zero count shown as its band and every total as the range of its counts' bands."""
    check_threshold(threshold)
    scale = BandScale(tuple(edges)) if edges is not None else BandScale.for_threshold(threshold)
    if scale.band(1).high < threshold - 1:
        raise ValueError(f"the first band must hold every count below the threshold ({threshold}): {scale.edges!r}")
    frame = table.frame()
    ranges = [_range(frame, scale, p) for p in range(len(frame.values))]
    shown = [0 if (low, high) == (0, 0) else Band(low, high) for low, high in ranges]
    return table.publish(shown, (), (), banding_method(threshold, scale))


def _range(frame: Frame, scale: BandScale, position: int) -> tuple[int, int]:
    """The lowest and highest value the published bands allow at a position: a count's band, a total's sum."""
    line = frame.line_totalled_by(position)
    if line is None:
        count = frame.values[position]
        if not count:
            return 0, 0
        bounds = scale.band(count)
        return bounds.low, bounds.high
    parts = [_range(frame, scale, p) for p in line.parts]
    return sum(low for low, _ in parts), sum(high for _, high in parts)
