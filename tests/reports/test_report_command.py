"""`reunite report`: the report as a file, recorded, with clear refusals."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from reunite.accounts.models import Organisation
from reunite.reports.models import Report
from tests.accounts import account


def report(*args: str) -> str:
    out = StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


def test_it_writes_the_html_report(families, advocate, tmp_path):
    report("--as", "advocate", "--to", "2021-03-19", "--output", str(tmp_path / "report.html"))
    assert "Children sought, by where they are" in (tmp_path / "report.html").read_text()


def test_it_says_what_it_wrote_without_naming_anyone(families, advocate, tmp_path):
    printed = report("--as", "advocate", "--to", "2021-03-19", "--output", str(tmp_path / "report.html"))
    assert "2 cases" in printed and "Kader" not in printed


def test_the_report_is_recorded_with_its_options(families, advocate, tmp_path):
    report("--as", "advocate", "--threshold", "10", "--output", str(tmp_path / "report.html"))
    assert Report.objects.get().options["threshold"] == 10


def test_an_unknown_account_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="no account 'nobody'"):
        report("--as", "nobody", "--output", str(tmp_path / "report.pdf"))


def test_an_account_without_a_role_is_refused(db, tmp_path):
    account(None, "roleless")
    with pytest.raises(CommandError, match="may not make reports"):
        report("--as", "roleless", "--output", str(tmp_path / "report.pdf"))


def test_a_date_that_is_no_date_is_refused_naming_the_option(advocate, tmp_path):
    with pytest.raises(CommandError, match="--from: 'March' is not a date"):
        report("--as", "advocate", "--from", "March", "--output", str(tmp_path / "report.pdf"))


def test_an_output_neither_pdf_nor_html_is_refused(advocate, tmp_path):
    with pytest.raises(CommandError, match="neither .pdf nor .html"):
        report("--as", "advocate", "--output", str(tmp_path / "report.docx"))


def test_a_refused_report_leaves_no_file(db, tmp_path):
    account(None, "roleless")
    with pytest.raises(CommandError):
        report("--as", "roleless", "--output", str(tmp_path / "report.html"))
    assert list(tmp_path.iterdir()) == []


def test_without_an_account_it_reports_on_the_installation_s_organisation(families, tmp_path):
    report("--to", "2021-03-19", "--output", str(tmp_path / "report.html"))
    assert "Separated families by status of their case" in (tmp_path / "report.html").read_text()


def test_without_an_account_and_with_several_organisations_it_asks_whose(families, tmp_path):
    Organisation.objects.create(name="Invented partner organisation")
    with pytest.raises(CommandError, match="say whose report with --as USER"):
        report("--output", str(tmp_path / "report.html"))
