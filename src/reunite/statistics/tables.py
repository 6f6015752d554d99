"""Count tables as a report states them, and as they are published after disclosure control.

A table's totals are always the sums of its counts: a figure such as "place unknown" that belongs in a total is a
category of its own, so that every published total can be checked against its counts (and, by an attacker, used
against them; `reunite.statistics.suppression` assumes exactly that).

The algorithms see a table through a `Frame`: its counts and totals flattened into positions, each on the lines
(rows, columns, the list) whose sums it takes part in. A 2-D table's frame is the table with its margins, (rows + 1)
× (columns + 1): the totals row and the totals column are lines too, both summing to the grand total.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Band:
    """A published interval, `low` to `high` inclusive, standing for a count that is not shown exactly."""

    low: int
    high: int

    def __str__(self) -> str:
        return f"{self.low}–{self.high}"


Shown = int | Band | None
"""What is published of one count or total: the exact count, its band, or None when it is hidden."""


@dataclass(frozen=True)
class Line:
    """Positions whose counts add up to a total; the last member is the position of that total."""

    members: tuple[int, ...]

    @property
    def total(self) -> int:
        return self.members[-1]

    @property
    def parts(self) -> tuple[int, ...]:
        return self.members[:-1]


@dataclass(frozen=True)
class Frame:
    """A table and its totals as positions, for the disclosure algorithms.

    Every position lies on two nodes, `ends[p]` = (row side, column side); `lines[n]` is the line of node n, and a
    node without a line (the far end of a 1-D table's counts) ties nothing. `signs[p]` is +1 for a count and for the
    grand total, -1 for a row, column or list total: multiplied by them, every line sums to zero, which is what
    `reunite.statistics.audit` relies on.
    """

    values: tuple[int, ...]
    ends: tuple[tuple[int, int], ...]
    signs: tuple[int, ...]
    lines: tuple[Line, ...]

    def line_totalled_by(self, position: int) -> Line | None:
        return next((line for line in self.lines if line.total == position), None)


EMPTY = "a table needs at least one category, row and column"


def _check_counts(counts: Sequence[int], expected: int) -> None:
    if not expected:
        raise ValueError(EMPTY)
    if len(counts) != expected:
        raise ValueError(f"{len(counts)} counts for {expected} labels")
    for count in counts:
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValueError(f"a count must be a whole number of people, 0 or more, not {count!r}")


@dataclass(frozen=True)
class PublishedOneWay:
    """A 1-D table as published: `shown` holds one entry per category, then the total.

    `primary` and `secondary` are the hidden positions in `shown` (the total is `len(categories)`), empty for banding.
    They are for checks and the methodology, not for print: a table that told them apart would say which hidden
    counts are the small ones.
    """

    categories: tuple[str, ...]
    shown: tuple[Shown, ...]
    primary: frozenset[int]
    secondary: frozenset[int]
    method: str

    @property
    def cells(self) -> tuple[Shown, ...]:
        return self.shown[:-1]

    @property
    def total(self) -> Shown:
        return self.shown[-1]


@dataclass(frozen=True)
class OneWayTable:
    """Counts by category (persons by status, children by placement), with their total."""

    categories: tuple[str, ...]
    counts: tuple[int, ...]

    def __post_init__(self) -> None:
        _check_counts(self.counts, len(self.categories))

    @classmethod
    def from_counts(cls, counts: Mapping[str, int]) -> OneWayTable:
        return cls(tuple(counts), tuple(counts.values()))

    @property
    def total(self) -> int:
        return sum(self.counts)

    def frame(self) -> Frame:
        size = len(self.counts)
        # The counts' far end (node 1) is no line: a 1-D table ties each count only through the total.
        return Frame(
            values=(*self.counts, self.total),
            ends=((0, 1),) * (size + 1),
            signs=(1,) * size + (-1,),
            lines=(Line(tuple(range(size + 1))),),
        )

    def publish(
        self, shown: Sequence[Shown], primary: Collection[int], secondary: Collection[int], method: str
    ) -> PublishedOneWay:
        return PublishedOneWay(self.categories, tuple(shown), frozenset(primary), frozenset(secondary), method)


@dataclass(frozen=True)
class PublishedTwoWay:
    """A 2-D table as published: `shown` is the table with its margins, (rows + 1) × (columns + 1).

    The last row holds the column totals, the last column the row totals, the corner the grand total. `primary`
    and `secondary` are the hidden (row, column) positions in `shown`, empty for banding; not for print, as for
    `PublishedOneWay`.
    """

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    shown: tuple[tuple[Shown, ...], ...]
    primary: frozenset[tuple[int, int]]
    secondary: frozenset[tuple[int, int]]
    method: str

    @property
    def cells(self) -> tuple[tuple[Shown, ...], ...]:
        return tuple(row[:-1] for row in self.shown[:-1])

    @property
    def row_totals(self) -> tuple[Shown, ...]:
        return tuple(row[-1] for row in self.shown[:-1])

    @property
    def column_totals(self) -> tuple[Shown, ...]:
        return self.shown[-1][:-1]

    @property
    def total(self) -> Shown:
        return self.shown[-1][-1]


@dataclass(frozen=True)
class TwoWayTable:
    """Counts by row and column (children by prefecture and placement), with row, column and grand totals."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]

    def __post_init__(self) -> None:
        if not self.rows:
            raise ValueError(EMPTY)
        if len(self.counts) != len(self.rows):
            raise ValueError(f"{len(self.counts)} rows of counts for {len(self.rows)} row labels")
        for row in self.counts:
            _check_counts(row, len(self.columns))

    def with_margins(self) -> tuple[tuple[int, ...], ...]:
        """The counts with each row's total after it and a last row of column totals and the grand total."""
        body = tuple((*row, sum(row)) for row in self.counts)
        return (*body, tuple(map(sum, zip(*body, strict=True))))

    def frame(self) -> Frame:
        grid = self.with_margins()
        height, width = len(grid), len(grid[0])
        # Row and column totals -1, counts and the grand total +1: then each line, signed, sums to zero, and each
        # position lies on one row line and one column line (`Frame.signs`).
        return Frame(
            values=tuple(value for row in grid for value in row),
            ends=tuple((i, height + j) for i in range(height) for j in range(width)),
            signs=tuple(
                (-1 if i == height - 1 else 1) * (-1 if j == width - 1 else 1)
                for i in range(height)
                for j in range(width)
            ),
            lines=(
                *(Line(tuple(i * width + j for j in range(width))) for i in range(height)),
                *(Line(tuple(i * width + j for i in range(height))) for j in range(width)),
            ),
        )

    def publish(
        self, shown: Sequence[Shown], primary: Collection[int], secondary: Collection[int], method: str
    ) -> PublishedTwoWay:
        width = len(self.columns) + 1
        grid = tuple(tuple(shown[start : start + width]) for start in range(0, len(shown), width))
        return PublishedTwoWay(
            self.rows,
            self.columns,
            grid,
            frozenset(divmod(p, width) for p in primary),
            frozenset(divmod(p, width) for p in secondary),
            method,
        )
