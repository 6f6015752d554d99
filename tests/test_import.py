"""Importing a list through `import_file`: what each row becomes, re-imports, corrections, rejects, interruptions."""

import csv
from unittest import mock

import pytest

from reunite.registry.models import (
    Dataset,
    Event,
    IdentityNumber,
    NameKey,
    Person,
    PersonName,
    Relationship,
    Source,
    Statement,
)
from reunite.transfer import importer, writing
from reunite.transfer.importer import import_file
from reunite.transfer.mapping import MappingError
from tests.transfer.files import (
    ADIL_ID,
    a_testimony,
    official,
    resident_id,
    the_testimonies,
    write_csv,
)

DATASET = "Example testimonies"


def run(path, mapping="testimony-list", **options):
    options.setdefault("dataset", DATASET)
    options.setdefault("find_matches", False)
    return import_file(path, mapping, **options)


@pytest.fixture
def listing(tmp_path):
    return write_csv(tmp_path / "testimonies.csv", the_testimonies())


@pytest.fixture
def imported(db, listing):
    return run(listing)


def victim(number: str = "1") -> Person:
    """The first person of the latest version of a row: the victim, in the testimony-list mapping."""
    return Source.objects.filter(row_key=number).latest("version").persons_introduced.order_by("pk").first()


# ------------------------------------------------------------------------------------------ what a row becomes


def test_each_row_becomes_one_imported_list_row(imported):
    assert list(Source.objects.order_by("row_key").values_list("kind", "row_key", "version")) == [
        ("list_row", "1", 1),
        ("list_row", "2", 1),
        ("list_row", "3", 1),
    ]


def test_the_source_keeps_the_row_verbatim(imported):
    assert Source.objects.get(row_key="2").raw == a_testimony(2)


def test_the_rows_belong_to_the_named_dataset(imported):
    assert Dataset.objects.get().rows.count() == 3


def test_the_victim_has_the_names_in_the_order_of_the_mapping(imported):
    assert [(n.text, n.kind, n.script) for n in victim().names.all()] == [
        ("Adil Tursun", "full", "Latn"),
        ("阿迪力·吐尔逊", "chinese", "Hani"),
    ]


def test_names_get_their_search_keys(imported):
    name = PersonName.objects.get(text="阿迪力·吐尔逊")
    assert NameKey.objects.filter(name=name, person=name.person).exists()


def test_the_id_number_is_stored_normalised_with_its_check_digit(imported):
    assert list(IdentityNumber.objects.filter(person=victim()).values_list("normalised", "checksum_ok")) == [
        (ADIL_ID, True)
    ]


def test_birth_date_and_sex_come_from_the_id_number_when_the_row_has_none(imported):
    statement = Statement.objects.get(person=victim())
    assert (str(statement.birth_date), statement.sex) == ("1980-03-14", "M")


def test_status_words_become_statuses(imported):
    assert Statement.objects.get(person=victim("2")).status == "imprisoned"


def test_the_location_is_resolved_through_the_gazetteer(imported):
    assert Statement.objects.get(person=victim("3")).status_place.code == "653226"


def test_the_testifier_gave_the_testimony(imported):
    source = Source.objects.get(row_key="1")
    assert source.testifier.names.get().text == "Gülnar Adil"


def test_a_daughter_testifying_makes_the_victim_her_parent(imported):
    relation = Relationship.objects.get(source__row_key="1")
    assert (relation.person.display_name, relation.kind, relation.relative.display_name) == (
        "Adil Tursun",
        "parent",
        "Gülnar Adil",
    )


def test_a_wife_testifying_makes_them_spouses(imported):
    relation = Relationship.objects.get(source__row_key="3")
    assert (relation.person.display_name, relation.kind) == ("Aygül Hesen", "spouse")


def test_the_detention_has_its_date_place_and_victim(imported):
    event = Event.objects.get(source__row_key="1")
    assert (event.kind, str(event.date), event.place.code, list(event.persons.all())) == (
        "detention",
        "2017-05",
        "653101",
        [victim()],
    )


