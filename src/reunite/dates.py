"""Partial dates: what testimonies actually say ("2016", "May 2017", "about 1974", "2015/2017").

A `PartialDate` is the interval of days a statement allows. Its precision is derived from the
interval, never stored beside it, so the two can never disagree. The canonical text form (an ISO 8601
subset, ranges written "start/end") round-trips through `parse`, sorts by the earliest day, and is what
the database stores.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    RANGE = "range"


class PartialDateError(ValueError):
    """Text that is not a date, or a date that does not exist (30 February)."""


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _make_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise PartialDateError(f"{year:04d}-{month:02d}-{day:02d} does not exist ({exc})") from None


@dataclass(frozen=True, order=True)
class PartialDate:
    earliest: date
    latest: date

    def __post_init__(self) -> None:
        if self.latest < self.earliest:
            raise PartialDateError(f"a range cannot end ({self.latest}) before it starts ({self.earliest})")

    @classmethod
    def day(cls, year: int, month: int, day: int) -> PartialDate:
        d = _make_date(year, month, day)
        return cls(d, d)

    @classmethod
    def month(cls, year: int, month: int) -> PartialDate:
        if not 1 <= month <= 12:
            raise PartialDateError(f"month {month} does not exist")
        return cls(_make_date(year, month, 1), _make_date(year, month, _last_day(year, month)))

    @classmethod
    def year(cls, year: int) -> PartialDate:
        return cls(_make_date(year, 1, 1), _make_date(year, 12, 31))

    @classmethod
    def between(cls, start: PartialDate, end: PartialDate) -> PartialDate:
        return cls(start.earliest, end.latest)

    @property
    def precision(self) -> Precision:
        first, last = self.earliest, self.latest
        if first == last:
            return Precision.DAY
        if (
            first.day == 1
            and (first.year, first.month) == (last.year, last.month)
            and last.day == _last_day(last.year, last.month)
        ):
            return Precision.MONTH
        if (first.month, first.day) == (1, 1) and (last.month, last.day) == (12, 31) and first.year == last.year:
            return Precision.YEAR
        return Precision.RANGE

    @property
    def is_exact(self) -> bool:
        return self.precision is Precision.DAY

    def definitely_before(self, other: PartialDate) -> bool:
        """True only when every day this date allows precedes every day `other` allows."""
        return self.latest < other.earliest

    def days_since(self, today: date) -> int:
        """Whole days from the latest day this date allows until `today`: a lower bound when imprecise."""
        return (today - self.latest).days

    def __str__(self) -> str:
        precision = self.precision
        if precision is Precision.DAY:
            return self.earliest.isoformat()
        if precision is Precision.MONTH:
            return self.earliest.isoformat()[:7]
        if precision is Precision.YEAR:
            return f"{self.earliest.year:04d}"
        return f"{_start_text(self.earliest)}/{_end_text(self.latest)}"


def _start_text(d: date) -> str:
    if (d.month, d.day) == (1, 1):
        return f"{d.year:04d}"
    if d.day == 1:
        return d.isoformat()[:7]
    return d.isoformat()


def _end_text(d: date) -> str:
    if (d.month, d.day) == (12, 31):
        return f"{d.year:04d}"
    if d.day == _last_day(d.year, d.month):
        return d.isoformat()[:7]
    return d.isoformat()


_ISO = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?")
# Chinese lists write 2017年5月14日, 2017年5月, 2017年 (and 号 for 日 in speech).
_CHINESE = re.compile(r"(?P<y>\d{4})\s*年(?:\s*(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*[日号])?)?")
_DAY_FIRST = re.compile(r"(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{4})")
_WORDS = re.compile(r"(?:(?P<d>\d{1,2})\s+)?(?P<month>[a-z]+)\.?,?\s+(?P<y>\d{4})")
_APPROXIMATE = re.compile(r"(?:~|c\.|ca\.|circa|about|around|approx\.?|approximately)\s*(?P<y>\d{4})")
_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}


def parse(text: str) -> PartialDate:
    """Read a partial date; raise `PartialDateError` saying why when the text is not one.

    Accepted: 2016 · 2016-05 · 2016-05-12 · 12.05.2016 · May 2017 · 12 April 1974 · 2017年5月14日 ·
    about 1974 (one year either side) · any two of those joined by "/" as a range.
    """
    cleaned = " ".join(text.strip().lower().split())
    if not cleaned:
        raise PartialDateError("empty date")
    if "/" in cleaned and not _DAY_FIRST.fullmatch(cleaned):
        start, _, end = cleaned.partition("/")
        return PartialDate.between(_parse_single(start.strip()), _parse_single(end.strip()))
    return _parse_single(cleaned)


def _parse_single(text: str) -> PartialDate:
    if m := (_ISO.fullmatch(text) or _CHINESE.fullmatch(text)):
        year = int(m["y"])
        if m["d"]:
            return PartialDate.day(year, int(m["m"]), int(m["d"]))
        if m["m"]:
            return PartialDate.month(year, int(m["m"]))
        return PartialDate.year(year)
    if m := _DAY_FIRST.fullmatch(text):
        return PartialDate.day(int(m["y"]), int(m["m"]), int(m["d"]))
    if m := _APPROXIMATE.fullmatch(text):
        year = int(m["y"])
        return PartialDate.between(PartialDate.year(year - 1), PartialDate.year(year + 1))
    if (m := _WORDS.fullmatch(text)) and m["month"] in _MONTHS:
        year, month = int(m["y"]), _MONTHS[m["month"]]
        if m["d"]:
            return PartialDate.day(year, month, int(m["d"]))
        return PartialDate.month(year, month)
    raise PartialDateError(
        f"{text!r} is not a date: write 2016, 2016-05, 2016-05-12, May 2017, about 1974 or 2015/2017"
    )
