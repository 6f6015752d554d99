"""`reunite audit verify` finds every entry altered, removed or inserted behind the application's back, and the
database refuses to change or delete entries at all. Tampering drops the triggers first, as someone with the
database's rights would; each test's transaction puts them back."""

import hashlib
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from reunite.audit import triggers
from reunite.audit.chain import verify
from reunite.audit.models import Entry
from reunite.registry.models import Dataset

ENTRIES = 5


@pytest.fixture
def log(db) -> list[Entry]:
    """Five entries: five lists created."""
    for n in range(ENTRIES):
        Dataset.objects.create(name=f"Invented list {n}")
    return list(Entry.objects.order_by("sequence"))


def tamper(sql: str, params: tuple = ()) -> None:
    triggers.remove(connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def forge(sequence: int, previous_hash: str) -> None:
    """An entry made up by someone without the key: plausible fields, a hash that cannot be right."""
    tamper(
        "INSERT INTO audit_entry (sequence, at, username, role, action, object_type, object_id, detail, "
        "previous_hash, hash) VALUES (%s, %s, '', '', 'deleted', 'registry.dataset', '1', '{}', %s, %s)",
        (sequence, timezone.now(), previous_hash, hashlib.sha256(b"made up").hexdigest()),
    )


def findings() -> tuple[set[int], set[int], set[int]]:
    report = verify()
    return report.altered, report.removed, report.inserted


def run_verify() -> tuple[int, str]:
    """The command's exit status and what it printed."""
    out = StringIO()
    try:
        call_command("audit", "verify", stdout=out)
    except CommandError as error:
        return error.returncode, out.getvalue()
    return 0, out.getvalue()


def test_an_untouched_log_verifies(log):
    assert run_verify() == (0, f"{ENTRIES} entries; head #{ENTRIES} {log[-1].hash}\nintact\n")


def test_an_entry_edited_to_point_elsewhere_is_found(log):
    tamper("UPDATE audit_entry SET object_id = '999' WHERE sequence = 2")
    assert findings() == ({2}, set(), set())


def test_a_deleted_entry_is_found(log):
    tamper("DELETE FROM audit_entry WHERE sequence = 3")
    assert findings() == (set(), {3}, set())


def test_the_last_entry_deleted_is_found(log):
    tamper("DELETE FROM audit_entry WHERE sequence = %s", (ENTRIES,))
    assert findings() == (set(), {ENTRIES}, set())


def test_an_entry_added_at_the_end_is_found(log):
    forge(ENTRIES + 1, log[-1].hash)
    assert findings() == (set(), set(), {ENTRIES + 1})


def test_an_entry_slipped_between_two_others_is_found(log):
    # Make room after entry 2 (two steps: the numbers are unique at every moment), then slip one in.
    tamper("UPDATE audit_entry SET sequence = sequence + 1000 WHERE sequence > 2")
    tamper("UPDATE audit_entry SET sequence = sequence - 999 WHERE sequence > 1000")
    forge(3, log[1].hash)
    assert findings()[2] == {3}


def test_the_entries_renumbered_to_make_room_are_found_altered(log):
    tamper("UPDATE audit_entry SET sequence = sequence + 1000 WHERE sequence > 2")
    tamper("UPDATE audit_entry SET sequence = sequence - 999 WHERE sequence > 1000")
    forge(3, log[1].hash)
    assert findings()[0] == set(range(4, ENTRIES + 2))


def test_the_command_exits_1_and_names_the_entries(log):
    tamper("UPDATE audit_entry SET action = 'viewed' WHERE sequence IN (2, 3, 4)")
    status, printed = run_verify()
    assert (status, printed.splitlines()[1]) == (1, "altered: 2-4")


def test_the_database_refuses_to_change_an_entry(log):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_entry SET object_id = '999' WHERE sequence = 2")


def test_the_database_refuses_to_delete_an_entry(log):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_entry WHERE sequence = 2")


def test_deleting_an_account_keeps_its_entries_as_they_were(user, logged_in):
    user.delete()
    entries = list(Entry.objects.filter(username="caseworker").values_list("action", "user"))
    assert (verify().intact, entries) == (True, [("logged_in", None)])


def test_entries_sealed_before_the_secret_was_rotated_still_verify(log, settings):
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a new secret key, rotated after the entries were written"
    assert verify().intact


def test_without_the_secret_they_were_sealed_with_no_entry_verifies(log, settings):
    settings.SECRET_KEY = "another installation's secret key"
    assert findings()[0] == set(range(1, ENTRIES + 1))


def test_the_list_prints_only_the_action_asked_for(log):
    Dataset.objects.get(name="Invented list 0").delete()
    out = StringIO()
    call_command("audit", "list", "--action", "deleted", stdout=out)
    assert [line.split("\t")[3] for line in out.getvalue().splitlines()] == ["deleted"]


def test_the_list_names_who_did_it_and_in_which_role(logged_in, log):
    out = StringIO()
    call_command("audit", "list", "--user", "caseworker", stdout=out)
    assert [line.split("\t")[2:4] for line in out.getvalue().splitlines()] == [["caseworker (caseworker)", "logged_in"]]
