"""Mappings: what a TOML mapping may say, how its mistakes are reported, and what it reads from a row."""

import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reunite.transfer.importer import choices
from reunite.transfer.mapping import MappingError, Problem, load_mapping, shipped
from tests.transfer.files import ADIL_ID

TODAY = datetime.date(2024, 1, 1)
MAPPING = """
[dataset]
name = "Example list"
row_key = ["No."]

[source]
text = "Notes"
may_be_named = { column = "Named?" }

[persons.child]
names = [{ column = "Child" }]
birth_date = { column = "Born", format = "%d/%m/%Y" }
sex = "Sex"
status = { value = "state_orphanage" }
status_place = { value = "Kashgar" }

[persons.mother]
names = ["Mother"]
id_numbers = ["Mother's ID"]
gave_testimony = true

[[relations]]
person = "mother"
relative = "child"
value = "parent"

[[events]]
kind = "last_contact"
persons = ["child", "mother"]
date = "Last contact"
"""
ROW = {
    "No.": "12",
    "Child": "Aygül Ablet",
    "Born": "03/04/2012",
    "Sex": "Girl",
    "Mother": "Mihriban Kader",
    "Mother's ID": ADIL_ID,
    "Last contact": "May 2017",
    "Notes": "",
    "Named?": "Evet",
}


def mapping(tmp_path, text: str = MAPPING):
    path = tmp_path / "mapping.toml"
    path.write_text(text)
    return load_mapping(str(path), choices())


def refusal(tmp_path, text: str) -> list[str]:
    with pytest.raises(MappingError) as refused:
        mapping(tmp_path, text)
    return refused.value.reasons


def read(tmp_path, **changes):
    return mapping(tmp_path).read(7, {**ROW, **changes}, TODAY)


# ------------------------------------------------------------------------------------------ checking a mapping


def test_the_shipped_mappings_are_the_testimony_and_official_lists():
    assert shipped() == ["official-list", "testimony-list"]


@pytest.mark.parametrize("name", ["official-list", "testimony-list"])
def test_every_shipped_mapping_loads(name):
    assert load_mapping(name, choices(), "Example").persons


def test_an_unknown_mapping_name_lists_the_shipped_ones():
    with pytest.raises(MappingError, match="shipped: official-list, testimony-list"):
        load_mapping("victims", choices(), "Example")


def test_an_unknown_field_is_named_with_the_fields_known_there(tmp_path):
    assert refusal(tmp_path, MAPPING.replace('sex = "Sex"', 'gender = "Sex"')) == [
        "mapping mapping: [persons.child]: unknown field 'gender' (known: birth_date, birthplace, description, "
        "ethnicity, gave_testimony, id_numbers, names, required, sex, status, status_place)"
    ]


def test_every_mistake_is_reported_at_once(tmp_path):
    text = MAPPING.replace('kind = "last_contact"', 'kind = "arrest"').replace('value = "parent"', 'value = "stranger"')
    assert len(refusal(tmp_path, text)) == 2


def test_an_event_of_an_unknown_person_is_refused(tmp_path):
    reasons = refusal(tmp_path, MAPPING.replace('persons = ["child", "mother"]', 'persons = ["father"]'))
    assert reasons == ["mapping mapping: [[events]] 1: persons must list whom it happened to, by role (child, mother)"]


def test_a_status_that_is_not_the_registrys_is_refused(tmp_path):
    reasons = refusal(tmp_path, MAPPING.replace('value = "state_orphanage"', 'value = "orphan"'))
    assert reasons[0].startswith("mapping mapping: [persons.child] status: 'orphan' is not a status (abroad, ")


def test_a_mapping_must_say_what_identifies_a_row(tmp_path):
    assert refusal(tmp_path, MAPPING.replace('row_key = ["No."]', "")) == [
        "mapping mapping: [dataset] must say what identifies a row, so a second import finds it again: "
        "row_key = [columns], or key_by_row_number = true"
    ]


def test_a_date_format_without_a_year_is_refused(tmp_path):
    reasons = refusal(tmp_path, MAPPING.replace('format = "%d/%m/%Y"', 'format = "%d/%m"'))
    assert reasons == [
        "mapping mapping: [persons.child] birth_date format must be 'free text' or a strptime format with a year "
        "(%Y), e.g. %d.%m.%Y"
    ]


