"""Consent withdrawn: a source's words and the facts only it states are removed on request, the removal audited;
nothing any other source says is lost.

    withdrawal = withdraw_consent(source, user, Withdrawal.How.EMAIL)   # one transaction, one audit entry
    removal(source)                                                      # the same counts, nothing written

The rules, for the source withdrawn (and, for an imported list row, every version of its row: the versions are one
row of one list, corrected, so one witness's words):
- **The source stays, emptied**: its testimony text, raw row, who took it (`recorded_by`, who may identify the
  witness) and its testifier are cleared, every consent is withdrawn and it becomes confidential. A list row's
  key (which may be an ID number) becomes a keyed digest of it (`withdrawn_row_keys`), which an import of the same
  list computes to skip the row (`transfer.writing`), as a restore of an older export does (`transfer.restore`).
  Its kind, dataset, version, date given and language stay.
  `Withdrawal` (one per source) is the one record that it was withdrawn: when, by whom, how the request came, and
  counts of what went.
- **Its facts go**: every name, ID number, statement, relationship and event whose source it is (a fact row has
  one source, so every row pointing to it is "only it supports"); an event's participants go with it. Facts other
  sources state, about the same persons or anyone, are untouched.
- **Persons it introduced**: one of whom no other source says anything (no name, ID number, statement,
  relationship, event, testimony given, case as seeker or sought, application) is removed, with their match
  candidates and decisions (a decision is otherwise never deleted, but it is about a person who no longer exists)
  and their identity membership; the identities they were in are grouped again. A person other sources still speak
  of stays, their description (written from this source) emptied; the person still points to the emptied source
  that introduced them, which, confidential, shows them only to the roles that read confidential sources.
- **Cases it opened**: a case is the family's request. When its seeker is removed the case goes whole (sought
  persons, status history, applications). When the seeker stays (another source speaks of them), the case is
  closed with the reason "consent withdrawn", its free text emptied (status reasons, application obstacles and
  notes) and its removed persons taken off it. Applications this source stated in other cases lose their free text
  too.
- **Admin history**: Django's admin keeps each change's object as text (a person's name): the entries of removed
  persons and names are deleted with them.
- **The audit log** gets one "redacted" entry on the source: counts, how the request came, never a name or a word.

A source already withdrawn is refused (`AlreadyWithdrawn`): withdrawing twice changes nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Q
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from reunite.audit.models import Action
from reunite.audit.record import record, summarised
from reunite.cases.models import Application, ApplicationUpdate, Case, CaseStatusChange, SoughtPerson
from reunite.registry.models import (
    Event,
    EventPerson,
    IdentityNumber,
    Person,
    PersonName,
    Place,
    Relationship,
    Source,
    Statement,
    Withdrawal,
)
from reunite.review.decisions import regroup
from reunite.review.models import IdentityMember, MatchCandidate, MatchDecision

# The status reason of a case closed by a withdrawal (no free text: the reason is the rule's).
CLOSED_REASON = "consent withdrawn"
# The fact tables a source's rows are deleted from, by the name their count goes under.
FACTS: dict[str, type[models.Model]] = {
    "names": PersonName,
    "identity_numbers": IdentityNumber,
    "statements": Statement,
    "relationships": Relationship,
    "events": Event,
}
# The facts whose `person` is the one they speak of.
_PERSON_FACTS = (PersonName, IdentityNumber, Statement, Relationship)
# What each count says, for the confirmation page and the command.
COUNT_LABELS = {
    "names": _("names"),
    "identity_numbers": _("ID numbers"),
    "statements": _("statements (sex, birth, status)"),
    "relationships": _("relationships"),
    "events": _("events"),
    "persons_removed": _("persons removed (no other source speaks of them)"),
    "persons_kept": _("persons kept, their description emptied (other sources speak of them)"),
    "cases_deleted": _("cases deleted (their seeker is removed)"),
    "cases_closed": _("cases closed as consent withdrawn"),
    "match_candidates": _("match candidates"),
    "match_decisions": _("match decisions"),
    "places": _("places as written that nothing else names"),
}


class AlreadyWithdrawn(Exception):
    """The source was withdrawn before: nothing is left to remove."""


@dataclass(frozen=True)
class _Scope:
    """What a withdrawal of these sources touches, by id."""

    sources: list[int]
    removed: set[int]  # persons they introduced whom no other source speaks of
    kept: set[int]  # persons they introduced whom another source still speaks of
    cases_deleted: set[int]  # cases they opened whose seeker is removed
    cases_closed: set[int]  # cases they opened whose seeker stays
    places: dict[int, int]  # places as written that only they name → the first of them naming it


WITHDRAWN_KEY_PREFIX = "withdrawn:"
_ROW_KEY_SALT = "reunite.registry.withdrawal.row_key"


def removal(source: Source) -> dict[str, int]:
    """What withdrawing `source` would remove or empty, as counts; nothing is written."""
    return _total(_counts(_scope(source)))


def withdraw_consent(source: Source, user: AbstractBaseUser | None, how: str) -> Withdrawal:
    """Withdraw the source (and the other versions of its list row), in one transaction with one audit entry;
    returns the source's `Withdrawal`. Raises `AlreadyWithdrawn`, and ValueError for an unknown `how`."""
    if how not in Withdrawal.How.values:
        raise ValueError(f"unknown way of asking {how!r}: one of {', '.join(Withdrawal.How.values)}")
    with transaction.atomic():
        # Locked: two withdrawals of one source run one after the other, and the second is refused.
        source = Source.objects.select_for_update().get(pk=source.pk)
        if source.withdrawn:
            raise AlreadyWithdrawn(f"source {source.pk} was withdrawn on {source.withdrawal.at:%Y-%m-%d}")
        scope = _scope(source)
        counts = _counts(scope)
        with summarised():
            _remove(scope, user)
            withdrawals = {
                pk: Withdrawal.objects.create(source_id=pk, by=user, how=how, removed=counts[pk])
                for pk in scope.sources
            }
        detail = {"how": how, "sources": scope.sources, **_total(counts)}
        record(Action.REDACTED, source, user=user, detail=detail)
    return withdrawals[source.pk]


