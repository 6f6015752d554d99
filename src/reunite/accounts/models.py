"""Organisations: records belong to one, and a person working in reunite sees their own organisation's only."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.translation import gettext_lazy as _

# The name given to the organisation of an installation that never named one.
FIRST_ORGANISATION = "Our organisation"


class OrganisationQuerySet(models.QuerySet):
    def sole(self) -> Organisation:
        """The installation's organisation when it has one (created on first use); with several, a writer must
        say which, so this refuses rather than guess."""
        organisations = list(self.order_by("pk")[:2])
        if not organisations:
            return self.create(name=FIRST_ORGANISATION)
        if len(organisations) > 1:
            raise ImproperlyConfigured("this installation has several organisations: say which one the records are for")
        return organisations[0]


class Organisation(models.Model):
    objects = OrganisationQuerySet.as_manager()

    name = models.CharField(_("name"), max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """The organisation an account works for: one each."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="memberships")

    def __str__(self) -> str:
        return f"{self.user} in {self.organisation}"


def sole_organisation_id() -> int:
    """Default organisation of a new record: right for an installation of one organisation, refused with several."""
    return Organisation.objects.sole().pk


def organisation_of(user: AbstractBaseUser | AnonymousUser) -> Organisation | None:
    """The organisation whose records the user works with; None for the anonymous and accounts in none."""
    if not user.is_authenticated:
        return None
    membership = Membership.objects.filter(user=user).select_related("organisation").first()
    return membership.organisation if membership else None


def organisation_writing(user: AbstractBaseUser | AnonymousUser | None) -> Organisation:
    """The organisation a writer's new records go to: the user's; for a command run without one, the installation's
    sole organisation."""
    if user is None or not user.is_authenticated:
        return Organisation.objects.sole()
    organisation = organisation_of(user)
    if organisation is None:
        raise ImproperlyConfigured("the account belongs to no organisation: an administrator must add it to one")
    return organisation
