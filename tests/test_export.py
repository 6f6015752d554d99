"""`export_data`: what leaves for whom, the manifest, the record of the export, and each format read back.

Everyone here is invented: the demo's families (public, every consent given) and testimonies recorded below.
"""

import csv
import hashlib
import io
import json
import tempfile
import zipfile
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from reunite.cases.intake import EventEntry, NameEntry, PersonEntry, RelationEntry, TestimonyIntake, record_testimony
from reunite.registry.disclosure import Audience, NotAllowed
from reunite.registry.models import Source
from reunite.transfer.export import _Rows, export_data
from reunite.transfer.importer import import_file
from reunite.transfer.mapping import mapping_text
from reunite.transfer.models import Export
from tests.accounts import account
from tests.transfer.files import a_testimony, official, resident_id, the_testimonies, write_csv

SEEKER = "Qutluq Invented-Seeker"
SOUGHT = "Ilshat Invented-Sought"
SOUGHT_ID = resident_id("653101", "19900101", "015")
WORDS = "They came for him at night; nobody has heard from him since."
NOTE = "Detained at the invented checkpoint"
FORMATS = {"json": "export.json", "csv": "export.zip", "xlsx": "export.xlsx"}


def recorded(seeker: str = SEEKER, sought: str = SOUGHT, *, sensitivity: str = "confidential", **consent) -> Source:
    """A seeker's testimony about one sought person, with an ID number, an event and a case."""
    return record_testimony(
        TestimonyIntake(
            persons=[
                PersonEntry(names=[NameEntry(seeker)], sex="F", status="abroad", status_place="Istanbul, Turkey"),
                PersonEntry(names=[NameEntry(sought)], identity_numbers=[SOUGHT_ID], status="detained"),
            ],
            text=WORDS,
            sensitivity=sensitivity,
            relations=[RelationEntry(0, "spouse", 1)],
            events=[EventEntry("detention", [1], description=NOTE, place="Kashgar")],
            sought=[1],
            **consent,
        ),
        find_matches=False,
    )


def export(user, fmt: str, folder: Path, **options) -> Path:
    output = folder / FORMATS[fmt]
    export_data(user, fmt=fmt, output=output, **options)
    return output


def written(path: Path) -> str:
    """Everything an export wrote, as text: the file, the files of a directory, or every member of a zip (XLSX
    too), uncompressed."""
    if path.is_dir():
        return "".join(file.read_text("utf-8-sig") for file in sorted(path.iterdir()))
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            return "".join(archive.read(name).decode("utf-8-sig") for name in archive.namelist())
    return path.read_text("utf-8")


def referenced_sources(data: dict) -> set[int]:
    """Every source id a JSON export refers to, in any table."""
    persons = data.get("persons", [])
    facts = [
        fact
        for person in persons
        for key in ("names", "statements", "id_numbers", "relationships")
        for fact in person[key]
    ]
    return {
        *(row["source"] for table in ("persons", "events", "cases") for row in data.get(table, [])),
        *(row["id"] for row in data.get("sources", [])),
        *(fact["source"] for fact in facts),
    } - {None}


@pytest.fixture
def caseworker(db):
    return account("caseworker", "caseworker")


@pytest.fixture
def out(tmp_path):
    return tmp_path


def as_json(user, out, **options) -> dict:
    return json.loads(export(user, "json", out, **options).read_text("utf-8"))


# ------------------------------------------------------------------------------------ what leaves for whom


def test_a_researcher_s_export_has_nothing_of_a_confidential_source(db, out):
    recorded(sensitivity="confidential")
    recorded("Restricted Seeker", "Restricted Sought", sensitivity="restricted")
    assert SEEKER not in written(export(account("researcher"), "json", out))


def test_a_researcher_s_export_refers_to_no_confidential_source(db, out):
    confidential = recorded(sensitivity="confidential")
    recorded("Restricted Seeker", "Restricted Sought", sensitivity="restricted")
    assert confidential.pk not in referenced_sources(as_json(account("researcher"), out))


