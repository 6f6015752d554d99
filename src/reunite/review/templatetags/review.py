"""The person page's linkage section: who a person has been confirmed to be, and candidates still open."""

from __future__ import annotations

from django import template
from django.db.models import Q

from reunite.registry.models import Person
from reunite.review.models import MatchCandidate

register = template.Library()


@register.inclusion_tag("review/same_person_as.html", takes_context=True)
def same_person_as(context: template.Context, person: Person) -> dict:
    return {
        "person": person,
        "same": Person.objects.filter(identity_membership__identity__members__person=person)
        .exclude(pk=person.pk)
        .prefetch_related("names")
        .order_by("pk"),
        "open_candidates": open_candidates(person),
        "csrf_token": context.get("csrf_token"),
    }


def open_candidates(person: Person) -> list[tuple[MatchCandidate, Person]]:
    """The person's candidates nobody has settled (pending or "not sure"), best first, each with the other person."""
    candidates = (
        MatchCandidate.objects.filter(Q(person_a=person) | Q(person_b=person))
        .filter(status__in=[MatchCandidate.Status.PENDING, MatchCandidate.Status.UNSURE])
        .select_related("person_a", "person_b")
        .prefetch_related("person_a__names", "person_b__names")
        .order_by("-probability", "id")
    )
    return [(c, c.person_b if c.person_a_id == person.pk else c.person_a) for c in candidates]
