"""`reunite dossier CASE_ID --as USERNAME --for lawyer|government`: what it writes and prints, and whom it refuses."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from reunite.accounts.models import Organisation
from reunite.registry.models import PersonName
from reunite.transfer.models import Export
from tests.accounts import account
from tests.reports.helpers import small_case


def run(*args: str) -> str:
    out = StringIO()
    call_command("dossier", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def refused(*args: str) -> CommandError:
    with pytest.raises(CommandError) as error:
        run(*args)
    return error.value


def test_it_writes_the_dossier_in_the_current_directory_by_default(user, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    case = small_case()
    run(str(case.pk), "--as", "caseworker", "--for", "lawyer")
    assert (tmp_path / f"dossier-{case.reference}-lawyer.pdf").read_bytes().startswith(b"%PDF")


def test_it_writes_where_it_is_told(user, tmp_path):
    output = tmp_path / "for-the-embassy.pdf"
    run(str(small_case().pk), "--as", "caseworker", "--for", "government", "--output", str(output))
    assert output.read_bytes().startswith(b"%PDF")


def test_it_says_what_it_wrote_and_the_record(user, tmp_path):
    case = small_case()
    output = tmp_path / "dossier.pdf"
    lines = run(str(case.pk), "--as", "caseworker", "--for", "lawyer", "--output", str(output)).splitlines()
    export = Export.objects.get()
    assert lines == [
        f"wrote {output} ({output.stat().st_size:,} bytes): {case.reference} for lawyer (partners), as caseworker "
        "(caseworker)",
        "  2 persons, 0 events, 0 applications, from 1 source",
        "  withheld: 0 sources without consent to go to partner organisations; names and ID numbers of 0 sources "
        "without consent to be named; 1 description or note",
        f"recorded as export {export.pk} (SHA-256 {export.sha256})",
    ]


def test_it_never_prints_a_name(user, tmp_path):
    out = run(str(small_case().pk), "--as", "caseworker", "--for", "lawyer", "--output", str(tmp_path / "d.pdf"))
    assert [name for name in PersonName.objects.values_list("text", flat=True) if name in out] == []


def test_the_dossier_is_recorded_as_an_export_of_the_case(user, tmp_path):
    case = small_case()
    run(str(case.pk), "--as", "caseworker", "--for", "government", "--output", str(tmp_path / "d.pdf"))
    assert Export.objects.values_list("audience", "format", "tables", "filters").get() == (
        "governments",
        "pdf",
        ["dossier"],
        {"case": case.pk, "recipient": "government"},
    )


def test_an_unknown_account_is_a_clear_error(db):
    error = refused("1", "--as", "nobody", "--for", "lawyer")
    assert (str(error), error.returncode) == ("no account named 'nobody'", 2)


def test_a_case_that_does_not_exist_is_a_clear_error(user):
    error = refused("999", "--as", "caseworker", "--for", "lawyer")
    assert (str(error), error.returncode) == ("no case 999 that caseworker may read", 2)


def test_another_organisation_s_case_answers_as_one_that_does_not_exist(user):
    theirs = account("caseworker", "partner", organisation=Organisation.objects.create(name="Invented partner"))
    case = small_case(theirs)
    assert str(refused(str(case.pk), "--as", "caseworker", "--for", "lawyer")) == (
        f"no case {case.pk} that caseworker may read"
    )


def test_an_advocate_is_refused_with_a_clear_error(db):
    account("advocate", "advocate")
    error = refused(str(small_case().pk), "--as", "advocate", "--for", "lawyer")
    assert (str(error), error.returncode) == ("dossier refused: the role advocate does not make case dossiers", 1)


def test_a_case_without_consent_for_governments_is_refused_for_a_government(user):
    case = small_case(may_share_with_governments=False)
    assert str(refused(str(case.pk), "--as", "caseworker", "--for", "government")) == (
        f"no dossier of {case.reference} for a government: the testimony that opened it has no consent to be shared "
        "with governments"
    )


def test_a_refusal_writes_nothing(user, tmp_path):
    case = small_case(may_share_with_partners=False)
    refused(str(case.pk), "--as", "caseworker", "--for", "lawyer", "--output", str(tmp_path / "d.pdf"))
    assert (list(tmp_path.iterdir()), Export.objects.count()) == ([], 0)


def test_an_unknown_recipient_is_refused_by_the_parser(user):
    with pytest.raises(CommandError, match="invalid choice: 'journalist'"):
        run("1", "--as", "caseworker", "--for", "journalist")
