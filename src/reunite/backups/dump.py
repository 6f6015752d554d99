"""Writing a backup: one consistent read of every table (`tables.backed_up`), in primary-key order, as gzip-compressed
JSON lines, encrypted as it is made (`age.encrypt`); memory stays the same whatever the database's size.

The plaintext, line by line:
    {"format": "reunite-backup", "version": 1, "created_at": …, "engine": …, "migrations": [[app, name], …]}
    {"table": "registry.person", "columns": ["id", …]}      then one JSON array per row, in the columns' order
    …                                                        every table, in turn
    {"counts": {"registry.person": 14, …}, "sha256": …}     rows per table; SHA-256 of every line before this one
The first and last lines are the manifest.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import tempfile
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from reunite.audit.models import Action
from reunite.audit.record import record
from reunite.backups import age
from reunite.backups.tables import backed_up, columns, encoder, label

FORMAT, VERSION = "reunite-backup", 1
ROWS_PER_READ = 2000
# Plaintext gathered before it is compressed: large enough to compress well, small enough not to matter.
COMPRESS_AT = 256 * 1024


@dataclass
class Summary:
    created_at: str
    counts: dict[str, int]
    sha256: str

    @property
    def rows(self) -> int:
        return sum(self.counts.values())

    def detail(self) -> dict:
        """For the audit log: counts and the checksum, never a row's content."""
        nonempty = {table: count for table, count in self.counts.items() if count}
        return {"created_at": self.created_at, "rows": self.rows, "tables": nonempty, "sha256": self.sha256}


def applied_migrations() -> list[list[str]]:
    return sorted([app, name] for app, name in MigrationRecorder(connection).applied_migrations())


def write_backup(output: Path, to: Sequence[str] = (), secret: str = "") -> Summary:  # nosec B107 # no passphrase
    """Back the database up into `output`, encrypted to the recipients `to`, else with the passphrase `secret`. The
    file appears whole or not at all; the backup is recorded in the audit log once written."""
    if not to and not secret:
        raise age.BackupKeyError("no recipient and no passphrase: give --recipient, or set REUNITE_BACKUP_PASSPHRASE")
    for text in to:
        age.recipient(text)  # refused before the long work, not after
    summary = Summary(created_at=timezone.now().isoformat(), counts={}, sha256="")
    output.parent.mkdir(parents=True, exist_ok=True)
    # A temporary file next to the output (readable by its owner only), renamed when complete.
    with tempfile.NamedTemporaryFile(dir=output.parent, prefix=f".{output.name}.", delete=False) as f:
        try:
            with snapshot():
                age.encrypt(compressed(lines(summary)), f, to=to, secret=secret)
            f.flush()
            os.fsync(f.fileno())
        except BaseException:
            os.unlink(f.name)
            raise
    os.replace(f.name, output)
    record(Action.EXPORTED, object_type="backup", detail={"by": getpass.getuser(), **summary.detail()})
    return summary


@contextmanager
def snapshot() -> Iterator[None]:
    """One read transaction over every table, which does not hold writers back: on SQLite a deferred transaction
    (a read in WAL mode sees the database as it was when it began); on PostgreSQL REPEATABLE READ."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()  # the transaction mode is read from the options on connecting
        mode, connection.transaction_mode = connection.transaction_mode, "DEFERRED"
        try:
            with transaction.atomic():
                yield
        finally:
            connection.transaction_mode = mode
        return
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost:  # must be the transaction's first statement (inside a test's transaction, it is not)
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def lines(summary: Summary) -> Iterator[bytes]:
    """The plaintext, one line at a time; fills in `summary` as it goes."""
    digest = hashlib.sha256()

    def line(value) -> bytes:
        data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
        digest.update(data)
        return data

    yield line(
        {
            "format": FORMAT,
            "version": VERSION,
            "created_at": summary.created_at,
            "engine": connection.vendor,
            "migrations": applied_migrations(),
        }
    )
    for model in backed_up():
        fields = columns(model)
        encoders = [encoder(field) for field in fields]
        yield line({"table": label(model), "columns": [field.attname for field in fields]})
        rows = model._base_manager.order_by("pk").values_list(*(field.attname for field in fields))
        count = 0
        for values in rows.iterator(chunk_size=ROWS_PER_READ):
            yield line([encode(value) for encode, value in zip(encoders, values, strict=True)])
            count += 1
        summary.counts[label(model)] = count
    summary.sha256 = digest.hexdigest()
    yield json.dumps({"counts": summary.counts, "sha256": summary.sha256}).encode() + b"\n"


def compressed(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """gzip (so `gunzip` reads a decrypted backup), compressing `COMPRESS_AT` bytes at a time."""
    gzip = zlib.compressobj(wbits=31)
    pending: list[bytes] = []
    size = 0
    for chunk in chunks:
        pending.append(chunk)
        size += len(chunk)
        if size >= COMPRESS_AT:
            yield gzip.compress(b"".join(pending))
            pending, size = [], 0
    yield gzip.compress(b"".join(pending)) + gzip.flush()
