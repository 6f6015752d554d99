"""The language data of the names engine, read once from the TSV and text files beside this module."""

from __future__ import annotations

from functools import cache
from importlib import resources


def _lines(filename: str) -> list[str]:
    text = resources.files("reunite.names").joinpath("data", filename).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def rows(filename: str) -> tuple[dict[str, str], ...]:
    """A TSV file's rows after its header line, as dicts; `#` lines are comments."""
    header, *body = _lines(filename)
    columns = header.split("\t")
    padded = (line.split("\t") + [""] * len(columns) for line in body)
    return tuple(dict(zip(columns, cells[: len(columns)], strict=True)) for cells in padded)


@cache
def words(filename: str) -> frozenset[str]:
    """A file with one word a line."""
    return frozenset(line.strip() for line in _lines(filename))


def mapping(filename: str, key: str, value: str) -> dict[str, str]:
    return {row[key]: row[value] for row in rows(filename)}
