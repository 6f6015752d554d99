"""Chinese resident ID numbers, read as written. Every number here is invented: area code of Hotan city, an
invented birth date and sequence, and the check digit computed."""

import datetime

from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import ric

from reunite.ids import describe, parse_resident_id

TODAY = datetime.date(2025, 6, 1)


def number(body: str) -> str:
    """`body` (17 digits) with its right check digit."""
    return body + ric.calc_check_digit(body + "0")


def wrong_check(body: str) -> str:
    right = ric.calc_check_digit(body + "0")
    return body + ("7" if right != "7" else "3")


WOMAN = number("65320119850203002")  # born 1985-02-03, sequence 002: even, a woman
MAN = number("65320119790611013")  # born 1979-06-11, sequence 013: odd, a man
WITH_X = next(n for n in (number(f"653201199001010{i:02d}") for i in range(100)) if n.endswith("X"))


def parse(text: str):
    return parse_resident_id(text, TODAY)


def test_a_valid_number_is_valid():
    assert parse(WOMAN).valid


def test_a_valid_number_gives_its_birth_date():
    assert parse(WOMAN).birth_date == datetime.date(1985, 2, 3)


def test_an_even_sequence_is_a_woman():
    assert parse(WOMAN).sex == "F"


def test_an_odd_sequence_is_a_man():
    assert parse(MAN).sex == "M"


def test_the_birthplace_code_is_the_first_six_digits():
    assert parse(MAN).birthplace_code == "653201"


def test_a_lower_case_x_is_accepted():
    assert parse(WITH_X.lower()).number == WITH_X


def test_spaces_and_hyphens_are_ignored():
    assert parse(f" {WOMAN[:6]} {WOMAN[6:14]}-{WOMAN[14:]} ").number == WOMAN


def test_full_width_digits_are_read():
    assert parse(WOMAN.translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"})).number == WOMAN


def test_the_text_is_kept_as_given():
    assert parse(WITH_X.lower()).text == WITH_X.lower()


def test_a_15_digit_number_is_converted_to_18_digits():
    assert parse("653201850203002").number == WOMAN


def test_a_15_digit_number_says_it_was_converted():
    assert parse("653201850203002").converted_from_15


def test_a_15_digit_number_has_no_check_digit_to_check():
    assert parse("653201850203002").checksum_ok is None


def test_a_bad_check_digit_is_not_valid():
    assert not parse(wrong_check("65320119850203002")).valid


def test_a_bad_check_digit_keeps_the_number():
    assert parse(wrong_check("65320119850203002")).number == wrong_check("65320119850203002")


def test_a_bad_check_digit_is_flagged():
    assert parse(wrong_check("65320119850203002")).checksum_ok is False


def test_a_bad_check_digit_still_gives_birth_date_sex_and_birthplace():
    rid = parse(wrong_check("65320119850203002"))
    assert (rid.birth_date, rid.sex, rid.birthplace_code) == (datetime.date(1985, 2, 3), "F", "653201")


def test_a_bad_check_digit_says_what_it_should_be():
    body = "65320119850203002"
    expected = f"check digit is {wrong_check(body)[-1]} but should be {WOMAN[-1]} — kept as evidence, flagged"
    assert parse(wrong_check(body)).problems == (expected,)


def test_a_bad_check_digit_is_not_malformed():
    assert not parse(wrong_check("65320119850203002")).malformed


def test_a_wrong_length_is_explained():
    assert parse(WOMAN[:17]).problems == ("has 17 characters; a resident ID has 18 (or 15 in the old form)",)


def test_a_wrong_length_gives_no_number():
    assert parse(WOMAN[:17]).number == ""


def test_letters_are_explained():
    assert parse("A" + WOMAN[1:]).problems == ("contains letters other than a final X",)


def test_other_characters_are_explained():
    assert "contains characters other than the digits 0-9 and a final X" in parse(WOMAN[:9] + "/" + WOMAN[10:]).problems


def test_an_impossible_date_is_explained():
    assert parse(number("65320119850230002")).problems == ("birth date 1985-02-30 does not exist",)


def test_an_impossible_date_is_malformed():
    assert parse(number("65320119850230002")).malformed


def test_a_future_birth_date_is_explained():
    assert parse(number("65320120300101002")).problems == ("birth date is in the future",)


def test_an_unknown_area_code_is_flagged():
    assert parse(number("99999919850203002")).problems == ("birthplace code 999999 is not a known area code",)


def test_a_county_created_after_the_birth_is_not_a_problem():
    assert parse(number("65320119750203002")).valid  # Hotan city's code dates from 1983


def test_an_empty_text_is_explained():
    assert parse("").problems == ("is empty",)


def test_describe_gives_json_values():
    assert describe(parse(WOMAN))["birth_date"] == "1985-02-03"


@given(st.text())
def test_any_text_is_read_without_raising(text):
    assert isinstance(parse_resident_id(text).problems, tuple)


@given(st.text(alphabet="0123456789Xx -", max_size=25))
def test_any_number_like_text_is_valid_or_says_why(text):
    rid = parse_resident_id(text)
    assert rid.valid != bool(rid.problems)
