"""Restoring a backup into an empty, migrated database: refused before anything is written when the database has
records, when its migrations are not the backup's, or when the backup does not verify; then written in one
transaction, so that a restore is whole or nothing.

The backup is read twice, decrypting as it streams: first to check it whole (its encryption, every line, the row
counts and the SHA-256 of its manifest) without writing, then to write it, checked again as it goes (should the
file change in between, the transaction rolls back).

The audit log comes back as it was, entries and chain head, so `reunite audit verify` passes after a restore with the
same SECRET_KEY (the chain's key derives from it). The append-only triggers refuse UPDATE and DELETE, not INSERT;
but a newly migrated database has entries of its own (the roles' permissions being granted) where the backup's go:
the restore drops the triggers, replaces those entries, and installs the triggers again, all in its transaction.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import zlib
from collections.abc import Callable
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.migrations.executor import MigrationExecutor

from reunite.audit import triggers
from reunite.audit.models import Action
from reunite.audit.record import record
from reunite.backups import age
from reunite.backups.dump import FORMAT, VERSION, Summary, applied_migrations
from reunite.backups.tables import SEEDED, backed_up, columns, decoder, label

ROWS_PER_INSERT = 1000
# Plaintext decompressed at a time, whatever the compression ratio.
DECOMPRESS_AT = 1024 * 1024


class RestoreRefused(Exception):
    """Why the database or the backup does not allow a restore. Names tables and counts, never a row's content."""


def restore_backup(path: Path, identity_file: Path | None = None, secret: str = "") -> Summary:  # nosec B107 # none
    check_empty()
    check_migrated()
    unlocked = age.unlock(path, identity_file, secret)
    verified = read(path, unlocked, load=None)
    with transaction.atomic():
        check_empty()  # again, within the transaction that writes
        with connection.cursor() as cursor:
            triggers.remove(connection)
            for model in reversed([model for model in backed_up() if label(model) in SEEDED]):
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")  # nosec B608 # our table names
            written = read(path, unlocked, load=Inserter(cursor).rows)
            if written != verified:
                raise RestoreRefused("the backup changed while it was being restored")
            triggers.install(connection)
            for statement in connection.ops.sequence_reset_sql(no_style(), backed_up()):
                cursor.execute(statement)
        record(Action.IMPORTED, object_type="backup", detail={"by": getpass.getuser(), **written.detail()})
    ContentType.objects.clear_cache()  # the content types' ids are the backup's now
    return written


def check_empty() -> None:
    found = {label(model): model._base_manager.count() for model in backed_up() if label(model) not in SEEDED}
    filled = [f"{table}: {count} row{'s' if count > 1 else ''}" for table, count in found.items() if count]
    if filled:
        raise RestoreRefused(
            f"the database already has records ({', '.join(filled[:5])}{', …' if len(filled) > 5 else ''}): "
            "restore only into a new database, migrated and never used (docs/backup.md)"
        )


def check_migrated() -> None:
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise RestoreRefused("the database is not fully migrated: run `reunite migrate` first")


def read(path: Path, unlocked: age.Unlocked, load: Callable | None) -> Summary:
    reading = Reading(applied_migrations(), load)
    age.decrypt(path, unlocked, reading.feed)
    return reading.finish()


