"""Exporting from the web app: the form, the download, and the record of what left."""

import io
import json
import zipfile

from django.urls import reverse

from reunite.registry.models import Source
from reunite.transfer.models import Export
from tests.accounts import account, sign_in

EVERYTHING = {"tables": ["persons", "cases", "events", "sources"], "audience": "team"}


def download(client, **fields) -> bytes:
    response = client.post(reverse("new_export"), {**EVERYTHING, "format": "json", **fields})
    return b"".join(response.streaming_content)


def test_a_caseworker_downloads_the_demo_families(demo, logged_in):
    assert "Mihriban" in download(logged_in).decode()


def test_the_download_is_recorded_with_who_took_it(demo, logged_in, user):
    download(logged_in)
    assert Export.objects.get().created_by == user


def test_a_csv_export_is_a_zip_of_tables_with_its_manifest(demo, logged_in):
    names = zipfile.ZipFile(io.BytesIO(download(logged_in, format="csv"))).namelist()
    assert "manifest.json" in names


def test_a_government_export_leaves_out_testimonies_without_that_consent(demo, logged_in):
    Source.objects.update(may_share_with_governments=False)
    exported = json.loads(download(logged_in, audience="governments"))
    assert exported["sources"] == []


def test_an_advocate_cannot_export_records(client, demo):
    sign_in(client, account("advocate"))
    assert client.get(reverse("new_export")).status_code == 403


def test_an_unknown_dataset_is_said_on_the_form(demo, logged_in):
    page = logged_in.post(reverse("new_export"), {**EVERYTHING, "format": "json", "dataset": "No such list"})
    assert "No such list" in page.content.decode()
