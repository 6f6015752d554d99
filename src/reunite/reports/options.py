"""The report's options as the command line and the web form give them: the one reader of dates and methods."""

from __future__ import annotations

from datetime import date

from reunite.reports.publish import Method, Protection
from reunite.reports.report import Options


def read_options(start: str | date | None, end: str | date | None, threshold: int, method: str, quotes: int) -> Options:
    """Options from text or dates; a ValueError says which option is wrong and why."""
    first, last = _day("from", start), _day("to", end)
    if first and last and first > last:
        raise ValueError(f"the period ends ({last}) before it starts ({first})")
    if quotes < 0:
        raise ValueError("the number of quotes cannot be negative")
    protection = Protection(threshold, Method(method))  # refuses a threshold below 2
    return Options(first, last, protection.threshold, protection.method, quotes)


def _day(name: str, value: str | date | None) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"--{name}: {value!r} is not a date (YYYY-MM-DD)") from None
