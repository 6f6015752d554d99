"""The language data of the names engine, read once from the files in `names/data/`."""

from __future__ import annotations

from reunite import datafiles

PACKAGE = "reunite.names"


def rows(filename: str) -> tuple[dict[str, str], ...]:
    return datafiles.rows(PACKAGE, filename)


def words(filename: str) -> frozenset[str]:
    return frozenset(datafiles.words(PACKAGE, filename))


def mapping(filename: str, key: str, value: str) -> dict[str, str]:
    return {row[key]: row[value] for row in rows(filename)}