# ------------------------------------------------------------------------------------------ what is touched


def _scope(source: Source) -> _Scope:
    sources = _versions(source)
    introduced = set(Person.objects.filter(source_id__in=sources).values_list("pk", flat=True))
    kept = _spoken_of_elsewhere(sources, introduced)
    removed = introduced - kept
    opened = Case.objects.filter(source_id__in=sources).values_list("pk", "seeker_id")
    return _Scope(
        sources=sources,
        removed=removed,
        kept=kept,
        cases_deleted={case for case, seeker in opened if seeker in removed},
        cases_closed={case for case, seeker in opened if seeker not in removed},
        places=_places_only_named_by(sources),
    )


def _versions(source: Source) -> list[int]:
    """The source, and for a list row every version of its row not withdrawn before."""
    if source.dataset_id is None:
        return [source.pk]
    versions = Source.objects.filter(dataset_id=source.dataset_id, row_key=source.row_key, withdrawal__isnull=True)
    return sorted({source.pk, *versions.values_list("pk", flat=True)})


def _spoken_of_elsewhere(sources: list[int], persons: set[int]) -> set[int]:
    """Those of these persons some source other than `sources` says anything of."""
    if not persons:
        return set()
    other = ~Q(source_id__in=sources)
    said = [  # (rows, the column naming the person)
        *((model.objects.filter(other, person_id__in=persons), "person_id") for model in _PERSON_FACTS),
        (Relationship.objects.filter(other, relative_id__in=persons), "relative_id"),
        (EventPerson.objects.filter(person_id__in=persons).exclude(event__source_id__in=sources), "person_id"),
        (Source.objects.filter(testifier_id__in=persons).exclude(pk__in=sources), "testifier_id"),
        (Case.objects.filter(seeker_id__in=persons).exclude(source_id__in=sources), "seeker_id"),
        (SoughtPerson.objects.filter(person_id__in=persons).exclude(case__source_id__in=sources), "person_id"),
        (
            Application.applicants.through.objects.filter(person_id__in=persons).exclude(
                application__case__source_id__in=sources
            ),
            "person_id",
        ),
    ]
    return {pk for rows, column in said for pk in rows.values_list(column, flat=True)}


def _places_only_named_by(sources: list[int]) -> dict[int, int]:
    """The places as written (a village, a street: a source's own words) that only these sources' statements and
    events name, each with the first source naming it; a gazetteer division or a country is no one's words."""
    named = ((Statement, "birthplace_id"), (Statement, "status_place_id"), (Event, "place_id"))
    ours: dict[int, int] = {}
    for model, column in named:
        for place, source in model.objects.filter(source_id__in=sources).values_list(column, "source_id"):
            if place is not None:
                ours[place] = min(source, ours.get(place, source))
    elsewhere = set(Place.objects.filter(parent_id__in=ours).values_list("parent_id", flat=True))
    for model, column in named:
        others = model.objects.filter(**{f"{column}__in": ours}).exclude(source_id__in=sources)
        elsewhere.update(others.values_list(column, flat=True))
    written = Place.objects.filter(pk__in=set(ours) - elsewhere, level=Place.Level.WRITTEN).values_list("pk", flat=True)
    return {pk: ours[pk] for pk in written}


def _candidates(persons: Iterable[int]) -> models.QuerySet[MatchCandidate]:
    persons = list(persons)
    return MatchCandidate.objects.filter(Q(person_a_id__in=persons) | Q(person_b_id__in=persons))


