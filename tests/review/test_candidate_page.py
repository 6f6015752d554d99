"""The candidate page: the two records side by side, what each field added to the score, and the decision."""

import re

import pytest
from stdnum.cn import ric

from reunite.cases.intake import NameEntry, PersonEntry, RelationEntry
from reunite.review.decisions import decide
from tests.review.helpers import adil, candidate, tell

# Invented: Hotan city's area code, a man born 1979-06-11.
BODY = "65320119790611013"
ADIL_ID = BODY + ric.calc_check_digit(BODY + "0")


@pytest.fixture
def pair(db):
    father = PersonEntry(names=[NameEntry("Niyaz Tohti")], sex="M")
    latin, _ = tell(adil(identity_numbers=[ADIL_ID]), father, relations=[RelationEntry(1, "parent", 0)])
    (chinese,) = tell(adil("阿迪力·尼亚孜", birthplace="和田市"))
    return candidate(latin, chinese, 0.973)


def _page(client, pair) -> str:
    return client.get(f"/review/{pair.pk}/").content.decode()


def test_both_records_are_shown_with_their_names_by_script(pair, logged_in):
    page = _page(logged_in, pair)
    assert "Adil Niyaz" in page and "阿迪力·尼亚孜" in page and "Chinese characters:" in page


def test_each_field_shows_its_level_and_signed_weight(pair, logged_in):
    page = _page(logged_in, pair)
    assert re.search(r"Birth date</td><td>same exact date</td><td[^>]*>\+7\.90<", page)


def test_a_field_that_pulls_the_score_down_is_marked_so(pair, logged_in):
    assert 'class="weight down">-3.40<' in _page(logged_in, pair)


def test_the_bars_are_css_classes_not_inline_styles(pair, logged_in):
    page = _page(logged_in, pair)
    assert 'class="bar up w8"' in page and "style=" not in page and "<script" not in page


def test_the_total_match_weight_and_probability_are_shown(pair, logged_in):
    page = _page(logged_in, pair)
    assert "<strong>3.70</strong>" in page and "<strong>97.3 %</strong>" in page


def test_identity_numbers_are_shown_as_on_the_person_page(pair, logged_in):
    assert "born 1979-06-11" in _page(logged_in, pair)


def test_the_parents_are_listed(pair, logged_in):
    assert "Niyaz Tohti" in _page(logged_in, pair)


def test_the_sources_are_listed(pair, logged_in):
    assert _page(logged_in, pair).count("Testimony #") >= 2


def test_the_three_decisions_are_offered_as_buttons(pair, logged_in):
    page = _page(logged_in, pair)
    assert all(f'name="decision" value="{value}"' in page for value in ("same", "different", "unsure"))


def test_the_history_shows_who_decided(pair, user, logged_in):
    decide(pair, "unsure", user, "the father's name differs in one source")
    page = _page(logged_in, pair)
    assert "caseworker" in page and "the father&#x27;s name differs in one source" in page


def test_an_undecided_pair_says_so(pair, logged_in):
    assert "Not decided yet." in _page(logged_in, pair)


def test_an_unknown_candidate_is_not_found(logged_in):
    assert logged_in.get("/review/999999/").status_code == 404


def test_the_weight_before_any_field_makes_the_fields_add_up_to_the_total(pair, logged_in):
    assert 'class="weight down">-13.00<' in _page(logged_in, pair)
