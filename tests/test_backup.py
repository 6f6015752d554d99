"""`reunite backup` and `reunite restore`: a backup comes back as the same database, and a damaged one, a wrong
key or a database with records are refused with nothing written.

In this process the test database plays both parts: backed up, then emptied as a newly migrated database is (the
rows `migrate` makes left in place), then restored into. The last test does it for real, from one REUNITE_HOME to a
new one, with the `reunite` command.
"""

from io import StringIO
from pathlib import Path

import pyrage
import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.core.management.color import no_style
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from reunite.audit import triggers
from reunite.audit.models import Entry
from reunite.backups.tables import SEEDED, backed_up, label
from reunite.registry.models import PersonName
from tests.accounts import account
from tests.test_encrypted_database import opened
from tests.test_encrypted_database import reunite as run_reunite

PASSPHRASE = "a passphrase long enough for tests"


def run(command: str, *args: str) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def refused(command: str, *args: str) -> str:
    with pytest.raises(CommandError) as error:
        run(command, *args)
    return str(error.value)


@pytest.fixture
def identity(tmp_path) -> Path:
    """An age identity file, as `age-keygen -o` writes it; its recipient in `recipient`."""
    key = pyrage.x25519.Identity.generate()
    path = tmp_path / "backup-key.txt"
    path.write_text(f"# public key: {key.to_public()}\n{key}\n")
    return path


def recipient(identity: Path) -> str:
    return str(pyrage.x25519.Identity.from_str(identity.read_text().splitlines()[1]).to_public())


@pytest.fixture
def backup(demo, identity, tmp_path) -> Path:
    path = tmp_path / "reunite.backup.age"
    run("backup", "--output", str(path), "--recipient", recipient(identity))
    return path


def tables(database=connection) -> dict[str, list[tuple]]:
    """Every row of every table backed up, all columns, in primary-key order."""
    dumped = {}
    with database.cursor() as cursor:
        for model in backed_up():
            table, pk = (database.ops.quote_name(name) for name in (model._meta.db_table, model._meta.pk.column))
            cursor.execute(f"SELECT * FROM {table} ORDER BY {pk}")
            dumped[label(model)] = cursor.fetchall()
    return dumped


def emptied() -> None:
    """The database as `migrate` leaves a new one: no rows but those it makes itself (`SEEDED`), and on PostgreSQL
    the sequences of the empty tables back at 1."""
    triggers.remove(connection)
    emptied = [model for model in reversed(backed_up()) if label(model) not in SEEDED]
    with connection.cursor() as cursor:
        for model in emptied:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")
        for statement in connection.ops.sequence_reset_sql(no_style(), emptied):
            cursor.execute(statement)
    triggers.install(connection)


