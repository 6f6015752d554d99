"""Days since last contact: the figure a separated parent counts, computed afresh from the events."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import F, OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reunite.dates import PartialDate
from reunite.registry.models import Event, EventPerson, Source


def last_contacts(person) -> QuerySet[Event]:
    """Last-contact events of `person` (a Person, an id or an OuterRef), the most recent first."""
    return Event.objects.filter(kind=Event.Kind.LAST_CONTACT, persons=person).order_by("-date_latest", "-id")


def by_last_contact(queryset: QuerySet, person_ref: str) -> QuerySet:
    """`queryset` ordered by how long ago the person at `person_ref` was last heard from, longest first.

    Persons never heard from since a known date come after all others: there is no number to rank them by.
    """
    latest = last_contacts(OuterRef(person_ref)).values("date_latest")[:1]
    return queryset.annotate(last_contact_latest=Subquery(latest)).order_by(
        F("last_contact_latest").asc(nulls_last=True), "pk"
    )


def latest_contacts(person_ids: Iterable[int], sources: QuerySet[Source] | None = None) -> dict[int, PartialDate]:
    """The latest last contact of each of these persons that has one, in one query; as far as `sources` tell it,
    when given (what leaves counts only the events of the sources disclosed)."""
    rows = EventPerson.objects.filter(person_id__in=list(person_ids), event__kind=Event.Kind.LAST_CONTACT)
    if sources is not None:
        rows = rows.filter(event__source__in=sources)
    latest: dict[int, PartialDate] = {}
    for person_id, when in rows.values_list("person_id", "event__date"):
        if when is not None and (person_id not in latest or when.latest > latest[person_id].latest):
            latest[person_id] = when
    return latest


@dataclass(frozen=True)
class DaysSince:
    last_contact: PartialDate | None
    today: date

    @property
    def days(self) -> int | None:
        return None if self.last_contact is None else self.last_contact.days_since(self.today)

    @property
    def exact(self) -> bool:
        return self.last_contact is not None and self.last_contact.is_exact

    def __str__(self) -> str:
        if self.days is None:
            return _("no contact recorded")
        text = ngettext("%(days)s day", "%(days)s days", self.days) % {
            "days": number_format(self.days, force_grouping=True)
        }
        return text if self.exact else _("at least %(text)s") % {"text": text}


def days_since(last_contact: PartialDate | None, today: date | None = None) -> DaysSince:
    return DaysSince(last_contact, today or timezone.localdate())
