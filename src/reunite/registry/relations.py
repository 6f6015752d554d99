"""How a relationship reads from either side: "X is <role> of Y".

Relationships are stored one way (`person` is `kind` of `relative`); roles name both directions, so a
form can say "child of the seeker" and a person page can say "child" for the same row.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from reunite.registry.models import Relationship

Kind = Relationship.Kind

# role: (stored kind, whether the role holder is the stored `relative` rather than the `person`)
ROLES: dict[str, tuple[str, bool]] = {
    "child": (Kind.PARENT, True),
    "parent": (Kind.PARENT, False),
    "spouse": (Kind.SPOUSE, False),
    "sibling": (Kind.SIBLING, False),
    "grandparent": (Kind.GRANDPARENT, False),
    "grandchild": (Kind.GRANDPARENT, True),
    "guardian": (Kind.GUARDIAN, False),
    "ward": (Kind.GUARDIAN, True),
    "caregiver": (Kind.CAREGIVER, False),
    "cared_for": (Kind.CAREGIVER, True),
}

ROLE_LABELS = {
    "child": _("child"),
    "parent": _("parent"),
    "spouse": _("spouse"),
    "sibling": _("sibling"),
    "grandparent": _("grandparent"),
    "grandchild": _("grandchild"),
    "guardian": _("guardian"),
    "ward": _("ward"),
    "caregiver": _("caregiver"),
    "cared_for": _("in their care"),
}

# Kinds that read the same both ways, stored once.
SYMMETRIC = {Kind.SPOUSE: "spouse", Kind.SIBLING: "sibling"}

ROLE_CHOICES = [(role, ROLE_LABELS[role]) for role in ROLES]


def stored(holder: int, role: str, other: int) -> tuple[int, str, int]:
    """(person, kind, relative) to store for "`holder` is `role` of `other`"."""
    kind, holder_is_relative = ROLES[role]
    return (other, kind, holder) if holder_is_relative else (holder, kind, other)


def role_of_other(relationship: Relationship, viewer_id: int) -> str:
    """The role the other person of `relationship` plays for the person `viewer_id`."""
    if relationship.kind in SYMMETRIC:
        return SYMMETRIC[relationship.kind]
    other_is_relative = relationship.person_id == viewer_id
    for role, (kind, holder_is_relative) in ROLES.items():
        if kind == relationship.kind and holder_is_relative == other_is_relative:
            return role
    raise ValueError(f"no role for {relationship.kind}")
