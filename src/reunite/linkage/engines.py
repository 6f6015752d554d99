"""The SQL engines Splink runs on, by name: the choice is a setting, never a fork in the code."""

from __future__ import annotations

from collections.abc import Callable

from splink import DuckDBAPI
from splink.internals.database_api import DatabaseAPISubClass

DEFAULT = "duckdb"

ENGINES: dict[str, Callable[[], DatabaseAPISubClass]] = {
    "duckdb": lambda: DuckDBAPI(":memory:"),
}


def engine_api(engine: str = DEFAULT) -> DatabaseAPISubClass:
    """A fresh Splink database API for the named engine."""
    try:
        factory = ENGINES[engine]
    except KeyError:
        raise ValueError(f"unknown linkage engine {engine!r}; known: {', '.join(ENGINES)}") from None
    return factory()
