"""Django's SQLite backend with SQLCipher's build of SQLite (`sqlcipher3`): the same SQL, vendor "sqlite", every
page of the file (and of its -wal) encrypted with AES-256.

Each new connection gives the key first, before any other statement, then reads the schema to prove the key right:
a wrong key, a missing one or a database that is not encrypted is refused (`keys.KeyProblem`) before anything is
written. An in-memory database (the test suite's) has no file and no key.
"""

from __future__ import annotations

import datetime
import decimal
import re
from collections.abc import Mapping
from itertools import tee
from pathlib import Path

from django.db.backends.sqlite3 import base as sqlite3_base
from django.utils.asyncio import async_unsafe
from django.utils.dateparse import parse_date, parse_datetime, parse_time
from sqlcipher3 import dbapi2 as Database

from reunite.db.sqlcipher.keys import KeyProblem, database_key, key_pragma

# The adapters and converters Django registers on the standard library's sqlite3, here on SQLCipher's module.
Database.register_converter("bool", b"1".__eq__)
Database.register_converter("date", sqlite3_base.decoder(parse_date))
Database.register_converter("time", sqlite3_base.decoder(parse_time))
Database.register_converter("datetime", sqlite3_base.decoder(parse_datetime))
Database.register_converter("timestamp", sqlite3_base.decoder(parse_datetime))
Database.register_adapter(decimal.Decimal, str)
Database.register_adapter(datetime.date, sqlite3_base.adapt_date)
Database.register_adapter(datetime.datetime, sqlite3_base.adapt_datetime)

# SQLCipher's own log (process-wide, to stderr) repeats a wrong key's failure as page errors: `KeyProblem` says it.
Database.connect(":memory:").execute("PRAGMA cipher_log_level = NONE").close()

_VARIABLE_NUMBER = re.compile(r"MAX_VARIABLE_NUMBER=(\d+)")


class DatabaseWrapper(sqlite3_base.DatabaseWrapper):
    Database = Database

    def get_connection_params(self) -> dict:
        params = super().get_connection_params()
        # Where the key is: the backend's own options, not sqlcipher3.connect's.
        self.key_file = Path(params.pop("key_file", None) or Path(params["database"]).with_name("db.key"))
        self.make_key_file = bool(params.pop("make_key_file", False))
        return params

    @async_unsafe
    def get_new_connection(self, conn_params: dict) -> Database.Connection:
        database = Path(conn_params["database"])
        key = None if self.is_in_memory_db() else database_key(database, self.key_file, self.make_key_file)
        conn = Database.connect(**conn_params)
        if key is not None:
            try:
                unlock(conn, key, database)
            except BaseException:
                conn.close()
                raise
        sqlite3_base.register_functions(conn)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA legacy_alter_table = OFF")
        for init_command in self.init_commands:
            if init_command := init_command.strip():
                conn.execute(init_command)
        return conn

    def create_cursor(self, name: str | None = None) -> CursorWrapper:
        return self.connection.cursor(factory=CursorWrapper)

    def variable_limit(self) -> int:
        """How many parameters one statement may take. sqlcipher3 connections have no `getlimit`: the build's
        maximum, which SQLite applies unless lowered at run time (reunite never lowers it)."""
        self.ensure_connection()
        options = [row[0] for row in self.connection.execute("PRAGMA compile_options")]
        found = next((m for option in options if (m := _VARIABLE_NUMBER.fullmatch(option))), None)
        return int(found.group(1)) if found else 32766  # SQLite's default since 3.32


def unlock(conn: Database.Connection, key: str, database: Path) -> None:
    """Give the key as the first statement, then read the schema: SQLCipher checks a key only on the first read."""
    conn.execute(key_pragma(key))
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except Database.DatabaseError as error:
        if "file is not a database" not in str(error):  # SQLITE_NOTADB; a busy database is another matter
            raise
        raise KeyProblem(
            f"the key does not open the database {database} (wrong key, or not a reunite database): check "
            f"REUNITE_DB_KEY / REUNITE_DB_KEY_FILE and the key file next to the database"
        ) from None


class CursorWrapper(Database.Cursor):
    """Django's "format" and "pyformat" parameters as SQLite's "qmark" and "named" (as `SQLiteCursorWrapper`, which
    subclasses the standard library's cursor and so cannot serve SQLCipher's connections)."""

    def execute(self, query, params=None):
        if params is None:
            return super().execute(query)
        param_names = list(params) if isinstance(params, Mapping) else None
        return super().execute(self.convert_query(query, param_names=param_names), params)

    def executemany(self, query, param_list):
        peekable, param_list = tee(iter(param_list))
        params = next(peekable, None)
        param_names = list(params) if params and isinstance(params, Mapping) else None
        return super().executemany(self.convert_query(query, param_names=param_names), param_list)

    convert_query = sqlite3_base.SQLiteCursorWrapper.convert_query
