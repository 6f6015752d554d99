"""Accounts for tests: a user acting in a role."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

PASSWORD = "a long enough secret"


def account(role: str | None, name: str = "someone"):
    """A user acting in `role` (None: an account nobody gave a role)."""
    user = get_user_model().objects.create_user(name, password=PASSWORD)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user