def test_invalid_toml_says_where(tmp_path):
    assert refusal(tmp_path, "[dataset\n")[0].startswith("mapping is not valid TOML: ")


def test_a_column_the_file_lacks_is_named_with_the_files_columns(tmp_path):
    with pytest.raises(MappingError) as refused:
        mapping(tmp_path).check_columns([c for c in ROW if c != "Born"])
    assert refused.value.reasons == [
        "the file has no column 'Born' (the mapping mapping reads it)",
        "its first row, read as the header, has 8 columns: is it the header?",
    ]


# ------------------------------------------------------------------------------------------ reading a row


def test_the_example_in_the_documentation_loads(tmp_path):
    text = (Path(__file__).parents[1] / "docs" / "import.md").read_text()
    example = text.split("```toml\n", 1)[1].split("```", 1)[0]
    assert [p.role for p in mapping(tmp_path, example).persons] == ["victim", "testifier"]


def test_a_strptime_date_is_read_to_the_day(tmp_path):
    assert str(read(tmp_path).persons["child"].birth_date) == "2012-04-03"


def test_a_fixed_status_holds_for_every_row(tmp_path):
    assert read(tmp_path).persons["child"].status == "state_orphanage"


def test_sex_words_are_understood_in_other_languages(tmp_path):
    assert read(tmp_path, Sex="Kadın").persons["child"].sex == "F"


def test_a_fixed_relation_makes_the_mother_parent_of_the_child(tmp_path):
    assert read(tmp_path).relations == [("mother", "parent", "child")]


def test_the_testifier_is_the_person_who_gave_the_testimony(tmp_path):
    assert read(tmp_path).testifier == "mother"


def test_consent_read_from_a_yes_or_no_column(tmp_path):
    assert read(tmp_path).source["may_be_named"] is True


def test_a_relative_the_row_does_not_name_is_left_out_with_their_relations(tmp_path):
    facts = read(tmp_path, Mother="", **{"Mother's ID": ""})
    assert (list(facts.persons), facts.relations, facts.events[0].roles) == (["child"], [], ["child"])


def test_an_event_without_its_date_in_the_row_is_left_out(tmp_path):
    assert read(tmp_path, **{"Last contact": ""}).events == []


def test_a_date_in_the_wrong_format_is_a_problem_of_its_row_and_column(tmp_path):
    assert read(tmp_path, Born="2012-04-03") == [Problem(7, "Born", "not a date (expected the format %d/%m/%Y)")]


def test_an_event_before_birth_is_a_problem(tmp_path):
    assert read(tmp_path, **{"Last contact": "2010"}) == [
        Problem(7, "Last contact", "the last contact is before the child was born")
    ]


def test_a_row_key_must_be_there(tmp_path):
    assert read(tmp_path, **{"No.": " "}) == [Problem(7, "No.", "the row key is empty")]


# ------------------------------------------------------------------------------------------ properties


@given(day=st.dates(datetime.date(1900, 1, 1), TODAY))
def test_any_date_in_a_day_format_reads_as_that_day(tmp_path_factory, day):
    facts = read(tmp_path_factory.mktemp("m"), Born=day.strftime("%d/%m/%Y"), **{"Last contact": ""})
    assert facts.persons["child"].birth_date.earliest == day == facts.persons["child"].birth_date.latest


@given(day=st.dates(datetime.date(1900, 1, 1), TODAY))
def test_a_month_format_reads_as_the_whole_month(tmp_path_factory, day):
    text = MAPPING.replace('format = "%d/%m/%Y"', 'format = "%m.%Y"')
    row = {**ROW, "Born": day.strftime("%m.%Y"), "Last contact": ""}
    facts = mapping(tmp_path_factory.mktemp("m"), text).read(7, row, TODAY)
    assert str(facts.persons["child"].birth_date) == day.strftime("%Y-%m")


@given(word=st.sampled_from(["in camp", "IN CAMP", "  In   Camp ", "In camp"]))
def test_status_words_are_matched_whatever_their_case_and_spacing(tmp_path_factory, word):
    text = MAPPING.replace('status = { value = "state_orphanage" }', 'status = "Status"')
    facts = mapping(tmp_path_factory.mktemp("m"), text).read(7, {**ROW, "Status": word}, TODAY)
    assert facts.persons["child"].status == "detained"
