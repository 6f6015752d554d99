"""Accounts for tests: a user acting in a role, and a client logged in as one past both factors."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from reunite.accounts.models import Membership, Organisation

PASSWORD = "a long enough secret"


def account(role: str | None, name: str = "someone", organisation: Organisation | None = None):
    """A user acting in `role` (None: an account nobody gave a role), working for `organisation` (default: the
    installation's one organisation, whose records tests make by default)."""
    user = get_user_model().objects.create_user(name, password=PASSWORD)
    Membership.objects.create(user=user, organisation=organisation or Organisation.objects.sole())
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def sign_in(client: Client, user) -> Client:
    """Log `user` in on `client` past both factors, as after typing their password and their app's code: an
    authenticator set up (confirmed), and the session verified by it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