def test_the_testimony_text_is_kept_with_the_source(imported):
    assert Source.objects.get(row_key="3").text == "Nobody has heard from him since."


def test_imported_sources_are_confidential(imported):
    assert set(Source.objects.values_list("sensitivity", flat=True)) == {"confidential"}


def test_the_summary_counts_the_imported_rows_and_persons(imported):
    assert (imported.rows, imported.imported, imported.rejected, imported.persons) == (3, 3, 0, 6)


def test_an_official_list_in_chinese_imports_with_the_shipped_mapping(db, tmp_path):
    number = resident_id("653101", "19920607", "028")
    row = official(1, "阿依古丽·阿布力克木", number, "新疆喀什市", "1992-06-07", "2018-03-01")
    path = write_csv(tmp_path / "list.csv", [row])
    run(path, "official-list", dataset="Example official list")
    statement = Statement.objects.get()
    assert (statement.person.display_name, str(statement.birth_date), statement.status_place.code) == (
        "阿依古丽·阿布力克木",
        "1992-06-07",
        "653101",
    )


# ------------------------------------------------------------------------------------------ importing again


def test_a_second_import_of_the_same_file_adds_nothing(imported, listing):
    before = (Source.objects.count(), Person.objects.count(), NameKey.objects.count(), Event.objects.count())
    run(listing)
    assert (Source.objects.count(), Person.objects.count(), NameKey.objects.count(), Event.objects.count()) == before


def test_a_second_import_counts_every_row_unchanged(imported, listing):
    again = run(listing)
    assert (again.imported, again.new_versions, again.unchanged) == (0, 0, 3)


def test_a_corrected_file_adds_a_version_only_for_the_changed_row(imported, tmp_path):
    corrected = write_csv(tmp_path / "corrected.csv", the_testimonies(a_testimony(2, Status="released")))
    run(corrected)
    assert sorted(Source.objects.values_list("row_key", "version")) == [("1", 1), ("2", 1), ("2", 2), ("3", 1)]


def test_the_new_version_states_the_corrected_facts(imported, tmp_path):
    corrected = write_csv(tmp_path / "corrected.csv", the_testimonies(a_testimony(2, Status="released")))
    run(corrected)
    assert Statement.objects.get(person=victim("2")).status == "at_liberty"


def test_the_older_version_keeps_its_facts(imported, tmp_path):
    corrected = write_csv(tmp_path / "corrected.csv", the_testimonies(a_testimony(2, Status="released")))
    run(corrected)
    assert Statement.objects.filter(source__row_key="2", source__version=1).get().status == "imprisoned"


def test_a_corrected_file_is_summarised_as_one_new_version(imported, tmp_path):
    corrected = write_csv(tmp_path / "corrected.csv", the_testimonies(a_testimony(2, Status="released")))
    summary = run(corrected)
    assert (summary.imported, summary.new_versions, summary.unchanged) == (0, 1, 2)


def test_another_dataset_with_the_same_row_keys_is_another_list(imported, listing):
    run(listing, dataset="Another organisation's list")
    assert Source.objects.count() == 6


# ------------------------------------------------------------------------------------------ bad rows


@pytest.fixture
def with_bad_rows(tmp_path):
    rows = [
        a_testimony(1),
        a_testimony(2, **{"ID number": "65400219750921"}),
        a_testimony(3, **{"Victim's name": "", "Chinese name": ""}),
        a_testimony(1, **{"No.": "4", "Time of detention": "sometime"}),
    ]
    return write_csv(tmp_path / "bad.csv", rows)


def test_the_good_rows_of_a_file_with_bad_rows_are_imported(db, with_bad_rows):
    run(with_bad_rows)
    assert list(Source.objects.values_list("row_key", flat=True)) == ["1"]


