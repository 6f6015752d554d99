"""People's decisions on candidates, and the identities the "same person" decisions form.

A decision is added, never edited or deleted; undoing one records who undid it and when, and the decision
before it (if any) becomes current again. After every decision and undo, in the same transaction, the
candidate's status follows its current decision and the identities of its two persons are recomputed: an
identity is a connected component of current "same person" decisions. No registry row is touched.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from reunite.audit.models import Action
from reunite.audit.record import record, summarised
from reunite.registry.models import Person
from reunite.review.models import Identity, IdentityMember, MatchCandidate, MatchDecision


class NotCurrent(Exception):
    """Only a candidate's current decision can be undone."""


def current_decision(candidate: MatchCandidate) -> MatchDecision | None:
    return candidate.decisions.filter(undone_at__isnull=True).order_by("-decided_at", "-id").first()


@transaction.atomic
def decide(candidate: MatchCandidate, decision: str, user: AbstractBaseUser, note: str = "") -> MatchDecision:
    candidate = MatchCandidate.objects.select_for_update().get(pk=candidate.pk)
    with summarised():
        made = MatchDecision.objects.create(candidate=candidate, decision=decision, decided_by=user, note=note.strip())
        _settle(candidate)
    _record(Action.DECIDED, made, candidate, user)
    return made


@transaction.atomic
def undo(decision: MatchDecision, user: AbstractBaseUser) -> None:
    """Undo a candidate's current decision; raises `NotCurrent` for any other (already undone, or superseded)."""
    candidate = MatchCandidate.objects.select_for_update().get(pk=decision.candidate_id)
    if current_decision(candidate) != decision:
        raise NotCurrent(f"decision {decision.pk} is not the current decision of candidate {candidate.pk}")
    decision.undone_by, decision.undone_at = user, timezone.now()
    with summarised():
        decision.save(update_fields=["undone_by", "undone_at"])
        _settle(candidate)
    _record(Action.UNDONE, decision, candidate, user)


def _settle(candidate: MatchCandidate) -> None:
    current = current_decision(candidate)
    candidate.status = current.decision if current else MatchCandidate.Status.PENDING
    candidate.save(update_fields=["status"])
    regroup([candidate.person_a_id, candidate.person_b_id])


def _record(action: str, decision: MatchDecision, candidate: MatchCandidate, user: AbstractBaseUser) -> None:
    """One audit entry for a decision or its undoing, with the candidate's status after it; not the note, which may
    name someone."""
    detail = {
        "decision": decision.pk,
        "verdict": decision.decision,
        "status": candidate.status,
        "persons": [candidate.person_a_id, candidate.person_b_id],
    }
    record(action, candidate, user=user, detail=detail)


def regroup(person_ids: Iterable[int]) -> None:
    """Recompute the identities of these persons and of everyone now joined to them.

    Identities are the components of current "same person" decisions, so whatever one decision changes stays
    within the identities its persons had: those are dissolved and their persons grouped again.
    """
    persons = _lock_with_identities(set(person_ids))
    same = MatchCandidate.objects.filter(status=MatchCandidate.Status.SAME, person_a_id__in=persons)
    components = _components(persons, same.values_list("person_a_id", "person_b_id"))
    Identity.objects.filter(members__person_id__in=persons).delete()
    for component in components:
        if len(component) > 1:
            identity = Identity.objects.create()
            IdentityMember.objects.bulk_create(IdentityMember(identity=identity, person_id=pk) for pk in component)


def _lock_with_identities(person_ids: set[int]) -> set[int]:
    """These persons and the members of their identities, each row locked (in id order, against deadlocks) so
    two decisions touching one identity regroup it one after the other."""
    locked: set[int] = set()
    wanted = set(person_ids)
    while wanted - locked:
        newly = sorted(wanted - locked)
        list(Person.objects.select_for_update().filter(pk__in=newly).order_by("pk").values_list("pk"))
        locked |= set(newly)
        identities = IdentityMember.objects.filter(person_id__in=locked).values("identity_id")
        members = IdentityMember.objects.filter(identity_id__in=identities).values_list("person_id", flat=True)
        wanted = locked | set(members)
    return locked


def _components(persons: set[int], edges: Iterable[tuple[int, int]]) -> list[set[int]]:
    """Connected components (union-find over the edges within `persons`)."""
    parent = {pk: pk for pk in persons}

    def root(pk: int) -> int:
        while parent[pk] != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    for a, b in edges:
        if a in parent and b in parent:
            parent[root(a)] = root(b)
    groups: dict[int, set[int]] = {}
    for pk in persons:
        groups.setdefault(root(pk), set()).add(pk)
    return list(groups.values())
