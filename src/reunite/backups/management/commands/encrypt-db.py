"""`reunite encrypt-db`: encrypt an embedded database made before encryption at rest, in place."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from sqlcipher3 import dbapi2 as sqlcipher

from reunite.db.sqlcipher.base import unlock
from reunite.db.sqlcipher.keys import is_new, is_plain, key_for_encrypting


class Command(BaseCommand):
    help = (
        "Encrypt the embedded SQLite database (one made before reunite encrypted it) with its key: REUNITE_DB_KEY, "
        "REUNITE_DB_KEY_FILE or REUNITE_HOME/db.key (made if missing). Stop the server first. docs/encryption.md"
    )
    requires_system_checks = []

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "sqlite":
            raise CommandError("only the embedded SQLite database is encrypted by reunite (PostgreSQL: see its docs)")
        database = Path(connection.settings_dict["NAME"])
        if is_new(database):
            raise CommandError(f"no database at {database}: a new one is encrypted from the start")
        if not is_plain(database):
            raise CommandError(f"the database {database} is encrypted already")
        options = connection.settings_dict["OPTIONS"]
        key = key_for_encrypting(Path(options["key_file"]), options.get("make_key_file", False))
        encrypted = database.with_name(database.name + ".encrypting")
        encrypted.unlink(missing_ok=True)
        entries = encrypt(database, encrypted, key)
        os.replace(encrypted, database)
        self.stdout.write(f"encrypted {database} (its {entries} tables, indexes and triggers checked)")
        self.stdout.write("the key opens it from now on: keep a copy of it away from the database (docs/encryption.md)")


def encrypt(plain: Path, encrypted: Path, key: str) -> int:
    """Copy `plain` into a new encrypted file with SQLCipher's `sqlcipher_export`, then open the copy with the key."""
    source = sqlcipher.connect(plain, isolation_level=None)
    try:
        source.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the main file, the -wal emptied
        source.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(encrypted), f"x'{key}'"))
        source.execute("SELECT sqlcipher_export('encrypted')")
        version = source.execute("PRAGMA user_version").fetchone()[0]
        source.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        source.execute("DETACH DATABASE encrypted")
        expected = source.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    finally:
        source.close()
    if Path(f"{plain}-wal").exists():  # another connection keeps the log open: its writes would be lost
        encrypted.unlink()
        raise CommandError("the database is in use: stop reunite (the server, imports) and run this again")
    check = sqlcipher.connect(encrypted)
    try:
        unlock(check, key, encrypted)
        found = check.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if check.execute("PRAGMA quick_check").fetchone()[0] != "ok" or found != expected:
            raise CommandError("the encrypted copy does not check out: the database was left as it was")
    finally:
        check.close()
    return found
