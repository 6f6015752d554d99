"""Confirming, rejecting or being unsure of a candidate: each decision recorded with who and when."""

import datetime

import time_machine

from reunite.review.models import Identity, MatchCandidate, MatchDecision
from tests.review.helpers import candidate


def _decide(client, pair: MatchCandidate, decision: str, note: str = ""):
    return client.post(f"/review/{pair.pk}/decide/", {"decision": decision, "note": note}, follow=True)


@time_machine.travel(datetime.datetime(2021, 3, 19, 10, 30, tzinfo=datetime.UTC), tick=False)
def test_a_confirmation_is_recorded_with_who_and_when(pair, user, logged_in):
    _decide(logged_in, pair, "same")
    decision = MatchDecision.objects.get(candidate=pair)
    assert (decision.decision, decision.decided_by, decision.decided_at) == (
        "same",
        user,
        datetime.datetime(2021, 3, 19, 10, 30, tzinfo=datetime.UTC),
    )


def test_a_rejection_is_recorded_with_its_note(pair, logged_in):
    _decide(logged_in, pair, "different", "born in another county, says his sister")
    assert MatchDecision.objects.get(candidate=pair).note == "born in another county, says his sister"


def test_not_sure_keeps_the_pair_open_on_the_person_page(pair, logged_in):
    _decide(logged_in, pair, "unsure")
    page = logged_in.get(f"/persons/{pair.person_a_id}/").content.decode()
    assert f'href="/review/{pair.pk}/"' in page


def test_the_page_shows_the_current_decision_after_deciding(pair, logged_in):
    page = _decide(logged_in, pair, "different").content.decode()
    assert "Current decision: <strong>not the same</strong>, caseworker" in page


def test_a_confirmed_pair_is_the_same_person_on_each_persons_page(pair, logged_in):
    _decide(logged_in, pair, "same")
    page = logged_in.get(f"/persons/{pair.person_b_id}/").content.decode()
    assert f'<a href="/persons/{pair.person_a_id}/"><bdi>Adil Niyaz</bdi></a>' in page


def test_confirming_a_b_and_b_c_gives_one_identity_of_three(records, logged_in):
    _decide(logged_in, candidate(records[0], records[1]), "same")
    _decide(logged_in, candidate(records[1], records[2]), "same")
    assert [sorted(i.members.values_list("person_id", flat=True)) for i in Identity.objects.all()] == [
        sorted(p.pk for p in records)
    ]


def test_a_rejection_joins_nobody(pair, logged_in):
    _decide(logged_in, pair, "different")
    assert not Identity.objects.exists()


def test_changing_ones_mind_keeps_both_decisions(pair, logged_in):
    _decide(logged_in, pair, "same")
    _decide(logged_in, pair, "different")
    assert list(pair.decisions.values_list("decision", flat=True)) == ["same", "different"]


def test_a_later_rejection_splits_the_identity(pair, logged_in):
    _decide(logged_in, pair, "same")
    _decide(logged_in, pair, "different")
    assert not Identity.objects.exists()


def test_a_decision_without_a_choice_records_nothing(pair, logged_in):
    page = _decide(logged_in, pair, "").content.decode()
    assert "Nothing recorded" in page and not MatchDecision.objects.exists()


def test_deciding_needs_a_post(pair, logged_in):
    assert logged_in.get(f"/review/{pair.pk}/decide/").status_code == 405
