"""What the rest of reunite calls to have something recorded, and who it is recorded as done by.

    record(Action.DECIDED, candidate, user=user, detail={"verdict": "same"})   # a writer's own entry
    record_view(request, person)                                                # a page showed a record
    record_list(request, Person, [hit.person.pk for hit in found])              # a page listed records
    with summarised(): ...                                                      # one entry for many rows

Who: the user given, else the user of the request under way (`AuditMiddleware` puts it where model signals find
it), else no one (a command, a background job). Details name fields, count rows and give ids; never a name, a word
of testimony or an ID number.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models
from django.db.models import Q
from django.http import HttpRequest

from reunite.audit.chain import append
from reunite.audit.models import Action, Entry
from reunite.cases.models import Case, SoughtPerson
from reunite.registry.models import (
    Dataset,
    EventPerson,
    IdentityNumber,
    Person,
    PersonName,
    Relationship,
    Source,
    Statement,
)
from reunite.review.models import MatchCandidate

if TYPE_CHECKING:
    from reunite.transfer.restore import Restored

PRIVATE = (Source.Sensitivity.RESTRICTED, Source.Sensitivity.CONFIDENTIAL)

_request: ContextVar[HttpRequest | None] = ContextVar("audit_request", default=None)
_summarising: ContextVar[bool] = ContextVar("audit_summarising", default=False)


@contextmanager
def during(request: HttpRequest) -> Iterator[None]:
    """Entries written while handling `request` are its user's."""
    token = _request.set(request)
    try:
        yield
    finally:
        _request.reset(token)


@contextmanager
def summarised() -> Iterator[None]:
    """Within, saves and deletes write no entry each: the writer records the whole in one (a testimony, a decision,
    a linkage run), with counts instead of a row per fact."""
    token = _summarising.set(True)
    try:
        yield
    finally:
        _summarising.reset(token)


def summarising() -> bool:
    return _summarising.get()


def current_user() -> AbstractBaseUser | None:
    """The logged-in user of the request under way, if any."""
    return _account(getattr(_request.get(), "user", None))


def _account(user: AbstractBaseUser | AnonymousUser | None) -> AbstractBaseUser | None:
    return user if user is not None and user.is_authenticated else None


def record(
    action: str,
    obj: models.Model | None = None,
    *,
    user: AbstractBaseUser | AnonymousUser | None = None,
    object_type: str = "",
    object_id: str | int = "",
    detail: dict[str, Any] | None = None,
) -> Entry:
    """Append an entry about `obj` (else about `object_type` and `object_id`) by `user`, else by the user of the
    request under way."""
    if obj is not None:
        object_type, object_id = obj._meta.label_lower, obj.pk
    return append(
        action, user=_account(user) or current_user(), object_type=object_type, object_id=object_id, detail=detail
    )


def record_view(request: HttpRequest, obj: models.Model) -> Entry | None:
    """A page showed `obj`: recorded when a restricted or confidential source speaks of it (`private_ids`)."""
    if not private_ids(type(obj), [obj.pk]):
        return None
    return record(Action.VIEWED, obj, user=request.user, detail={"page": _page(request)})


def record_list(request: HttpRequest, model: type[models.Model], ids: Iterable[int]) -> Entry | None:
    """A page listed these records (search results, a list): one entry, with how many were shown and the ids of
    those a restricted or confidential source speaks of; none when it showed no such record. A search's words are
    not kept: they are often a name."""
    shown = list(dict.fromkeys(ids))
    private = private_ids(model, shown)
    if not private:
        return None
    return record(
        Action.VIEWED,
        user=request.user,
        object_type=model._meta.label_lower,
        detail={"page": _page(request), "shown": len(shown), "private": private},
    )


def _page(request: HttpRequest) -> str:
    """Which page, by its name in the URL configuration (its path may carry a search's words)."""
    return request.resolver_match.view_name if request.resolver_match else ""


