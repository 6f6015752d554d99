"""Days since last contact: the figure a separated parent counts, computed afresh from the events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reunite.dates import PartialDate
from reunite.registry.models import Event


def last_contacts(person) -> QuerySet[Event]:
    """Last-contact events of `person` (a Person, an id or an OuterRef), the most recent first."""
    return Event.objects.filter(kind=Event.Kind.LAST_CONTACT, persons=person).order_by("-date_latest", "-id")


def annotate_last_contact(queryset: QuerySet, person_ref: str) -> QuerySet:
    """Add `last_contact` (a PartialDate or None) and `last_contact_latest` (its last possible day)."""
    events = last_contacts(OuterRef(person_ref))
    return queryset.annotate(
        last_contact=Subquery(events.values("date")[:1]),
        last_contact_latest=Subquery(events.values("date_latest")[:1]),
    )


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
