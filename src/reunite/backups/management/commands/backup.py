"""`reunite backup --output FILE [--recipient AGE_PUBLIC_KEY …] [--recipients-file F]`: every table, encrypted."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reunite.backups.age import BackupKeyError, recipients_file
from reunite.backups.dump import write_backup
from reunite.backups.tables import SKIPPED

PASSPHRASE_ENV = "REUNITE_BACKUP_PASSPHRASE"  # nosec B105 # the name of a variable, not a passphrase


class Command(BaseCommand):
    help = (
        "Back up every table (accounts, records, the audit log) into one file, encrypted in the age format to the "
        f"recipients given, else with the passphrase in {PASSPHRASE_ENV}. Left out: "
        + "; ".join(f"{table} ({why})" for table, why in SKIPPED.items())
        + ". docs/backup.md"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", required=True, type=Path, help="the backup file to write (e.g. x.backup.age)")
        parser.add_argument(
            "--recipient", action="append", default=[], help="an age public key (age1…) or SSH public key; repeatable"
        )
        parser.add_argument("--recipients-file", type=Path, help="a file of recipients, one a line (age's format)")

    def handle(self, *args: Any, output: Path, recipient: list[str], recipients_file: Path | None, **options) -> None:
        to = list(recipient)
        try:
            if recipients_file is not None:
                to += recipients_file_lines(recipients_file)
            summary = write_backup(output, to=to, secret=os.environ.get(PASSPHRASE_ENV, ""))
        except BackupKeyError as error:
            raise CommandError(str(error)) from None
        how = f"{len(to)} recipient{'s' if len(to) != 1 else ''}" if to else f"the passphrase in {PASSPHRASE_ENV}"
        self.stdout.write(f"wrote {output}, encrypted to {how}")
        self.stdout.write(f"  {summary.rows} rows in {sum(1 for n in summary.counts.values() if n)} tables")
        self.stdout.write(f"  SHA-256 of the content {summary.sha256}")


def recipients_file_lines(path: Path) -> list[str]:
    try:
        found = recipients_file(path)
    except OSError as error:
        raise BackupKeyError(f"cannot read the recipients file {path}: {error.strerror}") from None
    if not found:
        raise BackupKeyError(f"the recipients file {path} holds no recipient")
    return found
