"""The resolver on the shared table, the spellings sources write, compound strings, countries and any text."""

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reunite.places import gazetteer, resolve
from reunite.places.gazetteer import rows
from reunite.places.resolve import MATCHED

# Rows of the table that name places of their own only as groups of other rows.
GROUPING = {"市辖区", "市区"}
# Rows of the table whose name, in one column, genuinely cannot name that place alone (code, column) → reason.
# None today: no two places share an English, pinyin or Uyghur name in the table.
CANNOT_RESOLVE: dict[tuple[str, str], str] = {}


def county_rows():
    """Every county-level row (code not ending in 00) × each of its names, as the table writes them."""
    for row in rows("xinjiang_places.tsv"):
        if row["code"].endswith("00") or row["name_zh"] in GROUPING:
            continue
        names = {
            "chinese": row["name_zh"],
            "pinyin": row["pinyin"],
            "pinyin joined": "".join(row["pinyin"].split()),
            "english": row["name_en"] if row["name_en"] != "XXX" else "",
            "uyghur": row["name_ug"],
        }
        for column, text in names.items():
            if not text:
                continue
            reason = CANNOT_RESOLVE.get((row["code"], column))
            marks = [pytest.mark.skip(reason=reason)] if reason else []
            yield pytest.param(text, row["name_zh"], id=f"{row['code']}-{column}", marks=marks)


@pytest.mark.parametrize(("text", "name_zh"), list(county_rows()))
def test_every_county_of_the_table_resolves_from_each_of_its_names(text, name_zh):
    best = resolve(text).best
    assert best is not None and best.place is not None
    assert best.place.name_zh == name_zh


def test_the_table_gives_hundreds_of_county_names():
    assert len(list(county_rows())) > 700


@pytest.mark.parametrize(
    ("text", "code"),
    [
        *[(t, "653101") for t in ("Kashgar", "Qeshqer", "Kashi")],
        *[(t, "654002") for t in ("Ghulja", "Kulja", "Gulja", "Yining", "Kulle")],
        *[(t, "653201") for t in ("Hotan", "Khotan", "Xoten")],
        *[(t, "652901") for t in ("Aksu", "Aqsu")],
        *[(t, "653222") for t in ("Karakax", "Qaraqash", "Moyu")],
        *[(t, "650100") for t in ("Ürümqi", "Urumchi")],
    ],
)
def test_informal_spellings_resolve(text, code):
    assert resolve(text).best.code == code


@pytest.mark.parametrize(
    ("text", "name_zh", "parent_zh"),
    [
        ("Ghulja (Yining)", "伊宁市", "伊犁哈萨克自治州"),
        ("Toksu (Xinhe), Aksu prefecture", "新和县", "阿克苏地区"),
        ("Keriye county, Hotan prefecture", "于田县", "和田地区"),
        ("新疆喀什地区疏附县", "疏附县", "喀什地区"),
    ],
)
def test_a_compound_string_resolves_to_the_county_within_its_prefecture(text, name_zh, parent_zh):
    best = resolve(text).best
    assert best.place.name_zh == name_zh
    assert gazetteer().parent(best.place).name_zh == parent_zh


def test_province_means_the_prefecture():
    assert resolve("Kashgar province").best.place.name_zh == "喀什地区"


@pytest.mark.parametrize(
    ("text", "name_zh"),
    [
        ("Kulja county", "伊宁县"),
        ("Kaşgar ili", "喀什地区"),
        ("Khotan county", "和田县"),
        ("Ili prefecture", "伊犁哈萨克自治州"),
    ],
)
def test_a_spelling_of_the_city_with_another_level_names_the_division_of_that_name(text, name_zh):
    assert resolve(text).best.place.name_zh == name_zh


def test_a_city_abroad_is_the_country_with_the_locality():
    best = resolve("Istanbul, Turkey").best
    assert (best.place, best.country.alpha_2, best.locality, best.code) == (None, "TR", "Istanbul", "TR")


def test_china_after_a_xinjiang_place_only_places_it():
    resolution = resolve("Kashgar, China")
    assert resolution.best.code == "653101"
    assert not resolution.ambiguous
    assert "CN" not in [c.code for c in resolution.candidates]


def test_a_city_of_china_outside_xinjiang_is_china_with_the_locality():
    best = resolve("Beijing, China").best
    assert (best.code, best.locality) == ("CN", "Beijing")


@pytest.mark.parametrize("text", ["Zzyzx", "Shanghai"])
def test_an_unknown_place_gives_no_match_but_the_closest_candidates(text):
    resolution = resolve(text)
    assert resolution.best is None
    assert resolution.candidates
    assert all(c.score < MATCHED for c in resolution.candidates)


def test_a_name_shared_by_the_city_the_county_and_the_prefecture_is_ambiguous():
    resolution = resolve("和田")  # Hotan: the city 和田市, the county 和田县 or the prefecture 和田地区
    assert resolution.ambiguous
    assert {c.place.name_zh for c in resolution.candidates[:3]} == {"和田市", "和田县", "和田地区"}
    assert resolution.best.place.name_zh == "和田市"  # of equal scores, the city


def test_a_spelling_of_one_place_is_not_ambiguous():
    assert not resolve("Kulja").ambiguous
    assert not resolve("Kumul").ambiguous


@pytest.mark.parametrize(("text", "code"), [("wu su shi", "654202"), ("Kona Sheher", "653121"), ("İli", "654000")])
def test_spaced_pinyin_and_turkish_capitals(text, code):
    assert resolve(text).best.code == code


def test_one_chinese_character_names_nothing():
    assert resolve("喀").best is None  # 克州 keeps both characters: no one-character name to collide with


@given(st.text(max_size=300))
@settings(deadline=None)
def test_resolve_never_raises(text):
    resolution = resolve(text)
    assert all(0 <= c.score <= 1 for c in resolution.candidates)
    assert resolution.best is None or resolution.best.score >= MATCHED


@given(st.text(alphabet=st.sampled_from(list("KashgrUljiy qeşçİ喀什县市区州地 ()，,;/-😀🇹🇷ئەقسۇ")), max_size=80))
@settings(deadline=None)
def test_resolve_never_raises_on_place_like_text(text):
    resolve(text)


@settings(deadline=None, max_examples=20)
@given(st.text(min_size=1, max_size=40).map(lambda s: (s * 10_000)[:10_000]))
def test_a_very_long_text_is_cut_and_never_raises(text):
    resolve(text)


@pytest.mark.parametrize("text", ["😀" * 10_000, "ab, " * 2_500, "Kashgar " * 1_250, "喀什" * 5_000])
def test_a_very_long_text_resolves_quickly(text):
    started = time.perf_counter()
    resolve(text)
    assert time.perf_counter() - started < 2.0