def test_a_partners_export_has_no_fact_of_a_source_without_partner_consent(caseworker, out):
    refused = recorded(may_share_with_governments=True, may_be_named=True)
    recorded("Agreed Seeker", "Agreed Sought", may_share_with_partners=True, may_be_named=True)
    assert refused.pk not in referenced_sources(as_json(caseworker, out, audience=Audience.PARTNERS))


def test_a_partners_export_has_no_person_only_an_unshared_source_speaks_of(caseworker, out):
    recorded(may_be_named=True)
    assert as_json(caseworker, out, audience=Audience.PARTNERS)["persons"] == []


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kept", [SEEKER, SOUGHT, SOUGHT_ID])
def test_without_consent_to_be_named_no_name_or_id_number_goes_to_a_government(caseworker, out, fmt, kept):
    recorded(may_share_with_governments=True)
    assert kept not in written(export(caseworker, fmt, out, audience=Audience.GOVERNMENTS))


@pytest.mark.parametrize("fmt", FORMATS)
def test_with_consent_to_be_named_the_names_go_to_a_government(caseworker, out, fmt):
    recorded(may_share_with_governments=True, may_be_named=True)
    assert SOUGHT in written(export(caseworker, fmt, out, audience=Audience.GOVERNMENTS))


def test_without_consent_to_be_named_the_person_still_goes_with_what_the_source_says(caseworker, out):
    recorded(may_share_with_governments=True)
    persons = as_json(caseworker, out, audience=Audience.GOVERNMENTS)["persons"]
    assert [person["statements"][0]["status"] for person in persons] == ["abroad", "detained"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("audience", [Audience.PARTNERS, Audience.GOVERNMENTS])
def test_testimony_words_never_leave_the_team(caseworker, out, fmt, audience):
    recorded(may_share_with_partners=True, may_share_with_governments=True, may_be_named=True)
    assert WORDS not in written(export(caseworker, fmt, out, audience=audience))


def test_free_text_notes_stay_with_the_testimony_s_words(caseworker, out):
    recorded(may_share_with_partners=True, may_be_named=True)
    assert NOTE not in written(export(caseworker, "json", out, audience=Audience.PARTNERS))


def test_the_team_gets_the_testimony_s_words(caseworker, out):
    recorded()
    assert [source["text"] for source in as_json(caseworker, out)["sources"]] == [WORDS]


def test_an_imported_row_as_it_was_never_leaves_the_team(caseworker, out, tmp_path):
    import_file(
        write_csv(tmp_path / "list.csv", the_testimonies()), "testimony-list", dataset="List", find_matches=False
    )
    Source.objects.update(may_share_with_partners=True, may_be_named=True)
    sources = as_json(caseworker, out, audience=Audience.PARTNERS)["sources"]
    assert {source["raw"] is None for source in sources} == {True}


@pytest.fixture
def keyed_by_id_number(db, tmp_path) -> list[str]:
    """An official list whose rows are keyed by their ID number, shared with partners (no consent to be named)."""
    _, text = mapping_text("official-list")
    mapping = tmp_path / "by-id.toml"
    mapping.write_text(
        text.replace('row_key = ["序号"]', 'row_key = ["身份证号"]').replace(
            'sensitivity = "confidential"', 'sensitivity = "confidential"\nmay_share_with_partners = true'
        ),
        encoding="utf-8",
    )
    numbers = [resident_id("653101", "19700101", "011"), resident_id("654002", "19850505", "022")]
    rows = [official(n, f"名字{n}", number, "喀什市", "1970", "2018") for n, number in enumerate(numbers, start=1)]
    import_file(write_csv(tmp_path / "list.csv", rows), str(mapping), dataset="List", find_matches=False)
    return numbers


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_row_key_made_of_an_id_number_never_goes_to_partners(caseworker, out, keyed_by_id_number, fmt):
    text = written(export(caseworker, fmt, out, audience=Audience.PARTNERS))
    assert [number for number in keyed_by_id_number if number in text] == []


def test_a_stand_in_for_a_withheld_row_key_is_the_same_in_every_export(caseworker, out, keyed_by_id_number):
    first = [s["row_key"] for s in as_json(caseworker, out, audience=Audience.PARTNERS)["sources"]]
    assert [s["row_key"] for s in as_json(caseworker, out, audience=Audience.PARTNERS)["sources"]] == first


def test_each_source_says_which_of_its_parts_were_withheld(caseworker, out):
    recorded(may_share_with_governments=True)
    sources = as_json(caseworker, out, audience=Audience.GOVERNMENTS)["sources"]
    assert [source["withheld"] for source in sources] == [["names", "testimony", "raw"]]


def test_an_advocate_s_export_is_refused(db, out):
    with pytest.raises(NotAllowed):
        export(account("advocate"), "json", out)


def test_an_account_without_a_role_exports_nothing(db, out):
    with pytest.raises(NotAllowed):
        export(account(None), "json", out)


def test_a_refused_export_writes_no_file(db, out):
    with pytest.raises(NotAllowed):
        export(account("advocate"), "json", out)
    assert list(out.iterdir()) == []


def test_an_export_never_carries_an_account_s_password(caseworker, out):
    recorded()
    assert caseworker.password not in written(export(caseworker, "json", out))


# ---------------------------------------------------------------------------------------------- filters


def test_a_dataset_filter_takes_only_that_list_s_rows(caseworker, out, tmp_path):
    recorded()
    import_file(
        write_csv(tmp_path / "list.csv", the_testimonies()), "testimony-list", dataset="List", find_matches=False
    )
    sources = as_json(caseworker, out, filters={"dataset": "List"})["sources"]
    assert {source["dataset"] for source in sources} == {"List"}


def test_since_leaves_out_sources_recorded_before(caseworker, out, time_machine):
    time_machine.move_to("2024-01-10T12:00:00Z")
    recorded()
    time_machine.move_to("2025-06-01T12:00:00Z")
    later = recorded("Later Seeker", "Later Sought")
    assert [s["id"] for s in as_json(caseworker, out, filters={"since": "2025-01-01"})["sources"]] == [later.pk]


def test_a_case_status_filter_takes_only_cases_in_that_status(demo, caseworker, out):
    cases = as_json(caseworker, out, filters={"case_status": ["reunification_in_progress"]})["cases"]
    assert {case["status"] for case in cases} == {"reunification_in_progress"}


def test_an_unknown_filter_is_refused(caseworker, out):
    with pytest.raises(ValueError, match="unknown filter"):
        export(caseworker, "json", out, filters={"datasets": "List"})


def test_an_unknown_dataset_is_refused(caseworker, out):
    with pytest.raises(ValueError, match="no dataset named 'Nowhere'"):
        export(caseworker, "json", out, filters={"dataset": "Nowhere"})


# ------------------------------------------------------------------------------------- manifest and record


def test_the_manifest_says_who_exported_and_in_which_role(caseworker, out):
    assert as_json(caseworker, out)["manifest"]["created_by"] == {"username": "caseworker", "role": "caseworker"}


def test_the_manifest_says_when_in_utc(caseworker, out, time_machine):
    time_machine.move_to("2025-03-04T05:06:07Z")
    assert as_json(caseworker, out)["manifest"]["created_at"] == "2025-03-04T05:06:07Z"


def test_the_manifest_says_for_whom(caseworker, out):
    assert as_json(caseworker, out, audience="partners")["manifest"]["audience"] == "partners"


def test_the_manifest_counts_the_rows_of_each_table_written(demo, caseworker, out):
    data = as_json(caseworker, out)
    assert data["manifest"]["counts"] == {table: len(data[table]) for table in data if table != "manifest"}


def test_the_manifest_lists_the_tables_asked_for_in_their_order(caseworker, out):
    assert as_json(caseworker, out, tables=["events", "persons"])["manifest"]["tables"] == ["persons", "events"]


def test_the_manifest_keeps_the_filters(caseworker, out):
    filters = {"since": "2024-01-01", "case_status": ["open", "tracing"]}
    assert as_json(caseworker, out, filters=filters)["manifest"]["filters"] == filters


def test_the_manifest_says_which_versions_wrote_it(caseworker, out):
    manifest = as_json(caseworker, out)["manifest"]
    assert (manifest["format"], manifest["format_version"], manifest["reunite_version"]) == (
        "reunite export",
        1,
        "0.1.0",
    )


def test_the_manifest_says_what_was_withheld(caseworker, out):
    recorded(may_share_with_governments=True)
    recorded("Another Seeker", "Another Sought")
    assert as_json(caseworker, out, audience=Audience.GOVERNMENTS)["manifest"]["withheld"] == [
        "1 source left out: more sensitive than the caseworker role may take out, or without consent to go to "
        "governments",
        "names and ID numbers withheld for 1 source without consent to be named",
        "testimony text, free-text descriptions and notes, and who recorded the testimony withheld for 1 source",
    ]


def test_the_manifest_names_no_one(demo, caseworker, out):
    recorded(may_share_with_governments=True)
    manifest = json.dumps(as_json(caseworker, out, audience=Audience.GOVERNMENTS)["manifest"], ensure_ascii=False)
    assert [name for name in (SEEKER, SOUGHT, SOUGHT_ID, "Mihriban", "Omer") if name in manifest] == []


def test_an_export_is_recorded_with_the_digest_of_its_file(caseworker, out):
    path = export(caseworker, "json", out)
    assert Export.objects.get().sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_record_says_who_took_what_for_whom(demo, caseworker, out):
    export(caseworker, "xlsx", out, audience="partners", tables=["persons"], filters={"since": "2020-01-01"})
    record = Export.objects.get()
    assert (record.created_by, record.role, record.audience, record.format, record.tables, record.filters) == (
        caseworker,
        "caseworker",
        "partners",
        "xlsx",
        ["persons"],
        {"since": "2020-01-01"},
    )


def test_the_record_keeps_the_counts(demo, caseworker, out):
    export(caseworker, "csv", out)
    assert Export.objects.get().counts == {"persons": 14, "cases": 2, "events": 14, "sources": 2, "datasets": 0}


def test_a_csv_directory_s_digest_is_of_its_files_in_the_order_of_their_names(caseworker, out):
    folder = out / "export"
    export_data(caseworker, fmt="csv", output=folder)
    files = b"".join(path.read_bytes() for path in sorted(folder.iterdir()))
    assert Export.objects.get().sha256 == hashlib.sha256(files).hexdigest()


# ---------------------------------------------------------------------------------------- formats read back


def test_a_csv_export_reads_back_with_the_csv_module(demo, caseworker, out):
    folder = out / "export"
    export_data(caseworker, fmt="csv", output=folder)
    with open(folder / "persons.csv", encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    assert json.loads(rows[0]["names"])[0]["text"] == "Mihriban Kader"


def test_a_csv_zip_holds_a_file_per_table_and_the_manifest(demo, caseworker, out):
    with zipfile.ZipFile(export(caseworker, "csv", out)) as archive:
        assert sorted(archive.namelist()) == [
            "cases.csv",
            "datasets.csv",
            "events.csv",
            "manifest.json",
            "persons.csv",
            "sources.csv",
        ]


def test_a_csv_zip_reads_back_with_the_csv_module(demo, caseworker, out):
    with zipfile.ZipFile(export(caseworker, "csv", out)) as archive:
        text = archive.read("cases.csv").decode("utf-8-sig")
    assert [row["status"] for row in csv.DictReader(io.StringIO(text))] == ["reunification_in_progress", "tracing"]


def test_a_csv_file_name_is_refused(caseworker, out):
    with pytest.raises(ValueError, match="directory or a .zip"):
        export_data(caseworker, fmt="csv", output=out / "export.csv")


def test_an_xlsx_export_has_the_manifest_first_then_a_sheet_per_table(demo, caseworker, out):
    book = load_workbook(export(caseworker, "xlsx", out), read_only=True)
    assert book.sheetnames == ["manifest", "persons", "cases", "events", "sources", "datasets"]


def test_an_xlsx_export_reads_back_with_openpyxl(demo, caseworker, out):
    book = load_workbook(export(caseworker, "xlsx", out), read_only=True)
    rows = list(book["events"].iter_rows(values_only=True))
    assert (rows[0][:3], len(rows) - 1) == (("id", "kind", "date"), 14)


def test_an_xlsx_cell_starting_with_an_equals_sign_stays_text(caseworker, out):
    recorded('=HYPERLINK("http://example.invalid")')
    book = load_workbook(export(caseworker, "xlsx", out))
    names = [json.loads(row[3].value) for row in book["persons"].iter_rows(min_row=2)]
    assert names[0][0]["text"] == '=HYPERLINK("http://example.invalid")'


def test_a_json_export_is_one_json_object_with_the_manifest_first(demo, caseworker, out):
    assert list(as_json(caseworker, out)) == ["manifest", "persons", "cases", "events", "sources", "datasets"]


def test_a_person_s_names_keep_their_script_and_kind(demo, caseworker, out):
    names = as_json(caseworker, out)["persons"][1]["names"]
    assert [(n["script"], n["kind"]) for n in names][3:] == [("Arab", "full"), ("Cyrl", "full"), ("Hani", "chinese")]


def test_a_place_as_written_keeps_the_country_it_lies_in(caseworker, out):
    recorded()
    place = as_json(caseworker, out)["persons"][0]["statements"][0]["status_place"]
    assert (place["name"], place["level"], place["within"]["country"]) == ("Istanbul", "written", "TR")


# ---------------------------------------------------------------------------------------- a failed export


def broken(self):
    raise RuntimeError("the database went away")


@pytest.mark.parametrize(("fmt", "name"), [("json", "x.json"), ("csv", "x.zip"), ("csv", "folder"), ("xlsx", "x.xlsx")])
def test_a_failed_export_leaves_no_file_behind(demo, caseworker, out, monkeypatch, fmt, name):
    monkeypatch.setattr(_Rows, "events", broken)
    with pytest.raises(RuntimeError):
        export_data(caseworker, fmt=fmt, output=out / name)
    assert list(out.iterdir()) == []


def test_a_failed_export_is_not_recorded(demo, caseworker, out, monkeypatch):
    monkeypatch.setattr(_Rows, "events", broken)
    with pytest.raises(RuntimeError):
        export(caseworker, "json", out)
    assert not Export.objects.exists()


def test_a_failed_xlsx_export_leaves_no_sheet_in_the_temporary_folder(demo, caseworker, out, monkeypatch):
    spooled = Path(tempfile.gettempdir()).glob
    before = set(spooled("openpyxl.*"))
    monkeypatch.setattr(_Rows, "events", broken)
    with pytest.raises(RuntimeError):
        export(caseworker, "xlsx", out)
    assert set(spooled("openpyxl.*")) - before == set()


# ------------------------------------------------------------------------------------------------ speed


def queries_to_export(user, out) -> int:
    with CaptureQueriesContext(connection) as queries:
        export(user, "json", out)
    return len(queries)


def test_an_export_s_queries_do_not_grow_with_the_persons_it_holds(caseworker, out, tmp_path):
    recorded()
    few = queries_to_export(caseworker, out)
    for n in range(5):
        recorded(f"Seeker {n}", f"Sought {n}")
    import_file(
        write_csv(tmp_path / "list.csv", [a_testimony(1)]), "testimony-list", dataset="List", find_matches=False
    )
    assert queries_to_export(caseworker, out) == few
