"""Importing a list from the web app: upload, the first rows as read, then the import and what it did."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reunite.registry.models import Source
from reunite.transfer.models import ImportJob
from tests.accounts import account, sign_in
from tests.transfer.files import csv_text, official, resident_id

GOOD = official(1, "阿迪力·吐尔逊", resident_id("653201", "19800314", "013"), "喀什市", "1980-03-14", "2017年5月")
SECOND = official(2, "米合日班·卡德尔", resident_id("654002", "19750921", "024"), "伊宁市", "1975-09-21", "2018")
BAD_DATE = official(3, "古丽娜尔·阿迪力", "", "喀什市", "the thirty-second of May", "2018")


@pytest.fixture(autouse=True)
def in_the_request(settings):
    settings.IMPORT_IN_BACKGROUND = False


def upload(client, rows, **fields):
    data = {"mapping": "official-list", "dataset": "Invented list", **fields}
    data["file"] = SimpleUploadedFile("list.csv", csv_text(rows).encode("utf-8"), content_type="text/csv")
    return client.post(reverse("new_import"), data)


def uploaded_job(client, rows, **fields) -> ImportJob:
    upload(client, rows, **fields)
    return ImportJob.objects.latest("created_at")


def test_the_first_rows_are_shown_as_read_before_anything_is_written(logged_in):
    job = uploaded_job(logged_in, [GOOD, SECOND])
    assert "米合日班·卡德尔" in logged_in.get(reverse("import_job", args=[job.pk])).content.decode()


def test_a_row_the_import_would_reject_shows_its_column_and_reason_in_the_preview(logged_in):
    job = uploaded_job(logged_in, [GOOD, BAD_DATE])
    page = logged_in.get(reverse("import_job", args=[job.pk])).content.decode()
    assert "出生日期: " in page


def test_nothing_is_written_until_the_import_is_started(logged_in):
    uploaded_job(logged_in, [GOOD, SECOND])
    assert not Source.objects.exists()


def test_starting_the_import_writes_every_good_row(logged_in):
    job = uploaded_job(logged_in, [GOOD, SECOND, BAD_DATE])
    logged_in.post(reverse("start_import", args=[job.pk]))
    assert Source.objects.filter(dataset__name="Invented list").count() == 2


def test_the_finished_import_says_which_rows_were_rejected_and_why(logged_in):
    job = uploaded_job(logged_in, [GOOD, SECOND, BAD_DATE])
    page = logged_in.post(reverse("start_import", args=[job.pk]), follow=True).content.decode()
    assert "row 4, column &#x27;出生日期&#x27;" in page


def test_the_rejected_rows_can_be_downloaded_with_their_reasons(logged_in):
    job = uploaded_job(logged_in, [GOOD, BAD_DATE])
    logged_in.post(reverse("start_import", args=[job.pk]))
    download = b"".join(logged_in.get(reverse("import_rejects", args=[job.pk])).streaming_content).decode()
    assert "the thirty-second of May" in download


def test_a_dry_run_writes_nothing(logged_in):
    job = uploaded_job(logged_in, [GOOD, SECOND], dry_run="on")
    logged_in.post(reverse("start_import", args=[job.pk]))
    assert not Source.objects.exists()


def test_the_uploaded_file_is_removed_once_imported(logged_in):
    job = uploaded_job(logged_in, [GOOD])
    logged_in.post(reverse("start_import", args=[job.pk]))
    job.refresh_from_db()
    assert not Path(job.stored_file).exists()


def test_cancelling_removes_the_upload_and_writes_nothing(logged_in):
    job = uploaded_job(logged_in, [GOOD])
    logged_in.post(reverse("cancel_import", args=[job.pk]))
    assert not ImportJob.objects.exists()


def test_a_running_import_page_refreshes_itself(logged_in):
    job = uploaded_job(logged_in, [GOOD])
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.RUNNING, fraction=0.4, rows=400)
    assert '<meta http-equiv="refresh"' in logged_in.get(reverse("import_job", args=[job.pk])).content.decode()


def test_an_own_mapping_with_a_mistake_is_refused_with_the_reason(logged_in):
    mapping = SimpleUploadedFile("mine.toml", b'[dataset]\nrow_key = ["No such column"]\n')
    job = uploaded_job(logged_in, [GOOD], mapping="own", mapping_file=mapping)
    assert "cannot be imported" in logged_in.get(reverse("import_job", args=[job.pk])).content.decode()


def test_someone_elses_import_is_not_found(logged_in, db):
    job = uploaded_job(logged_in, [GOOD])
    sign_in(logged_in, account("caseworker", "other"))
    assert logged_in.get(reverse("import_job", args=[job.pk])).status_code == 404


def test_an_advocate_cannot_import(client, db):
    sign_in(client, account("advocate"))
    assert client.get(reverse("new_import")).status_code == 403
