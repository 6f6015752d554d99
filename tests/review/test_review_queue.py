"""The review queue: candidates most probable first, decided ones under their decision."""

import pytest

from reunite.review.decisions import decide
from tests.review.helpers import adil, candidate, tell


@pytest.fixture
def three_pairs(db):
    adils = [tell(adil(f"Adil Niyaz {n}"))[0] for n in range(4)]
    return [candidate(adils[0], adils[n], probability) for n, probability in [(1, 0.61), (2, 0.98), (3, 0.8)]]


def test_pending_candidates_come_most_probable_first(three_pairs, logged_in):
    page = logged_in.get("/review/").content.decode()
    assert page.index("98.0 %") < page.index("80.0 %") < page.index("61.0 %")


def test_each_candidate_shows_both_persons_primary_names(three_pairs, logged_in):
    page = logged_in.get("/review/").content.decode()
    assert "Adil Niyaz 0" in page and "Adil Niyaz 2" in page


def test_a_decided_pair_leaves_the_pending_list(three_pairs, user, logged_in):
    decide(three_pairs[1], "same", user)
    assert "98.0 %" not in logged_in.get("/review/").content.decode()


@pytest.mark.parametrize("decision", ["same", "different", "unsure"])
def test_a_decided_pair_is_listed_under_its_decision(three_pairs, user, logged_in, decision):
    decide(three_pairs[1], decision, user)
    assert "98.0 %" in logged_in.get(f"/review/?status={decision}").content.decode()


def test_the_queue_counts_candidates_by_decision(three_pairs, user, logged_in):
    decide(three_pairs[0], "different", user)
    page = logged_in.get("/review/").content.decode()
    assert "<strong>2</strong>Pending" in page and "<strong>1</strong>Not the same" in page


def test_an_unknown_filter_shows_the_pending_candidates(three_pairs, logged_in):
    assert "98.0 %" in logged_in.get("/review/?status=everything").content.decode()


def test_the_queue_is_paginated(logged_in):
    first = tell(adil())[0]
    for n in range(51):
        candidate(first, tell(adil(f"Adil {n}"))[0], 0.5 + n / 1000)
    assert "50.0 %" in logged_in.get("/review/?page=2").content.decode()


def test_an_empty_queue_says_where_candidates_come_from(logged_in):
    assert "reunite link run" in logged_in.get("/review/").content.decode()


def test_every_page_links_to_the_review_queue(logged_in):
    assert 'href="/review/"' in logged_in.get("/").content.decode()
