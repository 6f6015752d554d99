"""Registry persons as linkage records: what each record carries, from every source, in a few queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from stdnum.cn import ric

from reunite.cases.intake import NameEntry, PersonEntry, RelationEntry
from reunite.dates import parse
from reunite.registry.models import Dataset, Person, Place, Statement
from reunite.review.records import person_records
from tests.review.helpers import adil, list_row, tell


def _record(key: str):
    return person_records([Person.objects.get(known_identity=key).pk])[0]


def test_an_unnamed_child_carries_the_fathers_names_in_every_script(demo):
    assert "阿布力克木·买买提明" in _record("seed:kader:child4").father_names


def test_an_unnamed_child_carries_the_mothers_names(demo):
    assert _record("seed:kader:child4").mother_names == ("Mihriban Kader", "Mirzeban")


def test_a_persons_names_come_primary_first(demo):
    assert _record("seed:kader:ablikim").names[0] == "Ablikim Memtimin"


def test_the_childs_birth_range_is_the_canonical_text(demo):
    assert _record("seed:kader:child4").birth == "2008-03-20/2009-03-19"


def test_a_parent_of_unknown_sex_is_left_out(db):
    unknown_sex = PersonEntry(names=[NameEntry("Tursun Qadir")])
    _, child = tell(unknown_sex, adil(), relations=[RelationEntry(0, "parent", 1)])
    assert person_records([child.pk])[0].father_names == ()


def test_a_fathers_name_entry_counts_as_the_fathers_given_name(db):
    (person,) = tell(PersonEntry(names=[NameEntry("Adil"), NameEntry("Niyaz", "father")]))
    record = person_records([person.pk])[0]
    assert (record.names, record.father_names) == (("Adil",), ("Niyaz",))


def test_the_most_precise_birth_date_of_all_sources_is_used(db):
    (person,) = tell(adil(birth_date=parse("1979")))
    (other_source,) = tell(PersonEntry(names=[NameEntry("Someone")]))
    Statement.objects.create(person=person, source=other_source.source, birth_date=parse("1979-06"))
    assert person_records([person.pk])[0].birth == "1979-06"


def test_a_county_is_preferred_to_a_place_as_written(db):
    (person,) = tell(adil(birthplace="a village near the river"))
    (other,) = tell(PersonEntry(names=[NameEntry("Someone")]))
    Statement.objects.create(person=person, source=other.source, birthplace=Place.objects.named("Hotan"))
    assert "和田" in person_records([person.pk])[0].birthplace


def test_the_resident_id_number_is_given_normalised(db):
    body = "65320119790611013"
    number = body + ric.calc_check_digit(body + "0")
    (person,) = tell(adil(identity_numbers=[f"{number[:6]}-{number[6:]}"]))
    assert person_records([person.pk])[0].id_number == number


def test_a_list_row_is_labelled_with_its_dataset(db):
    dataset = Dataset.objects.create(name="Placements 2018")
    person = list_row(dataset, "17", "阿迪力·尼亚孜", sex="M")
    assert person_records([person.pk])[0].source == f"dataset:{dataset.pk}"


def test_a_testimony_is_labelled_as_such(db):
    (person,) = tell(adil())
    assert person_records([person.pk])[0].source == "testimony"


def test_building_records_costs_the_same_queries_for_one_person_or_thirty(db):
    father = PersonEntry(names=[NameEntry("Niyaz Tohti")], sex="M")
    children = [tell(adil(f"Adil {n}"), father, relations=[RelationEntry(1, "parent", 0)])[0] for n in range(30)]
    with CaptureQueriesContext(connection) as one:
        person_records([children[0].pk])
    with CaptureQueriesContext(connection) as thirty:
        person_records([child.pk for child in children])
    assert len(thirty) == len(one)
