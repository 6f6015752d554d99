"""The gazetteer built from the shared table: one place per Chinese name, under its current code, in every script."""

import pytest

from reunite.places import gazetteer
from reunite.places.gazetteer import level_of, rows

NOT_PLACES = {"市辖区", "市区", "自治区直辖县级行政区划"}


def place(name_zh):
    return next(p for p in gazetteer().places if p.name_zh == name_zh)


def test_every_row_of_the_table_is_found_by_its_code_under_its_chinese_name():
    g = gazetteer()
    table = [r for r in rows("xinjiang_places.tsv") if r["name_zh"] not in NOT_PLACES]
    assert all(g.by_code(r["code"]).name_zh == r["name_zh"] for r in table)


def test_rows_grouping_other_rows_are_not_places():
    assert not {p.name_zh for p in gazetteer().places} & NOT_PLACES


def test_one_place_per_chinese_name():
    names = [p.name_zh for p in gazetteer().places]
    assert len(names) == len(set(names))


def test_a_place_with_several_code_generations_is_shown_under_its_current_code():
    ghulja = place("伊宁市")
    assert (ghulja.code, sorted(ghulja.codes)) == ("654002", ["652401", "654002", "654101"])
    assert gazetteer().by_code("652401") is ghulja


@pytest.mark.parametrize(
    ("code", "level"), [("650000", "region"), ("653200", "prefecture"), ("653226", "county"), ("654002", "county")]
)
def test_the_level_comes_from_the_code(code, level):
    assert level_of(code) == level == gazetteer().by_code(code).level


def test_a_county_sits_in_its_prefecture_and_the_region():
    g = gazetteer()
    keriye = place("于田县")
    assert g.parent(keriye).name_zh == "和田地区"
    assert [p.name_zh for p in g.ancestors(keriye)] == ["和田地区", "新疆维吾尔自治区"]
    assert g.parent(place("新疆维吾尔自治区")) is None


def test_a_county_of_a_reorganised_prefecture_sits_in_the_current_one():
    assert gazetteer().parent(place("伊宁市")).code == "654000"


def test_an_unknown_county_code_gives_its_prefecture():
    assert gazetteer().by_code("653299").name_zh == "和田地区"


def test_every_informal_spelling_names_a_code_of_the_table():
    g = gazetteer()
    found = {r["code"]: g.by_code(r["code"]) for r in rows("informal_spellings.tsv")}
    orphans = [code for code, p in found.items() if p is None or code not in p.codes]
    assert orphans == []


def test_the_informal_spellings_reach_their_place():
    assert place("哈密市").spellings == ("Kumul", "Qumul", "Hami")
    assert place("伊宁市").spellings[0] == "Ghulja"


def test_uyghur_latin_and_cyrillic_are_derived_from_the_arabic_script():
    kashgar = place("喀什市")
    assert (kashgar.name_ug, kashgar.uly, kashgar.cyrillic) == ("قەشقەر شەھرى", "qeshqer shehri", "Қәшқәр шәһри")


def test_the_label_is_the_usual_spelling_with_the_chinese_name():
    assert place("伊宁市").label == "Ghulja (伊宁市)"
    assert place("和田县").label == "Hetian County (和田县)"


def test_names_hold_every_script_and_spelling():
    names = place("于田县").names
    assert {"于田县", "yutianxian", "Yutian County", "كېرىيە ناھىيىسى", "kériye nahiyisi", "Keriye"} <= set(names)


def test_the_table_placeholder_english_name_is_dropped():
    assert place("托克逊县").name_en == ""
