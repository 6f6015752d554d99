"""The Reports page: options, the report on the page or as a file, recorded."""

import io
import zipfile

import pytest

from reunite.audit.models import Entry
from reunite.reports.models import Report
from tests.accounts import sign_in

PAGE = {"threshold": 5, "method": "suppress", "quotes": 3, "format": "page", "end": "2021-03-19"}


@pytest.fixture
def client(client, advocate):
    return sign_in(client, advocate)


def test_the_page_offers_the_options(client):
    assert b"Make the report" in client.get("/reports/").content


def test_the_report_shows_on_the_page(client, families):
    assert "Separated families by status of their case" in client.post("/reports/", PAGE).content.decode()


def test_the_report_on_the_page_quotes_the_faruh_family(client, families):
    assert "we have not heard from our daughters" in client.post("/reports/", PAGE).content.decode()


def test_the_pdf_is_a_download(client, families):
    response = client.post("/reports/", {**PAGE, "format": "pdf"})
    assert (response["Content-Type"], response.content[:5]) == ("application/pdf", b"%PDF-")


def test_the_csv_tables_come_in_a_zip(client, families):
    response = client.post("/reports/", {**PAGE, "format": "csv"})
    assert "children_by_placement.csv" in zipfile.ZipFile(io.BytesIO(response.content)).namelist()


def test_a_period_ending_before_it_starts_is_refused_with_the_reason(client, families):
    response = client.post("/reports/", {**PAGE, "start": "2021-03-19", "end": "2020-01-01"})
    assert "ends (2020-01-01) before it starts (2021-03-19)" in response.content.decode()


def test_a_report_is_recorded_with_its_fingerprint(client, families):
    client.post("/reports/", PAGE)
    assert len(Report.objects.get().figures_sha256) == 64


def test_a_report_writes_one_exported_entry_to_the_audit_log(client, families):
    client.post("/reports/", PAGE)
    assert Entry.objects.filter(action="exported", object_type="reports.report").count() == 1


def test_the_same_data_and_options_give_the_same_figures(client, families):
    client.post("/reports/", PAGE)
    client.post("/reports/", PAGE)
    assert len(set(Report.objects.values_list("figures_sha256", flat=True))) == 1


def test_recent_reports_are_listed(client, families):
    client.post("/reports/", PAGE)
    assert b"Your recent reports" in client.get("/reports/").content
