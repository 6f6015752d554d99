"""Database triggers that refuse UPDATE and DELETE on the audit log (and TRUNCATE on PostgreSQL), for anyone who
writes to the database without going through the application.

The one update allowed is Django's setting `user` to NULL when an account is deleted (`on_delete=SET_NULL`), with
every other column unchanged. Someone who drops the triggers can still edit the table: `reunite audit verify` is
what finds that.

On SQLite, a migration that alters the entries' table rebuilds it, and the rebuild drops its triggers: such a
migration calls `install` again.
"""

from __future__ import annotations

from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "audit_entry"
REFUSAL = "the audit log is append-only"
_SQLITE_UPDATE, _SQLITE_DELETE = "audit_entry_no_update", "audit_entry_no_delete"
_POSTGRESQL_FUNCTION = "audit_entry_refuse"
_POSTGRESQL_ROWS, _POSTGRESQL_TABLE = "audit_entry_append_only", "audit_entry_no_truncate"


def install(connection: BaseDatabaseWrapper) -> None:
    if connection.vendor == "sqlite":
        statements = _sqlite(connection)
    elif connection.vendor == "postgresql":
        statements = _POSTGRESQL
    else:
        raise NotImplementedError(f"the audit log's triggers are for SQLite and PostgreSQL, not {connection.vendor}")
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def remove(connection: BaseDatabaseWrapper) -> None:
    if connection.vendor == "sqlite":
        statements = [f"DROP TRIGGER IF EXISTS {_SQLITE_UPDATE}", f"DROP TRIGGER IF EXISTS {_SQLITE_DELETE}"]
    else:
        statements = [
            f"DROP TRIGGER IF EXISTS {_POSTGRESQL_ROWS} ON {TABLE}",
            f"DROP TRIGGER IF EXISTS {_POSTGRESQL_TABLE} ON {TABLE}",
            f"DROP FUNCTION IF EXISTS {_POSTGRESQL_FUNCTION}()",
        ]
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _sqlite(connection: BaseDatabaseWrapper) -> list[str]:
    # SQLite compares rows column by column: the columns are read from the table as it is now.
    with connection.cursor() as cursor:
        columns = [c.name for c in connection.introspection.get_table_description(cursor, TABLE) if c.name != "user_id"]
    unchanged = " AND ".join(f'NEW."{name}" IS OLD."{name}"' for name in columns)
    return [
        f"CREATE TRIGGER {_SQLITE_UPDATE} BEFORE UPDATE ON {TABLE} "
        f"WHEN NOT (NEW.user_id IS NULL AND {unchanged}) "
        f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END",
        f"CREATE TRIGGER {_SQLITE_DELETE} BEFORE DELETE ON {TABLE} BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END",
    ]


_POSTGRESQL = [
    f"""CREATE FUNCTION {_POSTGRESQL_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.user_id IS NULL AND to_jsonb(NEW) - 'user_id' = to_jsonb(OLD) - 'user_id' THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '{REFUSAL} (% refused)', TG_OP;
END
$$""",
    f"CREATE TRIGGER {_POSTGRESQL_ROWS} BEFORE UPDATE OR DELETE ON {TABLE} "
    f"FOR EACH ROW EXECUTE FUNCTION {_POSTGRESQL_FUNCTION}()",
    f"CREATE TRIGGER {_POSTGRESQL_TABLE} BEFORE TRUNCATE ON {TABLE} "
    f"FOR EACH STATEMENT EXECUTE FUNCTION {_POSTGRESQL_FUNCTION}()",
]
