"""Importing a list: each row becomes a source kept verbatim, with the persons and facts it states.

    summary = import_file("list.csv", "official-list", dataset="Example list", progress=callback)

Rows are keyed by (dataset, row key). A row whose raw values equal its latest stored version changes nothing; a
row that changed adds a version of its source with its own facts, and the older version's facts stay: nothing
is overwritten or deleted. So importing the same file again, or a corrected one, or an import that was
interrupted, is safe and ends with every row stored once per version.

Every row is checked before anything is written (`Mapping.read`); rows with problems are left out, reported with
row number, column and reason, and copied to the rejects file. The good rows are written a batch at a time, each
batch in one transaction (`writing.Writer`): an interruption loses at most the batch under way, never half of one.
"""

from __future__ import annotations

import csv
import gc
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection
from django.utils import timezone

from reunite.accounts.models import organisation_writing
from reunite.registry.models import Event, IdentityNumber, Person, PersonName, Source, Status
from reunite.transfer.mapping import Choices, Mapping, MappingError, Problem, load_mapping
from reunite.transfer.reading import Row, Table, open_table
from reunite.transfer.restore import Restored, read_manifest, restore
from reunite.transfer.writing import PreparedRow, Preparer, Writer

logger = logging.getLogger(__name__)

# Rows per transaction. Each batch costs a commit, whose work grows with the pages the batch touches across the
# registry's indexes: larger batches touch each page once for more rows. Small enough that an interruption loses
# little and memory stays flat (one batch is in memory at a time).
BATCH = 20_000
# Problems kept for the summary; all of them go to the rejects file.
PROBLEMS_SHOWN = 50
# Up to this many new persons are matched at once when the import ends ("find matches"); beyond it, a whole
# linkage run (`reunite link run`) is the faster way and the summary says so.
MATCH_LIMIT = 500
MATCH_GROUP = 50
LINK_COMMAND = "reunite link run"
# Columns the rejects file adds after the file's own.
REJECT_COLUMNS = ("rejected row", "reasons")
# The garbage collector's thresholds while importing (see `_bulk_collection`).
BULK_COLLECTION = (50_000, 20, 100)


@dataclass
class Summary:
    """What an import did (or, in a dry run, would do)."""

    dataset: str
    dry_run: bool
    rows: int = 0
    imported: int = 0  # rows new to the dataset
    new_versions: int = 0  # rows that changed since their last import
    unchanged: int = 0
    withdrawn: int = 0  # rows whose witness withdrew consent: never imported again
    rejected: int = 0
    warnings: int = 0
    persons: int = 0
    problems: list[Problem] = field(default_factory=list)  # the first PROBLEMS_SHOWN, rejections and warnings
    problem_count: int = 0
    matching: str = ""

    def note(self, problem: Problem) -> None:
        self.problem_count += 1
        if len(self.problems) < PROBLEMS_SHOWN:
            self.problems.append(problem)

    def lines(self) -> list[str]:
        would = "would be " if self.dry_run else ""
        lines = [
            f"{self.rows} rows read from the file for dataset {self.dataset!r}",
            f"  {self.imported} {would}imported (new rows)",
            f"  {self.new_versions} {would}imported as new versions (changed since the last import)",
            f"  {self.unchanged} unchanged (already imported)",
            f"  {self.rejected} rejected",
        ]
        if self.withdrawn:
            lines.insert(4, f"  {self.withdrawn} skipped: consent withdrawn (docs/consent.md)")
        if self.warnings:
            lines.append(f"  {self.warnings} warnings (rows kept)")
        if not self.dry_run:
            lines.append(f"{self.persons} persons added")
        if self.matching:
            lines.append(self.matching)
        return lines


Progress = Callable[[float, int], None]


def choices() -> Choices:
    """What the registry accepts, for checking a mapping."""
    return Choices(
        statuses=frozenset(Status.values),
        status_labels={str(label): value for value, label in Status.choices},
        event_kinds=frozenset(Event.Kind.values),
        name_kinds=frozenset(PersonName.Kind.values),
        id_kinds=frozenset(IdentityNumber.Kind.values),
        sensitivities=frozenset(Source.Sensitivity.values),
    )


