"""The data files the pure packages ship beside their code: TSV tables and word lists, `#` lines comments."""

from __future__ import annotations

from functools import cache
from importlib import resources


def _lines(package: str, filename: str) -> list[str]:
    text = resources.files(package).joinpath("data", filename).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def rows(package: str, filename: str) -> tuple[dict[str, str], ...]:
    """A TSV file's rows after its header line, as dicts; a short row's missing cells are empty."""
    header, *body = _lines(package, filename)
    columns = header.split("\t")
    padded = (line.split("\t") + [""] * len(columns) for line in body)
    return tuple(dict(zip(columns, cells[: len(columns)], strict=True)) for cells in padded)


@cache
def words(package: str, filename: str) -> tuple[str, ...]:
    """A file with one word a line, in file order."""
    return tuple(line.strip() for line in _lines(package, filename))
