"""The figures as they may be published: every table through small-cell protection (`reunite.statistics`), the
summary figures only when enough people stand behind them. Everything a report, a chart or a CSV shows comes from
here, never from the raw counts."""

from __future__ import annotations

import hashlib
import json
import statistics
from dataclasses import dataclass
from enum import StrEnum

from reunite.reports.figures import Figures, Table
from reunite.statistics import (
    DEFAULT_THRESHOLD,
    Band,
    BandScale,
    PublishedOneWay,
    PublishedTwoWay,
    Shown,
    band,
    banding_method,
    suppress,
    suppression_method,
)
from reunite.statistics.suppression import check_threshold


class Method(StrEnum):
    SUPPRESS = "suppress"
    BAND = "band"


@dataclass(frozen=True)
class Protection:
    threshold: int = DEFAULT_THRESHOLD
    method: Method = Method.SUPPRESS

    def __post_init__(self) -> None:
        check_threshold(self.threshold)

    def apply(self, table: Table) -> PublishedOneWay | PublishedTwoWay:
        if self.method is Method.BAND:
            return band(table.counts, self.threshold)
        return suppress(table.counts, self.threshold)

    def small(self, count: int) -> bool:
        return 0 < count < self.threshold

    def hide(self, count: int) -> Shown:
        """One count published on its own (no total ties it to others): hidden or banded when small."""
        if not self.small(count):
            return count
        return BandScale.for_threshold(self.threshold).band(count) if self.method is Method.BAND else None

    @property
    def description(self) -> str:
        if self.method is Method.BAND:
            return banding_method(self.threshold, BandScale.for_threshold(self.threshold))
        return suppression_method(self.threshold)


@dataclass(frozen=True)
class PublishedTable:
    table: Table
    published: PublishedOneWay | PublishedTwoWay

    @property
    def two_way(self) -> bool:
        return isinstance(self.published, PublishedTwoWay)

    @property
    def hidden(self) -> int:
        """How many counts and totals are not shown exactly."""
        shown = self.published.shown
        flat = [v for row in shown for v in row] if self.two_way else list(shown)
        return sum(1 for value in flat if not isinstance(value, int))


@dataclass(frozen=True)
class ContactSummary:
    """The median and longest time since last contact. How many persons they describe is the days table's to say:
    a count here could undo that table's protection."""

    median: int | None
    longest: int | None


@dataclass(frozen=True)
class PublishedFigures:
    figures: Figures
    protection: Protection
    tables: tuple[PublishedTable, ...]
    contact: ContactSummary
    obstacles: tuple[tuple[str, Shown], ...]
    applications: Shown

    @property
    def hidden(self) -> int:
        return sum(t.hidden for t in self.tables) + sum(1 for _, n in self.obstacles if not isinstance(n, int))

    def fingerprint(self) -> str:
        """SHA-256 of every published figure: two reports with the same fingerprint publish the same numbers."""
        return hashlib.sha256(json.dumps(self.as_json(), sort_keys=True).encode()).hexdigest()

    def as_json(self) -> dict:
        return {
            "as_of": self.figures.as_of.isoformat(),
            "protection": {"threshold": self.protection.threshold, "method": self.protection.method.value},
            "tables": {t.table.name: _json(t.published.shown) for t in self.tables},
            "contact": {"median": self.contact.median, "longest": self.contact.longest},
            "obstacles": {category: _json(n) for category, n in self.obstacles},
            "applications": _json(self.applications),
        }


def publish(figures: Figures, protection: Protection) -> PublishedFigures:
    days = figures.days
    # The median and the longest wait describe one or two people: only said when enough stand behind them.
    enough = len(days) >= protection.threshold
    return PublishedFigures(
        figures=figures,
        protection=protection,
        tables=tuple(PublishedTable(table, protection.apply(table)) for table in figures.tables),
        contact=ContactSummary(
            median=round(statistics.median(days)) if enough else None,
            longest=max(days) if enough else None,
        ),
        obstacles=tuple((category, protection.hide(n)) for category, n in figures.obstacles),
        applications=protection.hide(figures.applications),
    )


def _json(value):
    if isinstance(value, tuple):
        return [_json(v) for v in value]
    if isinstance(value, Band):
        return str(value)
    return value