def test_each_problem_names_the_row_the_column_and_the_reason(db, with_bad_rows):
    assert [str(p) for p in run(with_bad_rows).problems] == [
        "row 3, column 'ID number': not a resident ID number: has 14 characters; a resident ID has 18 "
        "(or 15 in the old form)",
        'row 4, column "Victim\'s name, Chinese name": no name, ID number or description for the victim',
        "row 5, column 'Time of detention': not a date (expected 2016, May 2017, 2016-05-12 or about 1974)",
    ]


def test_the_summary_counts_the_rejected_rows(db, with_bad_rows):
    assert run(with_bad_rows).rejected == 3


def test_the_rejects_file_holds_the_bad_rows_as_they_were_with_row_and_reasons(db, with_bad_rows, tmp_path):
    rejects = tmp_path / "rejects.csv"
    run(with_bad_rows, rejects=rejects)
    with open(rejects, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert (rows[0]["Victim's name"], rows[0]["ID number"], rows[0]["rejected row"], rows[0]["reasons"]) == (
        "Mihriban Kader",
        "65400219750921",
        "3",
        "ID number: not a resident ID number: has 14 characters; a resident ID has 18 (or 15 in the old form)",
    )


def test_the_rejects_file_holds_every_rejected_row(db, with_bad_rows, tmp_path):
    rejects = tmp_path / "rejects.csv"
    run(with_bad_rows, rejects=rejects)
    with open(rejects, encoding="utf-8-sig", newline="") as f:
        assert [row["rejected row"] for row in csv.DictReader(f)] == ["3", "4", "5"]


def test_a_problem_never_quotes_the_value(db, tmp_path):
    wrong = ADIL_ID[:6] + "19801340" + ADIL_ID[14:]  # the 40th of a 13th month
    path = write_csv(tmp_path / "bad.csv", [a_testimony(1, **{"ID number": wrong})])
    assert str(run(path).problems[0]) == (
        "row 2, column 'ID number': not a resident ID number: its birth date is impossible"
    )


def test_a_wrong_check_digit_is_kept_and_flagged_with_a_warning(db, tmp_path):
    wrong = ADIL_ID[:-1] + ("0" if ADIL_ID[-1] != "0" else "1")
    path = write_csv(tmp_path / "list.csv", [a_testimony(1, **{"ID number": wrong})])
    summary = run(path)
    assert (summary.warnings, IdentityNumber.objects.get().checksum_ok, str(summary.problems[0])) == (
        1,
        False,
        "row 2, column 'ID number': the check digit is wrong: kept, and flagged",
    )


def test_a_repeated_row_key_rejects_the_second_row(db, tmp_path):
    path = write_csv(tmp_path / "list.csv", [a_testimony(1), a_testimony(2, **{"No.": "1"})])
    assert str(run(path).problems[0]) == "row 3, column 'No.': the row key repeats row 2's"


def test_an_unknown_status_word_asks_for_it_in_the_mapping(db, tmp_path):
    path = write_csv(tmp_path / "list.csv", [a_testimony(1, Status="somewhere far")])
    assert str(run(path).problems[0]) == "row 2, column 'Status': not a known status: add it to the mapping's values"


def test_a_detention_in_the_future_is_refused(db, tmp_path):
    path = write_csv(tmp_path / "list.csv", [a_testimony(1, **{"Time of detention": "2999"})])
    assert str(run(path).problems[0]) == "row 2, column 'Time of detention': the date is in the future"


# ------------------------------------------------------------------------------------------ dry run


def test_a_dry_run_writes_nothing(db, listing):
    run(listing, dry_run=True)
    assert (Dataset.objects.count(), Source.objects.count(), Person.objects.count()) == (0, 0, 0)


def test_a_dry_run_counts_what_would_be_imported(db, listing):
    summary = run(listing, dry_run=True)
    assert (summary.imported, summary.rejected, summary.persons) == (3, 0, 0)


def test_a_dry_run_of_a_corrected_file_counts_the_new_version(imported, tmp_path):
    corrected = write_csv(tmp_path / "corrected.csv", the_testimonies(a_testimony(2, Status="released")))
    summary = run(corrected, dry_run=True)
    assert (summary.new_versions, summary.unchanged, Source.objects.count()) == (1, 2, 3)


# ------------------------------------------------------------------------------------------ interruptions


class Interrupted(Exception):
    pass


def fail_on_batch(number: int):
    """Make the events of the `number`th written batch fail, after its sources, persons and names are written."""
    real = writing.Writer._events
    calls = []

    def events(self, rows):
        calls.append(1)
        if len(calls) == number:
            raise Interrupted
        return real(self, rows)

    return mock.patch.object(writing.Writer, "_events", events)


@pytest.fixture
def long_list(tmp_path):
    rows = [a_testimony(1 + n % 3, **{"No.": str(n)}) for n in range(1, 11)]
    return write_csv(tmp_path / "long.csv", rows)


def interrupt(path, batch):
    with fail_on_batch(batch), pytest.raises(Interrupted):
        run(path, batch_size=4)


def test_an_interrupted_import_keeps_the_batches_before_whole(db, long_list):
    interrupt(long_list, 2)
    assert list(Source.objects.order_by("pk").values_list("row_key", flat=True)) == ["1", "2", "3", "4"]


def test_an_interrupted_import_leaves_nothing_of_the_failed_batch(db, long_list):
    interrupt(long_list, 2)
    assert (Person.objects.count(), PersonName.objects.count(), Event.objects.count()) == (8, 11, 4)


def test_running_an_interrupted_import_again_completes_it_without_duplicates(db, long_list):
    interrupt(long_list, 2)
    run(long_list, batch_size=4)
    assert sorted(Source.objects.values_list("row_key", "version")) == sorted((str(n), 1) for n in range(1, 11))


def test_the_run_after_an_interruption_imports_only_what_was_missing(db, long_list):
    interrupt(long_list, 2)
    summary = run(long_list, batch_size=4)
    assert (summary.imported, summary.unchanged) == (6, 4)


# ------------------------------------------------------------------------------------------ mapping errors


def test_a_mapping_naming_a_column_the_file_lacks_is_refused_before_any_row(db, tmp_path):
    rows = [{k: v for k, v in a_testimony(1).items() if k != "Status"}]
    with pytest.raises(MappingError) as refused:
        run(write_csv(tmp_path / "list.csv", rows))
    assert (refused.value.reasons[0], Source.objects.count()) == (
        "the file has no column 'Status' (the mapping testimony-list reads it)",
        0,
    )


def test_a_list_without_a_dataset_name_is_refused(db, listing):
    with pytest.raises(MappingError) as refused:
        run(listing, dataset="")
    assert "no dataset name: give one with --dataset, or as [dataset] name in the mapping" in str(refused.value)


def test_an_official_list_mapping_does_not_fit_a_testimony_list(db, listing):
    with pytest.raises(MappingError) as refused:
        run(listing, "official-list")
    assert refused.value.reasons[0] == "the file has no column '序号' (the mapping official-list reads it)"


# ------------------------------------------------------------------------------------------ linkage


def test_a_small_import_finds_matches_for_its_new_persons(db, listing):
    with mock.patch("reunite.review.matching.find_matches_for") as find:
        find.return_value.candidates = []
        run(listing, find_matches=True)
    assert sorted(p.pk for call in find.call_args_list for p in call.args[0]) == sorted(
        Person.objects.values_list("pk", flat=True)
    )


def test_a_large_import_says_to_link_everything(db, listing, monkeypatch):
    monkeypatch.setattr(importer, "MATCH_LIMIT", 5)
    assert run(listing, find_matches=True).matching == (
        "6 new persons: run `reunite link run` to find their matches (find matches runs by itself for up to 5)"
    )


def test_without_a_model_matching_is_skipped_with_the_command_that_trains_one(db, listing):
    assert run(listing, find_matches=True).matching.startswith(
        "find matches skipped: No linkage model yet: train one with `reunite link train`"
    )


def test_a_failure_in_matching_keeps_the_import(db, listing):
    with mock.patch("reunite.review.matching.find_matches_for", side_effect=RuntimeError):
        run(listing, find_matches=True)
    assert Source.objects.count() == 3
