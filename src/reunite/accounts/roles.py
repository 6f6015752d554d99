"""The four roles of reunite, kept as Django groups with permissions: what a person does decides what they may do.

- administrator: every record of the organisation, the accounts, the audit log, the admin;
- caseworker: every record of the organisation, to document and follow cases;
- researcher: public and restricted sources, to link and count; never a confidential testimony;
- advocate: aggregate figures only, never a record.

Which sources a role may read is the business of `registry.disclosure`; which actions it may take is the group's
permissions below, written to the groups after every `migrate`, so the table here is the one truth.
"""

from __future__ import annotations

from enum import StrEnum

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group, Permission
from django.db.models import Q


class Role(StrEnum):
    ADMINISTRATOR = "administrator"
    CASEWORKER = "caseworker"
    RESEARCHER = "researcher"
    ADVOCATE = "advocate"


# A user in several groups acts with the widest of them.
WIDEST_FIRST = (Role.ADMINISTRATOR, Role.CASEWORKER, Role.RESEARCHER, Role.ADVOCATE)

# What each permission lets a person do in the app (views check these with `user.has_perm`).
READ_RECORDS = "registry.view_person"  # person pages, search, case pages
DOCUMENT = "cases.add_case"  # record a testimony
FOLLOW_CASES = "cases.change_case"  # case status, applications and their steps
REVIEW = "review.change_matchcandidate"  # decide on candidate matches, find matches
IMPORT = "transfer.add_importjob"
EXPORT = "transfer.add_export"
WITHDRAW_CONSENT = "registry.change_source"  # redact a source whose witness withdrew consent
READ_AUDIT = "audit.view_entry"
REPORT = "reports.add_report"  # aggregate reports and statistics tables, small counts protected

_WORK_WITH_RECORDS = (READ_RECORDS, "cases.view_case", "review.view_matchcandidate", REVIEW, IMPORT, EXPORT)
ROLE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.ADMINISTRATOR: (*_WORK_WITH_RECORDS, DOCUMENT, FOLLOW_CASES, WITHDRAW_CONSENT, READ_AUDIT, REPORT),
    Role.CASEWORKER: (*_WORK_WITH_RECORDS, DOCUMENT, FOLLOW_CASES, WITHDRAW_CONSENT, REPORT),
    Role.RESEARCHER: (*_WORK_WITH_RECORDS, REPORT),
    Role.ADVOCATE: (REPORT,),
}


def role_of(user: AbstractBaseUser | AnonymousUser) -> Role | None:
    """The role a user acts in; None for the anonymous and for accounts no one has given a role."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Role.ADMINISTRATOR
    groups = set(user.groups.values_list("name", flat=True))
    return next((role for role in WIDEST_FIRST if role.value in groups), None)


def grant_role_permissions(**kwargs) -> None:
    """Give each role's group exactly the permissions of `ROLE_PERMISSIONS`.

    Runs on every app's post_migrate: an app's permissions appear only with its own signal, so early calls grant
    what exists so far and the last one grants all. Not in the audit log: the table is code, changed by a release,
    not by anyone's hand."""
    from reunite.audit.record import summarised  # the audit app reads the roles: imported once both are loaded

    with summarised():
        for role, names in ROLE_PERMISSIONS.items():
            group, _ = Group.objects.get_or_create(name=role.value)
            wanted = Q(pk__in=[])
            for name in names:
                app, codename = name.split(".")
                wanted |= Q(content_type__app_label=app, codename=codename)
            group.permissions.set(Permission.objects.filter(wanted))
