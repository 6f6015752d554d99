"""The invented list of children in state institutions: Chinese names, minors, reproducible."""

from reunite.synth.generate import load_tables
from reunite.synth.institutions import placed_children


def _is_chinese(text: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" or ch == "·" for ch in text)


def test_the_same_seed_gives_the_same_list():
    assert placed_children(200, seed=3) == placed_children(200, seed=3)


def test_another_seed_gives_another_list():
    assert placed_children(200, seed=3) != placed_children(200, seed=4)


def test_names_are_given_and_fathers_name_in_chinese_characters():
    assert all(_is_chinese(c.name) and c.name.count("·") == 1 for c in placed_children(500))


def test_every_child_was_a_minor_when_placed():
    assert all(0 <= (c.placed_on - c.born).days < 18 * 365 for c in placed_children(2000))


def test_birthplaces_are_places_of_xinjiang_written_in_chinese():
    chinese = {name for place in load_tables().places.items for name in place.chinese}
    assert {c.birthplace for c in placed_children(500)} <= chinese


def test_the_youngest_are_in_kindergartens_and_the_others_in_homes_or_schools():
    children = placed_children(500)
    assert all(c.institution.endswith("幼儿园") == ((c.placed_on - c.born).days // 365 < 6) for c in children)