def without_last_entry(dumped: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    """All but the audit log's last entry (a restore's own), and the chain's head that moved to it."""
    return dumped | {"audit.entry": dumped["audit.entry"][:-1], "audit.head": []}


def test_a_backup_restores_to_an_identical_database(demo, identity, tmp_path):
    before = tables() | {"audit.head": []}
    path = tmp_path / "reunite.backup.age"
    run("backup", "--output", str(path), "--recipient", recipient(identity))
    emptied()
    run("restore", str(path), "--identity", str(identity))
    assert without_last_entry(tables()) == before


def test_the_audit_log_verifies_after_a_restore(backup, identity):
    emptied()
    run("restore", str(backup), "--identity", str(identity))
    assert run("audit", "verify").splitlines()[-1] == "intact"


def test_a_passphrase_backup_restores(demo, tmp_path, monkeypatch):
    monkeypatch.setenv("REUNITE_BACKUP_PASSPHRASE", PASSPHRASE)
    persons = tables()["registry.person"]
    run("backup", "--output", str(tmp_path / "b.age"))
    emptied()
    run("restore", str(tmp_path / "b.age"))
    assert tables()["registry.person"] == persons


def test_an_account_made_after_a_restore_gets_an_id_after_the_restored_ones(backup, identity):
    emptied()
    run("restore", str(backup), "--identity", str(identity))
    restored = max(get_user_model().objects.values_list("pk", flat=True))
    assert account("caseworker", "after the restore").pk > restored


def test_it_says_what_it_wrote(demo, identity, tmp_path):
    output = tmp_path / "b.age"
    lines = run("backup", "--output", str(output), "--recipient", recipient(identity)).splitlines()
    assert lines[0] == f"wrote {output}, encrypted to 1 recipient"


def test_the_backup_is_one_audit_entry_with_counts_and_no_names(backup):
    entry = Entry.objects.order_by("-sequence").first()
    names = [name for name in PersonName.objects.values_list("text", flat=True) if name in str(entry.detail)]
    assert (entry.action, entry.object_type, entry.detail["tables"]["registry.person"], names) == (
        "exported",
        "backup",
        14,
        [],
    )


def test_the_restore_is_one_audit_entry_with_counts(backup, identity):
    emptied()
    run("restore", str(backup), "--identity", str(identity))
    entry = Entry.objects.order_by("-sequence").first()
    assert (entry.action, entry.object_type, entry.detail["tables"]["registry.person"]) == ("imported", "backup", 14)


def test_without_recipient_or_passphrase_no_backup_is_made(demo, tmp_path, monkeypatch):
    monkeypatch.delenv("REUNITE_BACKUP_PASSPHRASE", raising=False)
    message = refused("backup", "--output", str(tmp_path / "b.age"))
    assert (message, list(tmp_path.iterdir())) == (
        "no recipient and no passphrase: give --recipient, or set REUNITE_BACKUP_PASSPHRASE",
        [],
    )


def test_a_tampered_backup_is_refused_and_nothing_written(backup, identity):
    data = bytearray(backup.read_bytes())
    data[len(data) // 2] ^= 0x01
    backup.write_bytes(bytes(data))
    emptied()
    empty = tables()
    message = refused("restore", str(backup), "--identity", str(identity))
    assert (message, tables()) == (
        "the backup is damaged, cut short or altered (its encryption does not verify); nothing was restored",
        empty,
    )


def test_a_truncated_backup_is_refused_and_nothing_written(backup, identity):
    backup.write_bytes(backup.read_bytes()[: backup.stat().st_size * 2 // 3])
    emptied()
    empty = tables()
    message = refused("restore", str(backup), "--identity", str(identity))
    assert (message, tables()) == (
        "the backup is damaged, cut short or altered (its encryption does not verify); nothing was restored",
        empty,
    )


def test_a_wrong_passphrase_is_refused_and_nothing_written(demo, tmp_path, monkeypatch):
    monkeypatch.setenv("REUNITE_BACKUP_PASSPHRASE", PASSPHRASE)
    run("backup", "--output", str(tmp_path / "b.age"))
    emptied()
    empty = tables()
    monkeypatch.setenv("REUNITE_BACKUP_PASSPHRASE", "not the passphrase")
    message = refused("restore", str(tmp_path / "b.age"))
    assert (message, tables()) == (
        "the passphrase (REUNITE_BACKUP_PASSPHRASE) does not open this backup, or its start is damaged; "
        "nothing was restored",
        empty,
    )


def test_another_identity_is_refused(backup, tmp_path):
    other = tmp_path / "other-key.txt"
    other.write_text(f"{pyrage.x25519.Identity.generate()}\n")
    emptied()
    message = refused("restore", str(backup), "--identity", str(other))
    assert message == "the identity given does not open this backup; nothing was restored"


def test_a_backup_of_other_migrations_is_refused_naming_them(backup, identity):
    emptied()
    MigrationRecorder(connection).record_applied("registry", "9999_of_a_later_version")
    message = refused("restore", str(backup), "--identity", str(identity))
    assert message == (
        "the backup was made with other migrations than this database has (only in the backup: none; only here: "
        "registry.9999_of_a_later_version): restore it with the version of reunite that made it; nothing was restored"
    )


def test_a_database_with_records_is_refused_with_the_reason(backup, identity):
    message = refused("restore", str(backup), "--identity", str(identity))
    assert message.startswith("the database already has records (accounts.membership: 1 row, registry.place: ")


# ---------------------------------------------------------------------------------------- with the command line


def reunite(home: Path, *args: str) -> str:
    done = run_reunite(home, *args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_backup_restored_into_a_new_installation_is_the_same_database(identity, tmp_path, django_db_blocker):
    first, second = tmp_path / "first", tmp_path / "second"
    reunite(first, "migrate", "-v0")
    reunite(first, "demo", "--password", "demo password for tests", "--no-linkage-model", "--families", "0")
    reunite(first, "backup", "--output", str(tmp_path / "b.age"), "--recipient", recipient(identity))
    reunite(second, "migrate", "-v0")
    restored = reunite(second, "restore", str(tmp_path / "b.age"), "--identity", str(identity))
    with django_db_blocker.unblock():
        before, after = (tables(opened(home)) for home in (first, second))
    # Each ends with an entry of its own: the first's backup, the second's restore.
    assert (without_last_entry(after) == without_last_entry(before), restored.splitlines()[-1].endswith("intact")) == (
        True,
        True,
    )