def _counts(scope: _Scope) -> dict[int, dict[str, int]]:
    """The counts of each source of the scope: its own facts, persons, cases, and its removed persons' candidates."""
    counts = {}
    for pk in scope.sources:
        introduced = set(Person.objects.filter(source_id=pk).values_list("pk", flat=True))
        removed = introduced & scope.removed
        opened = set(Case.objects.filter(source_id=pk).values_list("pk", flat=True))
        counts[pk] = {
            **{name: model.objects.filter(source_id=pk).count() for name, model in FACTS.items()},
            "persons_removed": len(removed),
            "persons_kept": len(introduced & scope.kept),
            "cases_deleted": len(opened & scope.cases_deleted),
            "cases_closed": len(opened & scope.cases_closed),
            "match_candidates": _candidates(removed).count(),
            "match_decisions": MatchDecision.objects.filter(candidate__in=_candidates(removed)).count(),
            "places": sum(source == pk for source in scope.places.values()),
        }
    return counts


def _total(counts: dict[int, dict[str, int]]) -> dict[str, int]:
    total = Counter({name: 0 for name in COUNT_LABELS})
    for each in counts.values():
        total.update(each)
    return dict(total)


# ------------------------------------------------------------------------------------------ removing


def _remove(scope: _Scope, user: AbstractBaseUser | None) -> None:
    """Delete and empty what the scope names; the order follows the protecting foreign keys."""
    _empty_sources(scope.sources)
    Case.objects.filter(pk__in=scope.cases_deleted).delete()
    _close_cases(scope, user)
    names = list(PersonName.objects.filter(source_id__in=scope.sources).values_list("pk", flat=True))
    for model in FACTS.values():
        model.objects.filter(source_id__in=scope.sources).delete()
    Place.objects.filter(pk__in=scope.places).delete()
    _remove_persons(scope.removed)
    Person.objects.filter(pk__in=scope.kept).update(description="")
    _forget_admin_history(PersonName, names)
    _forget_admin_history(Person, scope.removed)


def _empty_sources(sources: list[int]) -> None:
    """Clear everything a source holds that tells of its witness: it stays, as a shell."""
    consent = {field.name: False for field in Source._meta.fields if field.name.startswith("may_")}
    emptied = {"text": "", "raw": None, "recorded_by": "", "testifier": None}
    for source in Source.objects.filter(pk__in=sources):
        for name, value in {**emptied, **consent, "sensitivity": Source.Sensitivity.CONFIDENTIAL}.items():
            setattr(source, name, value)
        if source.dataset_id is not None:
            source.row_key = withdrawn_row_keys(source.dataset_id, source.row_key)[0]
        source.save(update_fields=[*emptied, *consent, "sensitivity", "row_key"])


def withdrawn_row_keys(dataset_id: int, row_key: str) -> list[str]:
    """What a withdrawn list row keeps of its key: a keyed digest, telling nothing of the key; first under the
    current secret key, then under each former one (`SECRET_KEY_FALLBACKS`), so that a row withdrawn before the key
    was rotated is still recognised."""
    value = f"{dataset_id}\0{row_key}"
    secrets = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return [
        WITHDRAWN_KEY_PREFIX + salted_hmac(_ROW_KEY_SALT, value, secret, algorithm="sha256").hexdigest()[:40]
        for secret in secrets
    ]


def _close_cases(scope: _Scope, user: AbstractBaseUser | None) -> None:
    """Close the cases whose seeker stays, without the words of the withdrawn source or its removed persons."""
    closed = Case.objects.filter(pk__in=scope.cases_closed)
    SoughtPerson.objects.filter(case__in=closed, person_id__in=scope.removed).delete()
    CaseStatusChange.objects.filter(case__in=closed).update(reason="")
    applications = Application.objects.filter(Q(case__in=closed) | Q(source_id__in=scope.sources))
    applications.update(obstacles="")
    ApplicationUpdate.objects.filter(application__in=applications).update(note="")
    for case in closed:
        case.status, case.status_reason = Case.Status.CLOSED, CLOSED_REASON
        case.save(update_fields=["status", "status_reason"])
        CaseStatusChange.objects.create(case=case, status=case.status, reason=CLOSED_REASON, changed_by=user)


def _remove_persons(persons: set[int]) -> None:
    """Delete the persons with their review rows (which protect them), then group their identities' other members
    again."""
    others = set(
        IdentityMember.objects.filter(identity__members__person_id__in=persons).values_list("person_id", flat=True)
    )
    candidates = _candidates(persons)
    MatchDecision.objects.filter(candidate__in=candidates).delete()
    candidates.delete()
    Person.objects.filter(pk__in=persons).delete()
    if others - persons:
        regroup(others - persons)


def _forget_admin_history(model: type[models.Model], ids: Iterable[int]) -> None:
    """Delete the admin's history of these deleted rows: it keeps each one's text (a person's name)."""
    content_type = ContentType.objects.get_for_model(model)
    LogEntry.objects.filter(content_type=content_type, object_id__in=[str(pk) for pk in ids]).delete()