class Reading:
    """The plaintext checked line by line as it is decrypted: the header against this database's migrations, each
    table against this version's columns, then the counts and SHA-256 of the last line. Rows go to `load` in batches
    of `ROWS_PER_INSERT`, with their model and columns, when given."""

    def __init__(self, migrations: list[list[str]], load: Callable | None):
        self.migrations, self.load = migrations, load
        self.models = {label(model): model for model in backed_up()}
        self.gzip = zlib.decompressobj(wbits=31)
        self.digest = hashlib.sha256()
        self.partial, self.last = b"", None  # an unfinished line; the last whole line, held until the next
        self.header: dict | None = None
        self.model: type[models.Model] | None = None
        self.counts: dict[str, int] = {}
        self.batch: list[list] = []

    def feed(self, data: bytes) -> None:
        while data:
            try:
                text = self.gzip.decompress(data, DECOMPRESS_AT)
            except zlib.error:
                raise RestoreRefused("the backup's content is not gzip-compressed: not a backup reunite made") from None
            self.lines(text)
            data = self.gzip.unconsumed_tail

    def lines(self, text: bytes) -> None:
        *whole, self.partial = (self.partial + text).split(b"\n")
        for line in whole:
            if self.last is not None:
                self.take(self.last)
            self.last = line

    def take(self, line: bytes) -> None:
        self.digest.update(line + b"\n")
        try:
            value = json.loads(line)
        except ValueError:
            raise RestoreRefused("the backup holds a line that is not JSON: not a backup reunite made") from None
        if self.header is None:
            self.check_header(value)
        elif isinstance(value, list) and self.model is not None:
            self.row(value)
        elif isinstance(value, dict) and "table" in value:
            self.start(value)
        else:
            raise RestoreRefused("the backup holds a line that is neither a table nor a row")

    def check_header(self, header: dict) -> None:
        if not isinstance(header, dict) or (header.get("format"), header.get("version")) != (FORMAT, VERSION):
            raise RestoreRefused(f"not a backup this reunite reads (format {FORMAT} version {VERSION} expected)")
        theirs, ours = {tuple(m) for m in header.get("migrations", [])}, {tuple(m) for m in self.migrations}
        if theirs != ours:
            only_theirs = sorted(".".join(m) for m in theirs - ours)
            only_ours = sorted(".".join(m) for m in ours - theirs)
            raise RestoreRefused(
                "the backup was made with other migrations than this database has "
                f"(only in the backup: {', '.join(only_theirs) or 'none'}; only here: {', '.join(only_ours) or 'none'})"
                ": restore it with the version of reunite that made it"
            )
        self.header = header

    def start(self, table: dict) -> None:
        self.flush()
        model = self.models.get(table["table"])
        if model is None or table["table"] in self.counts:
            raise RestoreRefused(f"the backup's table {table['table']} is unknown here or repeated")
        if table["columns"] != [field.attname for field in columns(model)]:
            raise RestoreRefused(f"the backup's table {table['table']} has other columns than this version's")
        self.model = model
        self.counts[table["table"]] = 0

    def row(self, values: list) -> None:
        if len(values) != len(columns(self.model)):
            raise RestoreRefused(
                f"a row of {label(self.model)} has {len(values)} values, not {len(columns(self.model))}"
            )
        self.counts[label(self.model)] += 1
        if self.load is not None:
            self.batch.append(values)
            if len(self.batch) >= ROWS_PER_INSERT:
                self.flush()

    def flush(self) -> None:
        if self.batch:
            self.load(self.model, self.batch)
            self.batch = []

    def finish(self) -> Summary:
        """Once the whole file is decrypted: the manifest's last line against what was read."""
        self.lines(self.gzip.flush())
        if not self.gzip.eof or self.gzip.unused_data or self.partial or self.last is None or self.header is None:
            raise RestoreRefused("the backup is cut short (its compressed content ends too soon)")
        self.flush()
        try:
            end = json.loads(self.last)
            counts, sha256 = end["counts"], end["sha256"]
        except (ValueError, KeyError, TypeError):
            raise RestoreRefused("the backup's manifest (its last line) is missing or unreadable") from None
        if sha256 != self.digest.hexdigest():
            raise RestoreRefused("the backup's content does not match its SHA-256: altered or damaged")
        if counts != self.counts:
            raise RestoreRefused("the backup's row counts do not match its content: altered or damaged")
        missing = sorted(set(self.models) - set(self.counts))
        if missing:
            raise RestoreRefused(f"the backup lacks tables this version has ({', '.join(missing[:5])})")
        return Summary(created_at=self.header["created_at"], counts=counts, sha256=sha256)


class Inserter:
    """Rows written as a save would write their values (`get_db_prep_save`), without what a save adds (`auto_now`,
    derived columns): as they were."""

    def __init__(self, cursor):
        self.cursor = cursor
        self.statements: dict[type[models.Model], tuple[str, list[Callable]]] = {}

    def rows(self, model: type[models.Model], rows: list[list]) -> None:
        if model not in self.statements:
            fields = columns(model)
            quote = connection.ops.quote_name
            self.statements[model] = (
                f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "  # nosec B608
                f"VALUES ({', '.join(['%s'] * len(fields))})",
                [decoder(field, connection) for field in fields],
            )
        sql, decoders = self.statements[model]
        self.cursor.executemany(
            sql, [[decode(value) for decode, value in zip(decoders, row, strict=True)] for row in rows]
        )
