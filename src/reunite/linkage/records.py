"""A person as one source describes them: the input of record linkage."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """One source's record of one person; any field may be empty.

    `names` are in any script, the first being the source's primary form; `birth` is canonical partial-date text
    (`reunite.dates`); `birthplace` is free text as written; `id_number` a resident ID as written. `truth` is the
    known identity, used only to score linkage on invented data.
    """

    record_id: str
    source: str
    names: tuple[str, ...] = ()
    sex: str = ""
    birth: str | None = None
    birthplace: str | None = None
    id_number: str | None = None
    father_names: tuple[str, ...] = ()
    mother_names: tuple[str, ...] = ()
    truth: str = ""
