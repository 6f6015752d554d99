from itertools import combinations

import pytest

from reunite.names import POSSIBLY_SAME, Frequencies, compare, parse_name

# The forms the brief and the seed article give, and their transliterations in every script.
SAME_PERSON = {
    "Ablikim Memtimin": [
        "Ablikim Memtimin",
        "Ablikom Memtimin",
        "Ablikim Memtinin",
        "ئابلىكىم مەمتىمىن",
        "Абликим Мәмтимин",
        "阿布力克木·买买提明",
        "Maimaitiming Abulikemu",
    ],
    "Mihriban Kader": [
        "Mihriban Kader",
        "Mirzeban Kader",
        "Méhriban Qadir",
        "مىھرىبان قادىر",
        "Миһрибан Қадир",
        "米合日班·卡德尔",
    ],
    "Omer Faruh": ["Omer Faruh", "Ömer Faruh", "ئۆمەر فارۇخ", "Өмәр Фарух", "吾买尔·法如赫"],
}
PAIRS = [(a, b) for forms in SAME_PERSON.values() for a, b in combinations(forms, 2)]


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_every_form_of_one_person_matches_every_other(a, b):
    assert compare(a, b).score > POSSIBLY_SAME


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ablikim Memtimin", "Ablikim Tursun"),
        ("Ablikim Memtimin", "Tursun Memtimin"),
        ("Mihriban Kader", "Gulnar Kader"),
        ("Omer Faruh", "Omer Tohti"),
        ("阿布力克木·买买提明", "阿布力克木·吐尔逊"),
        ("ئابلىكىم مەمتىمىن", "Ablikim Tursun"),
    ],
)
def test_different_people_sharing_one_part_do_not_match(a, b):
    assert compare(a, b).score < POSSIBLY_SAME


def test_a_swapped_order_costs_a_little_not_everything():
    assert compare("Memtimin Ablikim", "Ablikim Memtimin").score == pytest.approx(0.95)


def test_turkish_and_english_spellings_of_one_name_are_the_same_key():
    assert compare("Mehmet Tursun", "Memet Tursun").score == 1.0


def test_the_turkish_abdul_is_the_uyghur_abdu():
    assert parse_name("Abdülkadir").given.key == parse_name("阿不都卡德尔").given.key


def test_an_affectionate_ending_may_be_left_off():
    assert compare("Ablikimjan Memtimin", "Ablikim Memtimin").score > 0.95


def test_a_chinese_name_written_without_its_dot_still_matches():
    assert compare("阿布力克木买买提明", "Ablikim Memtimin").score > 0.8


def test_a_single_given_name_is_weaker_evidence_than_a_full_name():
    assert compare("Ablikom", "Ablikim Memtimin").score < compare("Ablikom Memtimin", "Ablikim Memtimin").score


def test_a_rare_shared_part_counts_more_than_a_common_one():
    population = [parse_name(n) for n in ["Memet Tursun"] * 50 + ["Ablikim Memet", "Nurmemet Ablikim", "Tursun Hoshur"]]
    frequencies = Frequencies.of(population)
    common = compare("Memet Ablikim", "Memet Hoshur", frequencies).score
    rare = compare("Memet Ablikim", "Tursun Ablikim", frequencies).score
    assert rare > common


def test_the_explanation_aligns_the_parts_across_scripts():
    explanation = compare("Ablikim Memtimin", "阿布力克木·买买提明").explain()
    assert "Ablikim (ablikim, ablikim) ~ 阿布力克木 (ablikm, ablikm)" in explanation


def test_an_empty_name_compares_as_nothing_in_common():
    assert (compare("", "Ablikim").score, compare("", "Ablikim").explain()) == (0.0, "no name parts to compare")