def import_file(
    path: str | Path,
    mapping: str | Mapping | None = None,
    *,
    dataset: str = "",
    dry_run: bool = False,
    rejects: str | Path | None = None,
    user: AbstractBaseUser | None = None,
    progress: Progress | None = None,
    encoding: str = "",
    fmt: str = "",
    batch_size: int = BATCH,
    find_matches: bool = True,
) -> Summary | Restored:
    """Import a file with a mapping (a path, a shipped mapping's name, or a loaded `Mapping`).

    A reunite export (JSON, found by its manifest) needs no mapping: it is restored as it was (`restore`), and the
    summary is a `Restored`.

    Raises `MappingError` for a mapping that does not fit the file and `ReadError` for a file that cannot be read,
    before any row is written; a `ReadError` part-way leaves the batches before it stored. `progress(fraction,
    rows)` is called after each batch.
    """
    if read_manifest(path) is not None:
        restored = restore(path, user=user, dry_run=dry_run)
        if progress:
            progress(1.0, restored.sources + restored.present)
        return restored
    if mapping is None:
        raise MappingError(["a mapping is needed: the file is not a reunite export"])
    if not isinstance(mapping, Mapping):
        mapping = load_mapping(mapping, choices(), dataset)
    elif dataset:
        mapping = replace(mapping, dataset=dataset)
    with open_table(path, fmt=fmt, encoding=encoding, sheet=mapping.sheet) as table:
        mapping.check_columns(table.columns)
        summary = Summary(mapping.dataset, dry_run)
        user_id = user.pk if user is not None and user.is_authenticated else None
        writer = Writer(mapping.dataset, mapping.dataset_description, user_id, organisation_writing(user), dry_run)
        new_persons: list[int] = []  # as many as could be matched: a large import says to link everything instead
        with _bulk_collection():
            for batch, fraction in _batches(table, mapping, rejects, batch_size, summary):
                written = writer.write(batch)
                summary.imported += written.imported
                summary.new_versions += written.new_versions
                summary.unchanged += written.unchanged
                summary.withdrawn += written.withdrawn
                summary.persons += len(written.persons)
                new_persons += written.persons[: max(0, MATCH_LIMIT + 1 - len(new_persons))]
                if progress:
                    progress(fraction, summary.rows)
    if progress:
        progress(1.0, summary.rows)
    if not dry_run and find_matches:
        summary.matching = _match(new_persons, summary.persons, user)
    return summary


# ------------------------------------------------------------------------------------------ reading rows


def _batches(
    table: Table, mapping: Mapping, rejects: str | Path | None, size: int, summary: Summary
) -> Iterator[tuple[list[PreparedRow], float]]:
    """The good rows, prepared, a batch at a time, with how far into the file the batch ends; each bad row is
    counted, its problems noted, and it is written to the rejects file."""
    today = timezone.localdate()
    prepare = Preparer(connection)
    seen: dict[str, int] = {}  # row key → the row that first used it
    batch: list[PreparedRow] = []
    with _rejects_file(rejects, table.columns) as reject:
        for row in table.rows():
            summary.rows += 1
            facts = mapping.read(row.number, row.values, today)
            if not isinstance(facts, list) and (first := seen.setdefault(facts.key, row.number)) != row.number:
                facts = [Problem(row.number, ", ".join(mapping.row_key), f"the row key repeats row {first}'s")]
            if isinstance(facts, list):
                summary.rejected += 1
                for problem in facts:
                    summary.note(problem)
                reject(row, facts)
                continue
            summary.warnings += len(facts.warnings)
            for warning in facts.warnings:
                summary.note(warning)
            batch.append(prepare(facts, row.values))
            if len(batch) >= size:
                yield batch, table.progress()
                batch = []
    if batch:
        yield batch, table.progress()


@contextmanager
def _bulk_collection() -> Iterator[None]:
    """An import makes millions of short-lived tuples and dicts, none in a cycle, and the garbage collector's
    default (a pass every 700 new objects, whole-heap passes as they add up) took a fifth of its time. For the
    import's length, the objects already there are set aside (`gc.freeze`) and passes are rarer."""
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*BULK_COLLECTION)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


class _rejects_file:
    """A CSV of the rejected rows as they were, with their row number and reasons; nothing without a path."""

    def __init__(self, path: str | Path | None, columns: Sequence[str]):
        self.path, self.columns = path, list(columns)
        self.file: IO[str] | None = None

    def __enter__(self) -> Callable[[Row, list[Problem]], None]:
        if self.path is None:
            return lambda row, problems: None
        # With a byte order mark, spreadsheet programs read the file as UTF-8.
        self.file = open(self.path, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115 (closed in __exit__)
        writer = csv.writer(self.file)
        writer.writerow([*self.columns, *REJECT_COLUMNS])

        def reject(row: Row, problems: list[Problem]) -> None:
            reasons = "; ".join(f"{p.column}: {p.reason}" if p.column else p.reason for p in problems)
            writer.writerow([*(row.values.get(c, "") for c in self.columns), row.number, reasons])

        return reject

    def __exit__(self, *exc: object) -> None:
        if self.file is not None:
            self.file.close()


# ------------------------------------------------------------------------------------------------ linkage


def _match(persons: list[int], added: int, user: AbstractBaseUser | None) -> str:
    """ "Find matches" for the new persons of a small import; for a large one, the advice to link everything."""
    if not added:
        return ""
    if added > MATCH_LIMIT:
        return (
            f"{added} new persons: run `{LINK_COMMAND}` to find their matches "
            f"(find matches runs by itself for up to {MATCH_LIMIT})"
        )
    # reunite.linkage loads Splink (seconds): imported only when an import has persons to match.
    from reunite.review.matching import find_matches_for
    from reunite.review.models import LinkageRun
    from reunite.review.store import NoModel

    found = 0
    try:
        for start in range(0, len(persons), MATCH_GROUP):
            group = list(Person.objects.filter(pk__in=persons[start : start + MATCH_GROUP]))
            found += len(find_matches_for(group, via=LinkageRun.Via.INTAKE, user=user).candidates)
    except NoModel as error:
        return f"find matches skipped: {error}"
    except Exception as error:  # whatever linkage raises, the import has succeeded
        # The exception's type only: its text may quote the data.
        logger.warning("find matches after an import failed: %s", type(error).__name__)
        return f"find matches failed ({type(error).__name__}); the import is stored: run `{LINK_COMMAND}`"
    return f"find matches: {found} candidates for review among {added} new persons"
