"""`reunite restore FILE [--identity AGE_IDENTITY_FILE]`: a backup back into a new, migrated database."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reunite.audit.chain import verify
from reunite.backups.age import BackupKeyError, Damaged
from reunite.backups.load import RestoreRefused, restore_backup
from reunite.backups.management.commands.backup import PASSPHRASE_ENV


class Command(BaseCommand):
    help = (
        "Restore a backup of `reunite backup` into a database newly migrated and never used, whole or not at all. "
        f"The key: --identity (backups encrypted to recipients), else the passphrase in {PASSPHRASE_ENV}. The "
        "audit log verifies afterwards only with the SECRET_KEY of the installation backed up. docs/backup.md"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("backup", type=Path, help="the backup file")
        parser.add_argument("--identity", type=Path, help="an age identity file (age-keygen) or an SSH private key")

    def handle(self, *args: Any, backup: Path, identity: Path | None, **options: Any) -> None:
        if not backup.is_file():
            raise CommandError(f"no backup file at {backup}")
        try:
            summary = restore_backup(backup, identity, os.environ.get(PASSPHRASE_ENV, ""))
        except (RestoreRefused, BackupKeyError) as error:
            raise CommandError(f"{error}; nothing was restored") from None
        except Damaged:
            raise CommandError(
                "the backup is damaged, cut short or altered (its encryption does not verify); nothing was restored"
            ) from None
        except OSError as error:
            raise CommandError(f"cannot read {error.filename}: {error.strerror}; nothing was restored") from None
        self.stdout.write(f"restored {backup}, made {summary.created_at}")
        self.stdout.write(f"  {summary.rows} rows in {sum(1 for n in summary.counts.values() if n)} tables")
        self.stdout.write(f"  SHA-256 of the content {summary.sha256} (verified)")
        report = verify()
        if not report.intact:
            # The data is back either way; the chain's key derives from SECRET_KEY, which a backup does not hold.
            self.stderr.write(
                "warning: the restored audit log does not verify with this installation's SECRET_KEY: set "
                "REUNITE_SECRET_KEY to the key of the installation backed up, or add it to "
                "REUNITE_SECRET_KEY_FALLBACKS, then run `reunite audit verify` (docs/backup.md)"
            )
        else:
            self.stdout.write(f"  audit log: {report.entries} entries, intact")
