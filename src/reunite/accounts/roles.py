"""The four roles of reunite, kept as Django groups: what a person does decides what they may see.

- administrator: every record, the accounts, the admin;
- caseworker: every record of the organisation, to document and follow cases;
- researcher: public and restricted sources, to link and count; never a confidential testimony;
- advocate: aggregate figures only, never a record.
"""

from __future__ import annotations

from enum import StrEnum

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


class Role(StrEnum):
    ADMINISTRATOR = "administrator"
    CASEWORKER = "caseworker"
    RESEARCHER = "researcher"
    ADVOCATE = "advocate"


# A user in several groups acts with the widest of them.
WIDEST_FIRST = (Role.ADMINISTRATOR, Role.CASEWORKER, Role.RESEARCHER, Role.ADVOCATE)


def role_of(user: AbstractBaseUser | AnonymousUser) -> Role | None:
    """The role a user acts in; None for the anonymous and for accounts no one has given a role."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Role.ADMINISTRATOR
    groups = set(user.groups.values_list("name", flat=True))
    return next((role for role in WIDEST_FIRST if role.value in groups), None)
