"""`reunite import FILE --mapping MAPPING`: what it prints and how it exits."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command, load_command_class

from reunite.registry.models import Source
from tests.transfer.files import ADIL_ID, a_testimony, the_testimonies, write_csv


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import", *args, "--dataset", "Example testimonies", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused(*args: str) -> CommandError:
    with pytest.raises(CommandError) as error:
        run(*args)
    return error.value


@pytest.fixture
def listing(tmp_path):
    return str(write_csv(tmp_path / "testimonies.csv", the_testimonies()))


@pytest.fixture
def with_a_bad_row(tmp_path):
    rows = [a_testimony(1, **{"ID number": ADIL_ID[:-2]}), a_testimony(2)]
    return str(write_csv(tmp_path / "bad.csv", rows))


def test_the_summary_counts_what_was_imported(db, listing):
    out, _ = run(listing, "--mapping", "testimony-list")
    assert out.splitlines()[:5] == [
        "3 rows read from the file for dataset 'Example testimonies'",
        "  3 imported (new rows)",
        "  0 imported as new versions (changed since the last import)",
        "  0 unchanged (already imported)",
        "  0 rejected",
    ]


def test_a_second_import_says_every_row_is_unchanged(db, listing):
    run(listing, "--mapping", "testimony-list")
    out, _ = run(listing, "--mapping", "testimony-list")
    assert "  3 unchanged (already imported)" in out.splitlines()


def test_a_dry_run_says_what_would_be_imported_and_writes_nothing(db, listing):
    out, _ = run(listing, "--mapping", "testimony-list", "--dry-run")
    assert ("  3 would be imported (new rows)" in out, Source.objects.count()) == (True, 0)


def test_rejected_rows_exit_with_status_1(db, with_a_bad_row):
    assert refused(with_a_bad_row, "--mapping", "testimony-list").returncode == 1


def test_rejected_rows_are_listed_with_row_column_and_reason(db, with_a_bad_row):
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import", with_a_bad_row, "--mapping", "testimony-list", "--dataset", "x", stderr=err)
    assert err.getvalue().splitlines() == [
        "row 2, column 'ID number': not a resident ID number: has 16 characters; a resident ID has 18 (or 15 in the "
        "old form)"
    ]


def test_nothing_printed_names_a_person_or_quotes_an_id_number(db, with_a_bad_row, tmp_path):
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError):
        call_command("import", with_a_bad_row, "--mapping", "testimony-list", "--dataset", "x", stdout=out, stderr=err)
    printed = out.getvalue() + err.getvalue()
    assert [secret for secret in ("Adil", "Mihriban", ADIL_ID[:-2], "taken from our home") if secret in printed] == []


def test_the_rejects_file_is_written_where_asked(db, with_a_bad_row, tmp_path):
    rejects = tmp_path / "rejects.csv"
    with pytest.raises(CommandError):
        run(with_a_bad_row, "--mapping", "testimony-list", "--rejects", str(rejects))
    assert rejects.read_text(encoding="utf-8-sig").splitlines()[1].startswith("1,Adil Tursun,")


def test_a_mapping_that_does_not_fit_exits_with_status_2(db, listing):
    assert refused(listing, "--mapping", "official-list").returncode == 2


def test_a_mapping_that_does_not_fit_says_which_column_is_missing(db, listing):
    assert str(refused(listing, "--mapping", "official-list")).startswith(
        "the file has no column '序号' (the mapping official-list reads it)"
    )


def test_an_unreadable_file_exits_with_status_2(db, tmp_path):
    path = tmp_path / "list.json"
    path.write_text("not json")
    assert refused(str(path), "--mapping", "testimony-list").returncode == 2


def test_the_help_shows_the_format_and_points_to_the_documentation():
    help_text = load_command_class("reunite.transfer", "import").create_parser("reunite", "import").format_help()
    assert all(part in help_text for part in ("docs/import.md", "[persons.victim]", "official-list, testimony-list"))
