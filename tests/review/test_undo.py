"""Undoing a decision: recorded, never deleted; the state before it comes back; no source record ever changes."""

from reunite.review.models import Identity, MatchCandidate, MatchDecision
from tests.review.helpers import candidate, registry_snapshot


def _decide(client, pair: MatchCandidate, decision: str) -> MatchDecision:
    client.post(f"/review/{pair.pk}/decide/", {"decision": decision})
    return pair.decisions.latest("id")


def _undo(client, decision: MatchDecision):
    return client.post(f"/review/{decision.candidate_id}/undo/{decision.pk}/", follow=True)


def _identities() -> list[list[int]]:
    return sorted(sorted(i.members.values_list("person_id", flat=True)) for i in Identity.objects.all())


def test_an_undo_is_recorded_with_who_and_when(pair, user, logged_in):
    decision = _decide(logged_in, pair, "same")
    _undo(logged_in, decision)
    decision.refresh_from_db()
    assert decision.undone_by == user and decision.undone_at >= decision.decided_at


def test_an_undone_confirmation_returns_the_pair_to_the_queue(pair, logged_in):
    _undo(logged_in, _decide(logged_in, pair, "same"))
    assert f'href="/review/{pair.pk}/"' in logged_in.get("/review/").content.decode()


def test_undoing_brings_back_the_decision_before(pair, logged_in):
    _decide(logged_in, pair, "same")
    page = _undo(logged_in, _decide(logged_in, pair, "different")).content.decode()
    assert "Current decision: <strong>same person</strong>" in page


def test_the_undone_decision_stays_in_the_history(pair, logged_in):
    page = _undo(logged_in, _decide(logged_in, pair, "different")).content.decode()
    assert '<tr class="undone"><td>not the same</td><td>caseworker</td>' in page


def test_undoing_a_confirmation_splits_the_identity(records, logged_in):
    _decide(logged_in, candidate(records[0], records[1]), "same")
    _undo(logged_in, _decide(logged_in, candidate(records[1], records[2]), "same"))
    assert _identities() == [sorted([records[0].pk, records[1].pk])]


def test_undoing_the_middle_link_leaves_three_separate_records(records, logged_in):
    middle = _decide(logged_in, candidate(records[0], records[1]), "same")
    _decide(logged_in, candidate(records[1], records[2]), "same")
    _undo(logged_in, middle)
    assert _identities() == [sorted([records[1].pk, records[2].pk])]


def test_a_decision_no_longer_current_cannot_be_undone(pair, logged_in):
    first = _decide(logged_in, pair, "same")
    _decide(logged_in, pair, "different")
    page = _undo(logged_in, first).content.decode()
    assert "Only the current decision can be undone" in page


def test_nothing_in_any_source_changes_when_identities_are_merged_and_split(records, logged_in):
    before = registry_snapshot()
    first = _decide(logged_in, candidate(records[0], records[1]), "same")
    _decide(logged_in, candidate(records[1], records[2]), "same")
    _undo(logged_in, first)
    _decide(logged_in, candidate(records[0], records[2]), "different")
    assert registry_snapshot() == before
