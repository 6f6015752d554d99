from stdnum.cn import ric

from reunite.linkage.features import COLUMNS, features, features_of
from reunite.linkage.records import PersonRecord


def number(body: str, right: bool = True) -> str:
    digit = ric.calc_check_digit(body + "0")
    return body + (digit if right else ("1" if digit != "1" else "2"))


def record(**fields) -> PersonRecord:
    return PersonRecord(**{"record_id": "r", "source": "s", **fields})


def test_one_name_in_four_scripts_gives_the_same_keys():
    forms = ["Gülbostan Kadir", "Gulbostan Qadir", "古丽波斯坦·卡德尔", "گۈلبوستان قادىر"]
    rows = [features_of(record(names=(form,))) for form in forms]
    assert {r["given_key"] for r in rows} == {"kulbustan"}
    assert {r["father_key"] for r in rows} == {"kadir"}
    assert {r["given_coarse"] for r in rows} == {rows[0]["given_coarse"]}


def test_family_names_come_from_the_parents_or_from_the_own_fathers_name_part():
    with_parents = features_of(
        record(names=("Gülbostan Kadir",), father_names=("Kadir Seyfettin",), mother_names=("Zehra Fahrettin",))
    )
    assert with_parents["family_father_key"] == "kadir"
    assert with_parents["family_mother_key"] == "zara"
    alone = features_of(record(names=("卡德尔·赛福鼎",)))
    assert alone["family_father_key"] == alone["father_key"]
    assert alone["family_mother_key"] is None


def test_birth_columns_follow_the_precision():
    exact = features_of(record(birth="2005-07-22"))
    assert (exact["birth_year"], exact["birth_year_from"], exact["birth_date"]) == (2005, 2005, "2005-07-22")
    year = features_of(record(birth="1979"))
    assert (year["birth_year"], year["birth_year_to"], year["birth_date"]) == (1979, 1979, None)
    span = features_of(record(birth="2007/2009"))
    assert (span["birth_year"], span["birth_year_from"], span["birth_year_to"]) == (2008, 2007, 2009)


def test_birthplace_codes_from_text_in_any_script():
    for text in ("Kargılık", "叶城县", "Qaghiliq"):
        row = features_of(record(birthplace=text))
        assert (row["birthplace_county"], row["birthplace_prefecture"]) == ("653126", "653100"), text
    prefecture = features_of(record(birthplace="Aksu prefecture"))
    assert (prefecture["birthplace_county"], prefecture["birthplace_prefecture"]) == (None, "652900")


def test_a_valid_id_fills_birth_and_sex_and_its_place_wins():
    row = features_of(record(birthplace="Korla", id_number=number("65312620050722002")))
    assert row["id_number"] == number("65312620050722002")
    assert (row["birth_date"], row["sex"]) == ("2005-07-22", "F")
    assert (row["birthplace_county"], row["birthplace_prefecture"]) == ("653126", "653100")


def test_a_wrong_check_digit_still_gives_birth_and_sex_but_the_written_place_wins():
    bad = number("65312620050722003", right=False)
    row = features_of(record(birthplace="Korla", id_number=bad))
    assert row["id_number"] == bad
    assert (row["birth_date"], row["sex"]) == ("2005-07-22", "M")
    assert row["birthplace_county"] == "652801"
    alone = features_of(record(id_number=bad))
    assert alone["birthplace_county"] == "653126"


def test_an_empty_record_gives_a_row_of_nothing():
    row = features_of(record(names=("", "—"), birth="not a date"))
    assert set(row) == set(COLUMNS)
    assert {k for k, v in row.items() if v is not None} == {"unique_id", "source"}


def test_features_keep_the_order_of_the_records():
    rows = features([record(record_id="a"), record(record_id="b")])
    assert [r["unique_id"] for r in rows] == ["a", "b"]