def record_import(dataset: Dataset, source_ids: list[int], person_ids: list[int], user_id: int | None) -> Entry:
    """A batch of a list's rows, which the importer writes without model saves: the dataset, how many rows and
    persons, and the first and last of the sources' ids."""
    user = get_user_model().objects.filter(pk=user_id).first() if user_id is not None else None
    detail = {"dataset": dataset.name, "rows": len(source_ids), "persons": len(person_ids)}
    if source_ids:
        detail["sources"] = [min(source_ids), max(source_ids)]
    return record(Action.IMPORTED, dataset, user=user, detail=detail)


def record_restore(restored: Restored, user: AbstractBaseUser | None) -> Entry:
    """A reunite export restored (in bulk, without model saves): when it was made and for whom, and the counts."""
    return record(
        Action.IMPORTED,
        user=user,
        detail={
            "export": restored.made,
            "sources": restored.sources,
            "present": restored.present,
            "added": restored.added,
            "skipped": restored.skipped,
        },
    )


# ------------------------------------------------------------------------------- which records are private


def private_ids(model: type[models.Model], ids: Iterable[int]) -> list[int]:
    """Which of these records a restricted or confidential source speaks of: a person, through any fact stated of
    them; a case or a candidate, through its persons; a source, by its own sensitivity; any other record with a
    source, by that source's (a record without one is private: sources are private by default)."""
    ids = sorted(set(ids))
    if not ids:
        return []
    if model is Source:
        private = Source.objects.filter(pk__in=ids, sensitivity__in=PRIVATE)
        return list(private.order_by("pk").values_list("pk", flat=True))
    if model is Person:
        return private_persons(ids)
    if model in _PERSONS_OF:
        persons = _PERSONS_OF[model](ids)
        private = set(private_persons(pk for shown in persons.values() for pk in shown))
        return [pk for pk in ids if private.intersection(persons.get(pk, ()))]
    told = model.objects.filter(pk__in=ids).exclude(source__sensitivity=Source.Sensitivity.PUBLIC)
    return list(told.order_by("pk").values_list("pk", flat=True))


def private_persons(ids: Iterable[int]) -> list[int]:
    """Those of these persons some restricted or confidential source speaks of: the source that introduced them, or
    one that names them, states a fact of them, relates them or tells of an event of theirs. One query."""
    ids = sorted(set(ids))
    if not ids:
        return []
    private = Q(source__sensitivity__in=PRIVATE)
    told = [
        Person.objects.filter(private, pk__in=ids).values_list("pk"),
        PersonName.objects.filter(private, person_id__in=ids).values_list("person_id"),
        IdentityNumber.objects.filter(private, person_id__in=ids).values_list("person_id"),
        Statement.objects.filter(private, person_id__in=ids).values_list("person_id"),
        Relationship.objects.filter(private, person_id__in=ids).values_list("person_id"),
        Relationship.objects.filter(private, relative_id__in=ids).values_list("relative_id"),
        EventPerson.objects.filter(person_id__in=ids, event__source__sensitivity__in=PRIVATE).values_list("person_id"),
    ]
    first, *rest = [query.order_by() for query in told]
    return sorted(pk for (pk,) in first.union(*rest))


def _case_persons(ids: list[int]) -> dict[int, list[int]]:
    persons = defaultdict(list)
    for case, seeker in Case.objects.filter(pk__in=ids).values_list("pk", "seeker_id"):
        persons[case].append(seeker)
    for case, person in SoughtPerson.objects.filter(case_id__in=ids).values_list("case_id", "person_id"):
        persons[case].append(person)
    return persons


def _candidate_persons(ids: list[int]) -> dict[int, list[int]]:
    pairs = MatchCandidate.objects.filter(pk__in=ids).values_list("pk", "person_a_id", "person_b_id")
    return {pk: [a, b] for pk, a, b in pairs}


# The persons a record shows, for records that are private through their persons.
_PERSONS_OF: dict[type[models.Model], Callable[[list[int]], dict[int, list[int]]]] = {
    Case: _case_persons,
    MatchCandidate: _candidate_persons,
}
