"""The embedded database encrypted at rest (`reunite.db.sqlcipher`): what is on disk, and who cannot open it.

The database here is a real one in its own REUNITE_HOME, made by `reunite migrate` and `reunite demo` (the Kader
family, invented), opened in this process through the backend; the suite's own test database is in memory.
"""

import os
import secrets
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connections
from sqlcipher3 import dbapi2 as sqlcipher

from reunite.db.sqlcipher.base import DatabaseWrapper
from reunite.db.sqlcipher.keys import KeyProblem
from reunite.linkage.engines import engine_api

# An invented name, spelt so that it appears nowhere else.
NAME = "Zörgülhan Qutluqbeg-Ayxanimova"


# The suite's database and key settings, which a command run here must not see.
NOT_PASSED_ON = ("DATABASE_URL", "REUNITE_DB_KEY", "REUNITE_DB_KEY_FILE")


def reunite(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """`reunite ARGS` with its own REUNITE_HOME, on SQLite whatever the suite's database, with one SECRET_KEY for
    all (a restore needs the backed-up installation's for its audit log to verify)."""
    environ = {k: v for k, v in os.environ.items() if k not in NOT_PASSED_ON}
    environ |= {"REUNITE_HOME": str(home), "REUNITE_SECRET_KEY": "the same secret key " * 3, **env}
    return subprocess.run(
        [sys.executable, "-m", "reunite", *args], env=environ, capture_output=True, text=True, timeout=600
    )


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    """A REUNITE_HOME with a migrated database holding the demo families; each test copies it."""
    home = tmp_path_factory.mktemp("made")
    for args in (
        ["migrate", "-v0"],
        ["demo", "--password", "demo password for tests", "--no-linkage-model", "--families", "0"],
    ):
        done = reunite(home, *args)
        assert done.returncode == 0, done.stderr
    return home


@pytest.fixture
def home(made, tmp_path) -> Path:
    for name in ("reunite.sqlite3", "db.key"):
        (tmp_path / name).write_bytes((made / name).read_bytes())
    return tmp_path


@pytest.fixture(autouse=True)
def files_opened_here(django_db_blocker):
    """These tests open their own database files, never the suite's test database."""
    with django_db_blocker.unblock():
        yield


def opened(home: Path) -> DatabaseWrapper:
    """The database of `home` through the backend, as the settings configure it by default."""
    settings = connections["default"].settings_dict | {
        "ENGINE": "reunite.db.sqlcipher",
        "NAME": str(home / "reunite.sqlite3"),
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL;",
            "key_file": home / "db.key",
            "make_key_file": True,
        },
    }
    return DatabaseWrapper(settings, alias="encrypted")


def refusal(home: Path) -> str:
    with pytest.raises(KeyProblem) as refused:
        opened(home).ensure_connection()
    return str(refused.value)


def rename_first_person(cursor) -> None:
    cursor.execute(
        "UPDATE registry_personname SET text = %s WHERE id = (SELECT min(id) FROM registry_personname)", [NAME]
    )


def state(home: Path) -> list[tuple[str, bytes, int]]:
    """Every file of the database, with its bytes and time of change."""
    return sorted((p.name, p.read_bytes(), p.stat().st_mtime_ns) for p in home.glob("reunite.sqlite3*"))


def test_a_name_written_through_the_backend_is_in_neither_the_file_nor_its_log(home):
    wrapper = opened(home)
    with wrapper.cursor() as cursor:
        rename_first_person(cursor)
        # While the connection is open the change is in the -wal file: both files are looked at.
        files = {p.name: p.read_bytes() for p in home.glob("reunite.sqlite3*")}
    wrapper.close()
    assert ("reunite.sqlite3-wal" in files, [n for n, data in files.items() if NAME.encode() in data]) == (True, [])


def test_the_name_is_read_back_with_the_key(home):
    wrapper = opened(home)
    with wrapper.cursor() as cursor:
        rename_first_person(cursor)
        cursor.execute("SELECT count(*) FROM registry_personname WHERE text = %s", [NAME])
        found = cursor.fetchone()[0]
    wrapper.close()
    assert found == 1


def test_plain_sqlite_cannot_open_it(home):
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        sqlite3.connect(home / "reunite.sqlite3").execute("SELECT count(*) FROM sqlite_master")


def test_sqlcipher_with_another_key_cannot_open_it(home):
    other = sqlcipher.connect(str(home / "reunite.sqlite3"))
    other.execute(f"PRAGMA key = \"x'{secrets.token_hex(32)}'\"")
    with pytest.raises(sqlcipher.DatabaseError, match="file is not a database"):
        other.execute("SELECT count(*) FROM sqlite_master")


def test_a_wrong_key_is_refused_and_the_file_left_as_it_was(home, monkeypatch):
    monkeypatch.setenv("REUNITE_DB_KEY", secrets.token_hex(32))
    before = state(home)
    message = refusal(home)
    assert (message.startswith("the key does not open the database"), state(home)) == (True, before)


def test_a_missing_key_is_refused_and_the_file_left_as_it_was(home):
    (home / "db.key").unlink()
    before = state(home)
    message = refusal(home)
    assert (message.split(":")[0], state(home)) == (
        f"the database {home / 'reunite.sqlite3'} is encrypted and its key is missing",
        before,
    )


def test_a_malformed_key_is_refused(home, monkeypatch):
    monkeypatch.setenv("REUNITE_DB_KEY", "correct horse battery staple")
    message = refusal(home)
    assert message == "REUNITE_DB_KEY does not hold a database key: 64 hexadecimal characters (256 bits) expected"


def test_a_plain_database_is_refused_and_left_as_it_was(tmp_path):
    plain = sqlite3.connect(tmp_path / "reunite.sqlite3")
    plain.execute("CREATE TABLE t (x)")
    plain.commit()
    plain.close()
    before = state(tmp_path)
    message = refusal(tmp_path)
    assert (message.split(":")[0], state(tmp_path)) == (
        f"the database {tmp_path / 'reunite.sqlite3'} is not encrypted (made by an older reunite)",
        before,
    )


def test_a_new_database_gets_a_key_file_only_its_owner_reads(tmp_path):
    wrapper = opened(tmp_path)
    wrapper.ensure_connection()
    wrapper.close()
    assert oct((tmp_path / "db.key").stat().st_mode & 0o777) == "0o600"


def test_the_command_line_says_what_is_wrong_without_a_traceback(home):
    done = reunite(home, "cases", REUNITE_DB_KEY=secrets.token_hex(32))
    assert (done.returncode, done.stderr) == (
        2,
        f"reunite: the key does not open the database {home / 'reunite.sqlite3'} (wrong key, or not a reunite "
        "database): check REUNITE_DB_KEY / REUNITE_DB_KEY_FILE and the key file next to the database\n",
    )


def test_encrypt_db_encrypts_a_database_of_an_older_reunite(tmp_path):
    plain = sqlite3.connect(tmp_path / "reunite.sqlite3")
    plain.execute("CREATE TABLE t (name)")
    plain.execute("INSERT INTO t VALUES (?)", [NAME])
    plain.commit()
    plain.close()
    done = reunite(tmp_path, "encrypt-db")
    wrapper = opened(tmp_path)
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT name FROM t")
        names = [row[0] for row in cursor.fetchall()]
    wrapper.close()
    assert (done.returncode, names, NAME.encode() in (tmp_path / "reunite.sqlite3").read_bytes()) == (0, [NAME], False)


def test_linkage_in_duckdb_never_spills_records_to_disk():
    api = engine_api("duckdb")
    assert api.duckdb_con.execute("SELECT current_setting('temp_directory')").fetchone() == ("",)
