"""Who may read what, and what may leave reunite to whom: the one place where a source's organisation,
sensitivity and consent are read.

Every way out (pages, search, the review queue, exports, the admin; reports and dossiers as they come) asks here
rather than deciding for itself. A user reads the sources of their own organisation that their role may read
(`readable_sources`); persons and cases are seen through the source that introduced them. Facts are disclosed
source by source, since each fact row points to the source that states it: a person appears with what their
disclosed sources say, and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from reunite.accounts.models import organisation_of
from reunite.accounts.roles import Role, role_of
from reunite.registry.models import Person, Source


class Audience(StrEnum):
    TEAM = "team"  # the organisation's own people, each within their role
    PARTNERS = "partners"  # a partner organisation
    GOVERNMENTS = "governments"  # a government, e.g. for a reunification application


_SENSITIVITIES_READ: dict[Role | None, tuple[str, ...]] = {
    Role.ADMINISTRATOR: tuple(Source.Sensitivity),
    Role.CASEWORKER: tuple(Source.Sensitivity),
    Role.RESEARCHER: (Source.Sensitivity.PUBLIC, Source.Sensitivity.RESTRICTED),
    Role.ADVOCATE: (),  # aggregate figures only
    None: (),
}
_CONSENT_TO_SHARE = {
    Audience.TEAM: Q(),
    Audience.PARTNERS: Q(may_share_with_partners=True),
    Audience.GOVERNMENTS: Q(may_share_with_governments=True),
}


class NotAllowed(PermissionDenied):
    """The user's role does not allow what was asked (a page answers 403). The message says why, and names no one."""


def may_see_records(role: Role | None) -> bool:
    """Whether a role works with records at all (advocates and accounts without a role do not)."""
    return bool(_SENSITIVITIES_READ[role])


def readable_sources(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Source]:
    """The sources the user may read: their organisation's, of the sensitivities their role reads."""
    role = role_of(user)
    if not may_see_records(role):
        raise NotAllowed(f"the role {role or 'none'} does not work with records")
    organisation = organisation_of(user)
    if organisation is None:
        raise NotAllowed("the account belongs to no organisation")
    return Source.objects.filter(organisation=organisation, sensitivity__in=_SENSITIVITIES_READ[role])


def readable_persons(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Person]:
    """The persons the user may see: those introduced by a source they may read."""
    return Person.objects.filter(source__in=readable_sources(user))


def disclosed_sources(user: AbstractBaseUser | AnonymousUser, audience: Audience = Audience.TEAM) -> QuerySet[Source]:
    """The sources whose facts may go to `audience` when `user` sends them: readable by the user, with consent."""
    return readable_sources(user).filter(_CONSENT_TO_SHARE[audience])


@dataclass(frozen=True)
class Disclosure:
    """Which parts of a disclosed source's facts may go to the audience."""

    names: bool  # names, and ID numbers, which name a person as surely
    testimony: bool  # the testimony's own words
    raw: bool  # an imported row as it was: it holds all of the above

    @property
    def notes(self) -> bool:
        """Free text written from a testimony: a person's or an event's description, case and application notes,
        who took the testimony, a list's description. It may name anyone, in the testimony or not, so it goes where
        the testimony's own words go."""
        return self.testimony


def disclosure(source: Source, audience: Audience) -> Disclosure:
    """Within the team everything the role reads; outside it, names only with consent to be named, and never the
    testimony's words or the raw row (quotes leave only anonymised, in reports)."""
    if audience is Audience.TEAM:
        return Disclosure(names=True, testimony=True, raw=True)
    return Disclosure(names=source.may_be_named, testimony=False, raw=False)


def quotable_testimonies(sources: QuerySet[Source]) -> QuerySet[Source]:
    """The testimonies among `sources` a published report may quote, anonymised: their witness allowed anonymous
    quotation and has not withdrawn, and they are not confidential (a confidential testimony is read by the
    organisation's caseworkers alone, and a quote, however anonymised, is read by everyone)."""
    return (
        sources.filter(kind=Source.Kind.TESTIMONY, may_quote_anonymously=True, withdrawal__isnull=True)
        .exclude(sensitivity=Source.Sensitivity.CONFIDENTIAL)
        .exclude(text="")
    )
