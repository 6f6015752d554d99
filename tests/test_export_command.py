"""`reunite export --as USERNAME --output PATH`: what it writes and prints, whom it refuses, and its help."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from reunite.registry.models import PersonName
from reunite.transfer.models import Export
from tests.test_export import account, recorded


def run(*args: str) -> str:
    out = StringIO()
    call_command("export", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def refused(*args: str) -> CommandError:
    with pytest.raises(CommandError) as error:
        run(*args)
    return error.value


@pytest.fixture
def caseworker(db):
    return account("caseworker", "caseworker")


def test_it_says_what_it_wrote_the_counts_and_the_record(demo, caseworker, tmp_path):
    output = tmp_path / "export.json"
    assert run("--as", "caseworker", "--output", str(output)).splitlines() == [
        f"wrote {output} (json) for team, as caseworker (caseworker)",
        "  persons: 14",
        "  cases: 2",
        "  events: 14",
        "  sources: 2",
        "  datasets: 0",
        f"recorded as export {Export.objects.get().pk} (SHA-256 {Export.objects.get().sha256})",
    ]


def test_it_says_what_was_withheld(caseworker, tmp_path):
    recorded(may_share_with_governments=True)
    out = run("--as", "caseworker", "--audience", "governments", "--output", str(tmp_path / "x.json"))
    assert "withheld: names and ID numbers withheld for 1 source without consent to be named" in out.splitlines()


def test_it_never_prints_a_name(demo, caseworker, tmp_path):
    recorded()
    out = run("--as", "caseworker", "--output", str(tmp_path / "x.json"))
    assert [name for name in PersonName.objects.values_list("text", flat=True) if name in out] == []


def test_the_format_follows_the_output_s_suffix(caseworker, tmp_path):
    run("--as", "caseworker", "--output", str(tmp_path / "x.xlsx"))
    assert Export.objects.get().format == "xlsx"


def test_csv_goes_to_a_directory_by_default(caseworker, tmp_path):
    run("--as", "caseworker", "--output", str(tmp_path / "export"))
    assert (tmp_path / "export" / "manifest.json").is_file()


def test_the_tables_asked_for_are_the_tables_written(demo, caseworker, tmp_path):
    output = tmp_path / "x.json"
    run("--as", "caseworker", "--tables", "persons,events", "--output", str(output))
    assert list(json.loads(output.read_text())) == ["manifest", "persons", "events"]


def test_the_filters_are_recorded(demo, caseworker, tmp_path):
    run("--as", "caseworker", "--since", "2020-01-01", "--case-status", "open", "tracing", "--output", str(tmp_path))
    assert Export.objects.get().filters == {"since": "2020-01-01", "case_status": ["open", "tracing"]}


def test_an_advocate_is_refused_with_a_clear_error(db, tmp_path):
    account("advocate", "advocate")
    error = refused("--as", "advocate", "--output", str(tmp_path / "x.json"))
    assert (str(error), error.returncode) == (
        "export refused: the role advocate does not work with records",
        1,
    )


def test_a_refused_export_is_not_recorded(db, tmp_path):
    account("advocate", "advocate")
    refused("--as", "advocate", "--output", str(tmp_path / "x.json"))
    assert not Export.objects.exists()


def test_an_unknown_account_is_refused(db, tmp_path):
    assert refused("--as", "nobody", "--output", str(tmp_path / "x.json")).returncode == 2


def test_an_unknown_table_is_refused(caseworker, tmp_path):
    error = refused("--as", "caseworker", "--tables", "persons,accounts", "--output", str(tmp_path / "x.json"))
    assert str(error) == "unknown table accounts: the tables are persons, cases, events, sources"


def test_the_help_explains_the_audiences_and_that_exports_are_recorded(db, capsys):
    with pytest.raises(SystemExit):
        call_command("export", "--help")
    help_text = " ".join(capsys.readouterr().out.split())
    assert ("partners a partner organisation" in help_text, "Every export is recorded" in help_text) == (True, True)
